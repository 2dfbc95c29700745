import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { createContext, resolveGlobals } from '../../src/cli/context.js';
import { earlyListings } from '../../src/cli/live.js';
import { divisionKind, kinds, skillKind, userKind } from '../../src/kinds/index.js';
import { emulatorEnv } from '../helpers/cli-env.js';
import { seedDivisions, startTestEmulator } from '../helpers/emulator.js';
import { createTree } from '../helpers/example.js';
import { createTestIo } from '../helpers/io.js';

/**
 * A check starts listing a kind as soon as its scan meets a resource of it,
 * when the listing does not depend on the names the configuration asks for
 * (kinds with a lookup wait for the whole scan). The listing then overlaps
 * the rest of the scan; a scan that fails cancels it.
 */

const divisions = '/api/v2/authorization/divisions';
const users = '/api/v2/users';

const root = [
  'resource "genesyscloud_auth_division" "sales" {\n  name = "Division 0001"\n}\n',
  'resource "genesyscloud_user" "ann" {\n  name  = "Ann"\n  email = "ann@example.com"\n}\n',
  'module "later" {\n  source = "./later"\n}\n',
].join('\n');

describe('check: listings started during the scan', () => {
  it('a scan error is reported at once, with listings in flight cancelled', async () => {
    // Answers take 300 ms: the login and any listing are still in flight when
    // the module's syntax error is found.
    const emulator = await startTestEmulator({
      seed: { divisions: seedDivisions(3) },
      latencyMs: 300,
    });
    const dir = await createTree({
      'main.tf': root,
      'later/main.tf': 'resource "genesyscloud_auth_division" "x" {\n  name = \n}\n',
    });
    const io = createTestIo({ env: emulatorEnv(emulator) });
    expect(await main(['check', dir], io)).toBe(1);
    expect(io.err()).toMatch(/later\/main\.tf:2:\d+: /);
    // Users are looked up by the names the whole scan finds: never asked for here.
    expect(emulator.requests.filter((r) => r.path.startsWith(users))).toEqual([]);
  });

  it('starts a listing when asked, hands it over once, and cancels one never taken', async () => {
    const emulator = await startTestEmulator({
      seed: { divisions: seedDivisions(3) },
      latencyMs: 200,
    });
    const io = createTestIo({ env: emulatorEnv(emulator) });
    const ctx = createContext(io, resolveGlobals({ tokenCache: false }, io));
    const listings = earlyListings(ctx);
    listings.start(divisionKind);
    listings.start(userKind);
    // Users look up names: not started. Divisions are, once.
    expect(listings.take(userKind)).toBeUndefined();
    const taken = listings.take(divisionKind);
    expect(listings.take(divisionKind)).toBeUndefined();
    expect((await taken)?.map((d) => d.name).sort()).toEqual([
      'Division 0001',
      'Division 0002',
      'Division 0003',
      'Home',
    ]);
    listings.start(skillKind);
    const started = Date.now();
    listings.stop();
    await expect(listings.take(skillKind)).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(150);
  });

  it('the listing started early is the one the check uses: one request per page', async () => {
    const emulator = await startTestEmulator({ seed: { divisions: seedDivisions(150) } });
    const dir = await createTree({
      'main.tf': root.replace(/module "later"[\s\S]*$/, ''),
    });
    const io = createTestIo({ env: emulatorEnv(emulator) });
    expect(await main(['check', dir, '--format', 'json'], io)).toBe(2);
    const { findings } = JSON.parse(io.out()) as { findings: { address: string; kind: string }[] };
    expect(findings).toContainEqual(
      expect.objectContaining({ address: 'genesyscloud_auth_division.sales', kind: 'conflict' }),
    );
    // Two pages of 100 (151 with the home division), and page 1 read again once to confirm.
    const pages = emulator.requests
      .filter((r) => r.path === divisions)
      .map((r) => new URLSearchParams(r.query).get('pageNumber'));
    expect(pages.sort()).toEqual(['1', '1', '2']);
  });

  it('only kinds whose listing ignores the names start early', () => {
    expect(divisionKind.looksUp).toBeUndefined();
    expect(userKind.looksUp).toBe(true);
    const early = [...kinds.values()].filter((k) => k.looksUp !== true).map((k) => k.tfType);
    expect(early).toContain('genesyscloud_routing_queue');
    expect(early).not.toContain('genesyscloud_location');
  });

  it('list: a refused login is asked once and reported; an accepted one serves the listing', async () => {
    const emulator = await startTestEmulator({ latencyMs: 100 });
    const refused = createTestIo({
      env: emulatorEnv(emulator, { GENESYSCLOUD_OAUTHCLIENT_SECRET: 'wrong' }),
    });
    expect(await main(['divisions', 'list'], refused)).toBe(1);
    expect(refused.err()).toMatch(/^gcadopt: POST \/oauth\/token failed: 401 /);
    expect(emulator.requests.map((r) => r.path)).toEqual(['/oauth/token']);
    const io = createTestIo({ env: emulatorEnv(emulator) });
    expect(await main(['divisions', 'list', '--format', 'json'], io)).toBe(0);
    expect(emulator.requests.map((r) => r.path).slice(1)).toEqual(['/oauth/token', divisions]);
  });
});
