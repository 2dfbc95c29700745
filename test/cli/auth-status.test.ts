import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { kinds } from '../../src/kinds/index.js';
import { emulatorEnv } from '../helpers/cli-env.js';
import { loginTo, startTestEmulator } from '../helpers/emulator.js';
import { createTestIo } from '../helpers/io.js';

async function run(env: Record<string, string>, cwd?: string) {
  const io = createTestIo({ env, ...(cwd === undefined ? {} : { cwd }) });
  const code = await main(['auth', 'status'], io);
  return { code, out: io.out(), err: io.err() };
}

describe('gcadopt auth status', () => {
  it('says where the credentials came from, the endpoints, the org, the expiry and that every kind may be listed', async () => {
    const emulator = await startTestEmulator({ tokenLifetime: 7200 });
    const me = (await (await (await loginTo(emulator))('/api/v2/organizations/me')).json()) as {
      id: string;
    };
    const result = await run(emulatorEnv(emulator));
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    const lines = result.out.split('\n');
    expect(lines.slice(0, 5)).toEqual([
      'credentials: from the environment (GENESYSCLOUD_OAUTHCLIENT_ID, GENESYSCLOUD_OAUTHCLIENT_SECRET)',
      'region: (none: the API URL is given)',
      `api: ${emulator.url}`,
      `login: ${emulator.url}`,
      `org: "Emulated Org" (${me.id})`,
    ]);
    expect(lines[5]).toMatch(/^token: expires \d{4}-\d\d-\d\dT[\d:.]+Z \(in (1h 59m|2h 0m)\)$/);
    expect(lines[6]).toBe('listing:');
    expect(lines.slice(7, -1)).toHaveLength(kinds.size);
    for (const k of kinds.values())
      expect(result.out).toMatch(
        new RegExp(`^  ${k.plural}: permitted( \\(listed per \\w+, as \\w+\\))?$`, 'm'),
      );
    expect(result.out).toContain('  outbound routes: permitted (listed per site, as sites)\n');
    const [client] = emulator.clients;
    expect(result.out).not.toContain(client!.secret);
  });

  it('names the permission the API says is missing, and exits 1', async () => {
    const emulator = await startTestEmulator({
      seed: {
        clients: [
          { id: 'narrow', secret: 'narrow-secret', permissions: ['authorization:division:view'] },
        ],
      },
    });
    const result = await run(emulatorEnv(emulator));
    expect(result.code).toBe(1);
    expect(result.out).toContain('  divisions: permitted\n');
    expect(result.out).toContain(
      '  queues: not permitted: missing permission routing:queue:view\n',
    );
    expect(result.out).toContain(
      '  wrap-up codes: not permitted: missing permission routing:wrapupCode:view\n',
    );
  });

  it('asks each kind for its smallest page: one request per kind, however large the org', async () => {
    // Three pages of 100 divisions and of skill groups: a listing would take three requests each.
    const many = (name: string, extra: object = {}) =>
      Array.from({ length: 250 }, (_, i) => ({ name: `${name} ${i}`, ...extra }));
    const emulator = await startTestEmulator({
      seed: { divisions: many('Division'), skillgroups: many('Group', { skillConditions: [] }) },
    });
    const result = await run(emulatorEnv(emulator));
    expect(result.code).toBe(0);
    // Outbound routes are listed per site: the sites' probe answers for them.
    const nested = emulator.requests.filter((r) => r.path.includes('/outboundroutes'));
    expect(nested).toHaveLength(0);
    for (const k of [...kinds.values()].filter((k) => !k.family.path.includes('{'))) {
      const asked = emulator.requests.filter((r) => r.path === k.family.path);
      expect(asked, k.plural).toHaveLength(1);
      const query = new URLSearchParams(asked[0]?.query);
      expect(query.get('pageSize'), k.plural).toBe('1');
      expect(query.get('pageNumber'), k.plural).toBe(k.family.paging === 'cursor' ? null : '1');
    }
  });

  it('reads credentials from .env and says so', async () => {
    const emulator = await startTestEmulator();
    const {
      GENESYSCLOUD_OAUTHCLIENT_ID: id,
      GENESYSCLOUD_OAUTHCLIENT_SECRET: secret,
      ...env
    } = emulatorEnv(emulator);
    const { createTree } = await import('../helpers/example.js');
    const dir = await createTree({
      '.env': `GENESYS_CLOUD_CLIENT_ID=${id}\nGENESYS_CLOUD_CLIENT_SECRET=${secret}\n`,
    });
    const result = await run(env, dir);
    expect(result.code).toBe(0);
    expect(result.out.split('\n')[0]).toBe(
      'credentials: from the .env file (GENESYS_CLOUD_CLIENT_ID, GENESYS_CLOUD_CLIENT_SECRET)',
    );
  });
});
