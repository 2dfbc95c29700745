import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { onTestFinished } from 'vitest';
import type { Emulator } from '../../src/emulator/index.js';
import { writeDevOverrides } from '../../src/provider/dev-overrides.js';

/** The built bin Terraform's launcher runs. */
export const bin = fileURLToPath(new URL('../../bin/gcadopt.js', import.meta.url));

/** True when a `terraform` runs here; otherwise prints why the tests needing it skip. */
export function hasTerraform(): boolean {
  const probe = spawnSync('terraform', ['version'], {
    env: { PATH: process.env.PATH, CHECKPOINT_DISABLE: '1' },
    encoding: 'utf8',
  });
  if (probe.status === 0) return true;
  console.warn(
    'notice: no terraform on PATH; the local provider tests with real Terraform are skipped',
  );
  return false;
}

/** A temp folder with `files`, removed after the test. */
export function createWorkdir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'gcadopt-provider-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

/**
 * The environment Terraform runs with: only PATH from this process, the CLI
 * config sending mypurecloud/genesyscloud to the local provider, no network
 * checks, and `extra` (credentials, API URL).
 */
export async function createTerraformEnv(
  dir: string,
  extra: Record<string, string>,
): Promise<Record<string, string>> {
  const { cliConfigFile } = await writeDevOverrides(join(dir, '.plugin'), [process.execPath, bin]);
  return {
    PATH: process.env.PATH ?? '',
    HOME: dir,
    TF_CLI_CONFIG_FILE: cliConfigFile,
    CHECKPOINT_DISABLE: '1',
    TF_IN_AUTOMATION: '1',
    ...extra,
  };
}

/** The environment pointing the provider (and gcadopt) at an emulator. */
export function emulatorCredentials(emulator: Emulator): Record<string, string> {
  const [client] = emulator.clients;
  if (client === undefined) throw new Error('emulator has no client');
  return {
    GCADOPT_API_URL: emulator.url,
    GENESYSCLOUD_OAUTHCLIENT_ID: client.id,
    GENESYSCLOUD_OAUTHCLIENT_SECRET: client.secret,
  };
}

/** What a terraform run printed and its exit code. */
export interface TerraformResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs terraform asynchronously (the in-process emulator must keep answering). */
export function runTerraform(
  dir: string,
  env: Record<string, string>,
  args: readonly string[],
): Promise<TerraformResult> {
  return new Promise((resolve, reject) => {
    const child = spawn('terraform', [...args], {
      cwd: dir,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** One line of `terraform ... -json` output. */
export interface JsonLine {
  readonly type: string;
  readonly diagnostic?: { severity: string; summary: string; detail: string; address?: string };
}

/** Parses `-json` output, one message a line. */
export function parseJsonLines(text: string): JsonLine[] {
  return text
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as JsonLine);
}

/** The error diagnostics of `-json` output. */
export function errorsOf(text: string): NonNullable<JsonLine['diagnostic']>[] {
  return parseJsonLines(text).flatMap((line) =>
    line.type === 'diagnostic' && line.diagnostic?.severity === 'error' ? [line.diagnostic] : [],
  );
}
