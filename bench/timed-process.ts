import { spawn } from 'node:child_process';
import type { Emulator } from '../src/emulator/index.js';

// Shared by the whole-process benches: a timed child process, a median, and
// the environment that points the CLI at an emulator.

export interface Timed {
  readonly ms: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs one process to its end and times it from spawn to exit. Asynchronous:
 * the emulator answering it lives in this process's event loop.
 */
export function timeProcess(
  command: string,
  args: readonly string[],
  env?: NodeJS.ProcessEnv,
): Promise<Timed> {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const child = spawn(command, args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { PATH: process.env['PATH'] ?? '', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.once('error', reject);
    child.once('close', (code) => {
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      if (code !== 0 && code !== 2)
        reject(new Error(`${command} ${args.join(' ')} exited ${code}: ${stderr}`));
      else resolve({ ms, stdout, stderr });
    });
  });
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

export function cliEnv(emulator: Emulator): NodeJS.ProcessEnv {
  const [client] = emulator.clients;
  if (client === undefined) throw new Error('no client');
  return {
    GCADOPT_API_URL: emulator.url,
    GENESYSCLOUD_OAUTHCLIENT_ID: client.id,
    GENESYSCLOUD_OAUTHCLIENT_SECRET: client.secret,
  };
}

/** Requests the emulator logged while `run` ran (its log must be long enough to hold them). */
export async function counted<T>(emulator: Emulator, run: () => Promise<T>): Promise<[T, number]> {
  const before = emulator.requests.length;
  const result = await run();
  return [result, emulator.requests.length - before];
}
