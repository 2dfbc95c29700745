import { spawn, type ChildProcess } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { emulatorEnv } from '../helpers/cli-env.js';
import { seedDivisions, startTestEmulator } from '../helpers/emulator.js';
import { copyExample } from '../helpers/example.js';

const bin = fileURLToPath(new URL('../../bin/gcadopt.js', import.meta.url));

interface Ended {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
  /** When the process ended (performance.now()). */
  at: number;
}

function spawnBin(
  args: string[],
  env: Record<string, string>,
): { child: ChildProcess; ended: Promise<Ended> } {
  const child = spawn(process.execPath, [bin, ...args], {
    env: { ...env, PATH: process.env.PATH ?? '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const ended = new Promise<Ended>((resolve) =>
    child.once('close', (code, signal) => resolve({ code, signal, stderr, at: performance.now() })),
  );
  return { child, ended };
}

describe('a reader that goes away (gcadopt ... | head)', () => {
  it('ends divisions list with exit 0 and nothing on stderr when stdout closes before output', async () => {
    const emulator = await startTestEmulator({ latencyMs: 150 });
    const { child, ended } = spawnBin(['divisions', 'list'], emulatorEnv(emulator));
    // The reader is gone before the first byte: the list's one write meets EPIPE.
    child.stdout?.destroy();
    const result = await ended;
    expect(result.stderr).toBe('');
    expect(result).toMatchObject({ code: 0, signal: null });
  });

  it('ends divisions list with exit 0 when the reader exits after its first chunk', async () => {
    // 900 rows of ~270 bytes: far more than a pipe holds, so the list is still
    // being written when the reader goes.
    const divisions = seedDivisions(900).map((d) => ({ ...d, description: 'd'.repeat(220) }));
    const emulator = await startTestEmulator({ seed: { divisions } });
    const { child, ended } = spawnBin(['divisions', 'list'], emulatorEnv(emulator));
    // `| head -c 1` written in node so it runs wherever the tests do.
    const reader = spawn(
      process.execPath,
      [
        '-e',
        "process.stdin.once('data', (c) => { process.stdout.write(c.subarray(0, 2)); process.exit(0); })",
      ],
      { stdio: [child.stdout ?? 'ignore', 'pipe', 'inherit'] },
    );
    // The reader holds its own copy of the pipe; ours would keep the pipe open after it exits.
    child.stdout?.destroy();
    let read = '';
    reader.stdout.setEncoding('utf8').on('data', (chunk: string) => (read += chunk));
    await new Promise((resolve) => reader.once('close', resolve));
    expect(read).toBe('ID');
    const result = await ended;
    expect(result.stderr).toBe('');
    expect(result).toMatchObject({ code: 0, signal: null });
  });
});

describe('SIGTERM during a run', () => {
  // Commands stop at once; the process ends at the latest after its 750 ms
  // grace period. The rest is slack for a loaded machine.
  const promptly = 1200;

  /**
   * An org whose API answers slowly (every response 600 ms late; the signal
   * comes once the login is answered, so a request is in flight) or never well
   * (every request fails with 503, 429 or a dropped connection, so the client
   * is inside a request or a back-off sleep when the signal comes).
   */
  async function startOrg(
    kind: 'slow' | 'failing',
  ): Promise<{ env: Record<string, string>; busy: Promise<void> }> {
    let seen: () => void = () => undefined;
    const busy = new Promise<void>((resolve) => (seen = resolve));
    const emulator = await startTestEmulator({
      ...(kind === 'slow' ? { latencyMs: 600 } : { faultRate: 1, faultRetryAfter: 5 }),
      onRequest: (entry) => {
        if (entry.path.startsWith(kind === 'slow' ? '/oauth/' : '/api/')) seen();
      },
    });
    return { env: emulatorEnv(emulator), busy };
  }

  it.each([['slow'], ['failing']] as const)(
    'divisions list against a %s org exits 143 promptly with one line',
    async (kind) => {
      const org = await startOrg(kind);
      const { child, ended } = spawnBin(['divisions', 'list'], org.env);
      await org.busy;
      const sent = performance.now();
      child.kill('SIGTERM');
      const result = await ended;
      expect({ ...result, within: result.at - sent < promptly }).toMatchObject({
        stderr: 'gcadopt: stopped by SIGTERM\n',
        code: 143,
        within: true,
      });
    },
  );

  it.each([['slow'], ['failing']] as const)(
    'check --out against a %s org exits 143 promptly, leaving no report and no temp file',
    async (kind) => {
      const org = await startOrg(kind);
      const dir = await copyExample();
      const before = (await readdir(dir)).sort();
      const { child, ended } = spawnBin(['check', dir, '--out', join(dir, 'report.txt')], org.env);
      await org.busy;
      const sent = performance.now();
      child.kill('SIGTERM');
      const result = await ended;
      expect({ ...result, within: result.at - sent < promptly }).toMatchObject({
        stderr: 'gcadopt: stopped by SIGTERM\n',
        code: 143,
        within: true,
      });
      expect((await readdir(dir)).sort()).toEqual(before);
    },
  );
});
