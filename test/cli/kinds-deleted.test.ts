import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { ApiError, isAlreadyExists } from '../../src/genesys/api-error.js';
import { groupKind, languageKind, skillKind } from '../../src/kinds/index.js';
import { emulatorEnv } from '../helpers/cli-env.js';
import { createEmulatorClient } from '../helpers/client.js';
import { loginAt } from '../helpers/emulator-process.js';
import { loginTo, startTestEmulator } from '../helpers/emulator.js';
import { createTree } from '../helpers/example.js';
import { createTestIo } from '../helpers/io.js';

/**
 * Skills, languages and groups are soft-deleted: listings still return them
 * with `state: "deleted"`, and the provider drops such rows. Whether a deleted
 * name still blocks a create is unverified, so the emulator has a switch; the
 * client drops the rows either way.
 */

const deleted = { state: 'deleted' };
const seed = (limits: object = {}) => ({
  skills: [{ id: 'bbbbbbbb-0000-4000-8000-000000000001', name: 'Billing', ...deleted }],
  languages: [{ id: 'bbbbbbbb-0000-4000-8000-000000000002', name: 'French', ...deleted }],
  groups: [
    {
      id: 'bbbbbbbb-0000-4000-8000-000000000003',
      name: 'Ops',
      type: 'official',
      visibility: 'public',
      ...deleted,
    },
  ],
  limits,
});

const config = [
  'resource "genesyscloud_routing_skill" "billing" {\n  name = "Billing"\n}\n',
  'resource "genesyscloud_routing_language" "french" {\n  name = "French"\n}\n',
  'resource "genesyscloud_group" "ops" {\n  name = "Ops"\n}\n',
].join('\n');

const creates = [
  [skillKind.family, { name: 'Billing' }],
  [languageKind.family, { name: 'French' }],
  [groupKind.family, { name: 'Ops', type: 'official', visibility: 'public' }],
] as const;

describe.each([
  ['off (the default)', {}, {}],
  ['on', { deletedNamesBlock: true }, {}],
  ['on from the seed limits', {}, { deletedNamesBlock: true }],
])('deleted names blocking %s', (label, options, limits) => {
  const blocks = label.startsWith('on');

  it('lists the deleted rows; the client drops them; check warns that each name may still be taken', async () => {
    const emulator = await startTestEmulator({ seed: seed(limits), ...options });
    const api = await loginTo(emulator);
    const raw = (await (await api('/api/v2/routing/skills')).json()) as {
      entities: { name: string; state: string }[];
    };
    expect(raw.entities).toEqual([expect.objectContaining({ name: 'Billing', state: 'deleted' })]);
    const client = createEmulatorClient(emulator);
    for (const [family] of creates) expect(await client.entities(family).list()).toEqual([]);

    const dir = await createTree({ 'main.tf': config });
    const io = createTestIo({ env: emulatorEnv(emulator) });
    // Whether a deleted name blocks is unverified (the emulator's switch): a warning, never clean.
    expect(await main(['check', dir, '--format', 'json'], io)).toBe(0);
    const { findings } = JSON.parse(io.out()) as {
      findings: { kind: string; severity: string; address: string; live?: { id: string } }[];
    };
    expect(findings.map((f) => [f.address, f.kind, f.severity, f.live?.id])).toEqual([
      ['genesyscloud_group.ops', 'deleted-name', 'warning', 'bbbbbbbb-0000-4000-8000-000000000003'],
      [
        'genesyscloud_routing_language.french',
        'deleted-name',
        'warning',
        'bbbbbbbb-0000-4000-8000-000000000002',
      ],
      [
        'genesyscloud_routing_skill.billing',
        'deleted-name',
        'warning',
        'bbbbbbbb-0000-4000-8000-000000000001',
      ],
    ]);
    const strict = createTestIo({ env: emulatorEnv(emulator) });
    expect(await main(['check', dir, '--fail-on', 'warning'], strict)).toBe(2);
  });

  it(`a create of a deleted name ${blocks ? 'fails as "already exists"' : 'succeeds'}`, async () => {
    const emulator = await startTestEmulator({ seed: seed(limits), ...options });
    const client = createEmulatorClient(emulator);
    for (const [family, body] of creates) {
      const outcome = await client
        .entities(family)
        .create(body)
        .then(
          (e) => e.name,
          (e: unknown) => e,
        );
      if (blocks) {
        expect(outcome).toBeInstanceOf(ApiError);
        expect(isAlreadyExists(outcome)).toBe(true);
      } else expect(outcome).toBe(body.name);
    }
  });
});

describe('gcadopt emulator --deleted-names-block', () => {
  it('makes a deleted name block a create', async () => {
    const controller = new AbortController();
    const io = createTestIo({ signal: controller.signal });
    const running = main(['emulator', '--port', '0', '--deleted-names-block'], io);
    await expect.poll(() => io.out()).toContain('Press Ctrl-C');
    const emulator = {
      url: /listening on (\S+)/.exec(io.out())![1]!,
      id: /OAUTHCLIENT_ID=(\S+)/.exec(io.out())![1]!,
      secret: /OAUTHCLIENT_SECRET=(\S+)/.exec(io.out())![1]!,
    };
    const api = await loginAt(emulator.url, emulator.id, emulator.secret);
    const post = () =>
      api('/api/v2/routing/skills', { method: 'POST', body: JSON.stringify({ name: 'Gone' }) });
    const created = (await (await post()).json()) as { id: string };
    await api(`/api/v2/routing/skills/${created.id}`, { method: 'DELETE' });
    expect((await post()).status).toBe(409);
    controller.abort();
    expect(await running).toBe(0);
  });
});
