import { GcadoptError } from '../../errors.js';
import { readTextFile } from '../../read-text-file.js';
import { parseJsonText } from '../../terraform/read-json.js';
import type { CommandContext } from '../context.js';
import { resolve } from 'node:path';

/** `gcadopt serve --config FILE`: the HCP Terraform run task service, until SIGINT/SIGTERM. */
export async function run(
  ctx: CommandContext,
  _args: string[],
  opts: Record<string, unknown>,
): Promise<number> {
  const [{ parseServeConfig }, { startRunTaskServer }, { findMissingCredentials }] =
    await Promise.all([
      import('../../serve/config.js'),
      import('../../serve/server.js'),
      import('../../serve/org-pool.js'),
    ]);
  if (typeof opts.config !== 'string') throw new GcadoptError('usage', '--config FILE is required');
  const file = resolve(ctx.io.cwd, opts.config);
  const text = await readTextFile(file, {
    what: 'serve config',
    maxBytes: 1024 * 1024,
    display: opts.config,
  });
  const config = parseServeConfig(parseJsonText(text, opts.config, 'serve config'), opts.config);
  const hmacKey = await readHmacKey(ctx, config.hmacKey);
  const missing = findMissingCredentials(config.orgs, ctx.io.env);
  if (missing.length > 0) {
    throw new GcadoptError('config', `the environment lacks ${missing.join(', ')}`, {
      hint: 'set the variables each org of the serve config names in clientIdEnv and clientSecretEnv',
    });
  }
  const port = typeof opts.port === 'string' ? readPort(opts.port) : undefined;
  const log = (record: Readonly<Record<string, unknown>>): void =>
    void ctx.io.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), ...record })}\n`);
  const server = await startRunTaskServer({ config, hmacKey, env: ctx.io.env, port, log });
  log({ event: 'listening', url: server.url, path: config.path, orgs: Object.keys(config.orgs) });
  await new Promise<void>((done) => {
    const signal = ctx.io.signal;
    if (signal === undefined) return;
    if (signal.aborted) done();
    signal.addEventListener('abort', () => done(), { once: true });
  });
  await server.close();
  log({ event: 'stopped' });
  return 0;
}

async function readHmacKey(
  ctx: CommandContext,
  source: { env: string } | { file: string },
): Promise<Buffer> {
  const value =
    'env' in source
      ? ctx.io.env[source.env]
      : await readTextFile(resolve(ctx.io.cwd, source.file), {
          what: 'HMAC key file',
          maxBytes: 4096,
        });
  // A key file written by `echo` ends in a newline that is not part of the key.
  const key = value?.replace(/\r?\n$/, '') ?? '';
  if (key === '') {
    const where = 'env' in source ? `environment variable ${source.env}` : `file ${source.file}`;
    throw new GcadoptError('config', `no HMAC key: the ${where} is empty or unset`, {
      hint: 'set the same HMAC key here and in the run task of HCP Terraform (Settings > Run tasks)',
    });
  }
  return Buffer.from(key, 'utf8');
}

function readPort(text: string): number {
  const port = Number(text);
  if (text.trim() === '' || !Number.isInteger(port) || port < 0 || port > 65_535)
    throw new GcadoptError('usage', `--port must be a number from 0 to 65535, not "${text}"`);
  return port;
}
