import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { onTestFinished } from 'vitest';

const bin = fileURLToPath(new URL('../../bin/gcadopt.js', import.meta.url));

/** `gcadopt emulator` running as its own process (the built bin). */
export interface EmulatorProcess {
  readonly child: ChildProcessWithoutNullStreams;
  readonly url: string;
  /** Resolves with the exit code, or the signal that ended it. */
  readonly exited: Promise<number | NodeJS.Signals | null>;
  /** Everything it wrote to stdout so far. */
  stdout(): string;
  /** Everything it wrote to stderr so far. */
  stderr(): string;
}

/** Spawns the built bin's emulator with `args` and waits until it listens. Killed after the test. */
export async function spawnEmulator(args: readonly string[]): Promise<EmulatorProcess> {
  const child = spawn(process.execPath, [bin, 'emulator', '--port', '0', ...args], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | NodeJS.Signals | null>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal)),
  );
  onTestFinished(() => void child.kill('SIGKILL'));
  let out = '';
  let err = '';
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (match?.[1] !== undefined && out.includes('Ctrl-C')) resolve(match[1]);
    });
    void exited.then((code) => reject(new Error(`emulator exited ${code}: ${out}${err}`)));
  });
  return { child, url, exited, stdout: () => out, stderr: () => err };
}

/** Logs in with client credentials and returns a JSON API caller bound to the token. */
export async function loginAt(
  url: string,
  clientId: string,
  secret: string,
): Promise<(path: string, init?: RequestInit) => Promise<Response>> {
  const res = await fetch(`${url}/oauth/token`, {
    method: 'POST',
    headers: {
      Authorization: `Basic ${Buffer.from(`${clientId}:${secret}`).toString('base64')}`,
      'Content-Type': 'application/x-www-form-urlencoded',
    },
    body: 'grant_type=client_credentials',
  });
  const { access_token: token } = (await res.json()) as { access_token: string };
  return (path, init = {}) =>
    fetch(`${url}${path}`, {
      ...init,
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    });
}
