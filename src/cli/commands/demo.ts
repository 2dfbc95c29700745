import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CommandContext } from '../context.js';
import type { CliIo } from '../io.js';
import { packageFile } from '../version.js';

const examples = packageFile('examples/');

/**
 * `gcadopt demo`: the whole job on the bundled example, against the embedded
 * emulator: no credentials, no network, nothing written outside a temp folder.
 */
export async function run(ctx: CommandContext): Promise<number> {
  const [{ startEmulator, readSeedFile }, check, imports] = await Promise.all([
    import('../../emulator/index.js'),
    import('./check.js'),
    import('./import.js'),
  ]);
  const seed = await readSeedFile(join(examples, 'org.json'));
  const emulator = await startEmulator({ seed });
  const work = await mkdtemp(join(tmpdir(), 'gcadopt-demo-'));
  try {
    await cp(examples, work, { recursive: true, filter: (src) => !src.endsWith('org.json') });
    const [client] = emulator.clients;
    const io: CliIo = {
      ...ctx.io,
      cwd: work,
      env: {
        GCADOPT_API_URL: emulator.url,
        GENESYSCLOUD_OAUTHCLIENT_ID: client?.id,
        GENESYSCLOUD_OAUTHCLIENT_SECRET: client?.secret,
        NO_COLOR: ctx.io.env.NO_COLOR,
        TERM: ctx.io.env.TERM,
      },
    };
    const inner: CommandContext = {
      ...ctx,
      io,
      globals: {
        ...ctx.globals,
        apiUrl: emulator.url,
        loginUrl: undefined,
        region: undefined,
        tokenCache: false,
      },
    };
    const say = (text: string): void => void ctx.io.stdout.write(text);
    // Deleted rows are in the seed as the API lists them, but they are no longer objects of the org.
    const count = (rows: readonly { state?: unknown }[] = []): number =>
      rows.filter((r) => r.state !== 'deleted').length;
    say(
      `gcadopt demo: an emulated org at ${emulator.url} holds ${emulator.store.list().length} divisions, ${count(seed.queues)} queues and ${count(seed.skills)} skills (examples/org.json).\n`,
    );
    say(
      'The example configuration (examples/*.tf: a module called with for_each, plus a plan of it) wants to create 6 divisions, 1 queue and 3 skills.\n\n',
    );
    say('$ gcadopt check --plan plan.json\n');
    const code = await check.run(inner, ['.'], {
      plan: 'plan.json',
      format: 'text',
      failOn: 'error',
      var: [],
      varFile: [],
    });
    say(`(exit code ${code}: ${code === 2 ? 'terraform apply would fail' : 'clean'})\n\n`);
    say('$ gcadopt import --plan plan.json\n');
    await imports.run(inner, ['.'], { plan: 'plan.json', var: [], varFile: [] });
    say('\n--- imports.tf ---\n');
    say(await readFile(join(work, 'imports.tf'), 'utf8'));
    say(
      '---\nNext: set home = true on genesyscloud_auth_division.home, run terraform plan: it now shows imports (of divisions, a queue and a skill), not failing creates.\n',
    );
    await (await import('../demo-terraform.js')).runTerraformDemo(inner, emulator, ctx.io.env.PATH);
    return 0;
  } finally {
    await rm(work, { recursive: true, force: true });
    await emulator.close();
  }
}
