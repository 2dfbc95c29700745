import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { emulatorEnv } from '../helpers/cli-env.js';
import { loginTo } from '../helpers/emulator.js';
import { copyExample, startExampleOrg } from '../helpers/example.js';
import { createTestIo } from '../helpers/io.js';

async function run(args: string[], env: Record<string, string>) {
  const io = createTestIo({ env });
  const code = await main(args, io);
  return { code, out: io.out(), err: io.err() };
}

describe('which org', () => {
  it('every report names the org the API says the credentials belong to, and the API host', async () => {
    const org = await startExampleOrg();
    const dir = await copyExample();
    const api = await loginTo(org);
    const me = (await (await api('/api/v2/organizations/me')).json()) as { id: string };
    const host = new URL(org.url).host;
    const plan = ['check', dir, '--plan', join(dir, 'plan.json')];
    const text = await run(plan, emulatorEnv(org));
    expect(text.out.split('\n')[0]).toBe(`checked org "Emulated Org" (${me.id}) at ${host}`);
    const json = await run([...plan, '--format', 'json'], emulatorEnv(org));
    expect(JSON.parse(json.out)).toMatchObject({
      org: { id: me.id, name: 'Emulated Org' },
      apiHost: host,
    });
    expect(org.requests.filter((r) => r.path === '/api/v2/organizations/me')).toHaveLength(3);
  });

  it('says once on stderr when the API URL overrides a region from the environment or --region', async () => {
    const org = await startExampleOrg();
    const dir = await copyExample();
    const plan = ['check', dir, '--plan', join(dir, 'plan.json')];
    const fromEnv = await run(plan, emulatorEnv(org, { GENESYSCLOUD_REGION: 'eu-west-1' }));
    expect(fromEnv.err).toBe(
      `gcadopt: note: the API URL ${org.url} overrides the region eu-west-1 (from the environment)\n`,
    );
    const fromFlag = await run(['--region', 'us-east-1', ...plan], emulatorEnv(org));
    expect(fromFlag.err).toBe(
      `gcadopt: note: the API URL ${org.url} overrides the region us-east-1 (from --region)\n`,
    );
    const alone = await run(plan, emulatorEnv(org));
    expect(alone.err).toBe('');
  });
});
