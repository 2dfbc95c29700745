import { onTestFinished } from 'vitest';
import { startEmulator, type Emulator, type EmulatorOptions } from '../../src/emulator/index.js';

/** Starts an emulator on 127.0.0.1:0 that closes when the test finishes. */
export async function startTestEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const emulator = await startEmulator(options);
  onTestFinished(() => emulator.close());
  return emulator;
}

/** `count` seed divisions named `Division 0001`... plus Home, with stable GUIDs. */
export function seedDivisions(
  count: number,
  prefix = 'Division',
): { id: string; name: string; description: string }[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `00000000-0000-4000-8000-${String(i + 1).padStart(12, '0')}`,
    name: `${prefix} ${String(i + 1).padStart(4, '0')}`,
    description: `seeded ${i + 1}`,
  }));
}

/** Logs in like any client would and returns a fetch bound to the emulator with the token. */
export async function loginTo(
  emulator: Emulator,
  clientIndex = 0,
): Promise<(path: string, init?: RequestInit) => Promise<Response>> {
  const client = emulator.clients[clientIndex];
  if (client === undefined) throw new Error('no such client');
  const basic = Buffer.from(`${client.id}:${client.secret}`).toString('base64');
  const res = await fetch(`${emulator.url}/oauth/token`, {
    method: 'POST',
    headers: {
      Authorization: `Basic ${basic}`,
      'Content-Type': 'application/x-www-form-urlencoded',
    },
    body: 'grant_type=client_credentials',
  });
  const { access_token: token } = (await res.json()) as { access_token: string };
  return (path, init = {}) =>
    fetch(`${emulator.url}${path}`, {
      ...init,
      headers: {
        Authorization: `Bearer ${token}`,
        'Content-Type': 'application/json',
        ...(init.headers as Record<string, string> | undefined),
      },
    });
}
