import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { quoteHclString } from '../terraform/hcl-string.js';

/** The executable name Terraform looks for in a dev_overrides folder. */
export const launcherName = 'terraform-provider-genesyscloud';

/** What `writeDevOverrides` wrote. */
export interface DevOverrides {
  /** The CLI configuration: point TF_CLI_CONFIG_FILE at it. */
  readonly cliConfigFile: string;
  /** The launcher Terraform runs. */
  readonly launcher: string;
}

/**
 * Writes, in `dir`, a launcher named as Terraform expects a provider to be
 * (running `command` plus `provider`) and a CLI configuration whose
 * dev_overrides send "mypurecloud/genesyscloud" to it. The user's own
 * configuration and CLI config stay untouched: Terraform reads this one only
 * while TF_CLI_CONFIG_FILE names it. POSIX shells only (Terraform on Windows
 * wants a .exe).
 */
export async function writeDevOverrides(
  dir: string,
  command: readonly string[],
): Promise<DevOverrides> {
  const folder = resolve(dir);
  await mkdir(folder, { recursive: true });
  const launcher = join(folder, launcherName);
  const script = `#!/bin/sh\nexec ${[...command, 'provider'].map(quoteSh).join(' ')} "$@"\n`;
  await writeFile(launcher, script, { mode: 0o755 });
  await chmod(launcher, 0o755);
  const cliConfigFile = join(folder, 'terraform.rc');
  const config = [
    '# Written by gcadopt: Terraform runs the gcadopt local provider for mypurecloud/genesyscloud.',
    'provider_installation {',
    '  dev_overrides {',
    `    "mypurecloud/genesyscloud" = ${quoteHclString(folder)}`,
    '  }',
    '  direct {}',
    '}',
    '',
  ].join('\n');
  await writeFile(cliConfigFile, config);
  return { cliConfigFile, launcher };
}

/** A POSIX shell word: bare when safe, else single quotes with `'` written as `'\\''`. */
function quoteSh(word: string): string {
  if (/^[A-Za-z0-9_./:@=-]+$/.test(word)) return word;
  return `'${word.replaceAll("'", "'\\''")}'`;
}
