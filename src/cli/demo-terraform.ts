import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Emulator } from '../emulator/index.js';
import { quoteHclString } from '../terraform/hcl-string.js';
import { printable } from '../report/printable.js';
import type { CommandContext } from './context.js';
import { packageFile } from './version.js';

const bin = packageFile('bin/gcadopt.js');

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

// Asynchronous: the emulator answering the provider runs in this process.
function runTerraform(dir: string, env: Record<string, string>, args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn('terraform', args, { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

function errorSummaries(jsonLines: string): string[] {
  const lines = jsonLines.split('\n').flatMap((line) => {
    if (!line.startsWith('{')) return [];
    const message = JSON.parse(line) as {
      type?: string;
      diagnostic?: { severity?: string; summary?: string; address?: string };
    };
    const d = message.diagnostic;
    return message.type === 'diagnostic' && d?.severity === 'error'
      ? [`  ${printable(d.address ?? '')}: ${printable(d.summary ?? '')}`]
      : [];
  });
  // Terraform applies in parallel: sorted, the demo reads the same every run.
  return lines.sort();
}

/**
 * The demo's last act: with `terraform` on PATH, the story for real. Terraform
 * runs gcadopt's local provider against the demo's emulator: the apply fails
 * with the 409 on the taken names, `gcadopt import` writes the blocks, and the
 * next apply adopts them. `inner` is the demo's context pointed at the emulator;
 * `path` is the user's PATH, where terraform is looked for.
 */
export async function runTerraformDemo(
  inner: CommandContext,
  emulator: Emulator,
  path: string | undefined,
): Promise<void> {
  const say = (text: string): void => void inner.io.stdout.write(text);
  if (
    path === undefined ||
    spawnSync('terraform', ['version'], { env: { PATH: path } }).status !== 0
  ) {
    say(
      "\n(No terraform on PATH. With it, the demo goes on for real: terraform apply through gcadopt's local provider fails with the 409 on the taken names, gcadopt import writes the blocks, and the next apply adopts them.)\n",
    );
    return;
  }
  const { writeDevOverrides } = await import('../provider/dev-overrides.js');
  const dir = await mkdtemp(join(tmpdir(), 'gcadopt-demo-tf-'));
  try {
    const { cliConfigFile } = await writeDevOverrides(join(dir, '.plugin'), [
      process.execPath,
      bin,
    ]);
    const taken = emulator.store
      .list()
      .filter((d) => !d.home)
      .slice(0, 2)
      .map((d) => d.name);
    const names = [...taken, 'Demo New Team'];
    const blocks = names.map(
      (name, i) =>
        `resource "genesyscloud_auth_division" "d${i}" {\n  name = ${quoteHclString(name)}\n}\n`,
    );
    const required =
      'terraform {\n  required_providers {\n    genesyscloud = { source = "mypurecloud/genesyscloud" }\n  }\n}\n';
    await writeFile(join(dir, 'main.tf'), [required, ...blocks].join('\n'));
    const env: Record<string, string> = {
      PATH: path,
      HOME: dir,
      TF_CLI_CONFIG_FILE: cliConfigFile,
      CHECKPOINT_DISABLE: '1',
      TF_IN_AUTOMATION: '1',
      ...Object.fromEntries(
        Object.entries(inner.io.env).filter(
          (e): e is [string, string] =>
            e[0].startsWith('GENESYSCLOUD_') || e[0] === 'GCADOPT_API_URL',
        ),
      ),
    };
    const sub: CommandContext = { ...inner, io: { ...inner.io, cwd: dir } };
    say(
      `\nNow for real, with terraform and gcadopt's local provider (main.tf: ${names.length} divisions):\n`,
    );
    say('$ terraform apply\n');
    const failed = await runTerraform(dir, env, [
      'apply',
      '-auto-approve',
      '-input=false',
      '-json',
    ]);
    say(`${errorSummaries(failed.stdout).join('\n')}\n(exit code ${failed.code})\n`);
    say('$ gcadopt import\n');
    const imports = await import('./commands/import.js');
    await imports.run(sub, ['.'], { var: [], varFile: [] });
    say('$ terraform apply\n');
    const applied = await runTerraform(dir, env, [
      'apply',
      '-auto-approve',
      '-input=false',
      '-no-color',
    ]);
    const last = applied.stdout.split('\n').filter((l) => l.startsWith('Apply complete!'));
    say(`${last.join('\n') || applied.stderr.trim()}\n(exit code ${applied.code})\n`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
