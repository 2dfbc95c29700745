import { resolve } from 'node:path';
import type { CommandContext } from '../context.js';
import { quoteBash } from '../shell-quote.js';

/**
 * `gcadopt provider`: with `--cli-config DIR`, writes the launcher and the
 * Terraform CLI configuration that make Terraform use the local provider;
 * without it, serves the provider (Terraform runs it through the launcher).
 */
export async function run(
  ctx: CommandContext,
  _args: string[],
  opts: Record<string, unknown>,
): Promise<number> {
  if (typeof opts.cliConfig === 'string') {
    const { writeDevOverrides } = await import('../../provider/dev-overrides.js');
    const script = process.argv[1];
    const command = script === undefined ? ['gcadopt'] : [process.execPath, resolve(script)];
    const written = await writeDevOverrides(resolve(ctx.io.cwd, opts.cliConfig), command);
    ctx.io.stdout.write(
      `wrote ${written.launcher}\nwrote ${written.cliConfigFile}\nuse it with:\n`,
    );
    ctx.io.stdout.write(`  export TF_CLI_CONFIG_FILE=${quoteBash(written.cliConfigFile)}\n`);
    return 0;
  }
  const { serveProvider } = await import('../../provider/serve.js');
  await serveProvider({
    env: ctx.io.env,
    cwd: ctx.io.cwd,
    stdout: ctx.io.stdout,
    // Terraform keeps a plugin's stderr in its log: with TF_LOG set, requests and
    // retries go there (never secrets), as with --debug.
    log:
      ctx.io.env.TF_LOG === undefined || ctx.io.env.TF_LOG === ''
        ? (line) => ctx.debug(line)
        : (line) => void ctx.io.stderr.write(`debug: ${line}\n`),
    signal: ctx.io.signal,
  });
  return 0;
}
