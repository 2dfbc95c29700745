import { createClient, type ClientOptions, type GenesysClient } from '../../src/genesys/client.js';
import type { Emulator } from '../../src/emulator/index.js';

/** A fake clock: its sleeps return at once and are recorded. */
export interface FakeSleepClock {
  now(): number;
  sleep(ms: number): Promise<void>;
  readonly slept: number[];
}

/**
 * A client clock whose sleeps return at once and are recorded. A sleep moves
 * the clock to at least its wake-up time, so concurrent sleepers do not add up.
 */
export function createFakeSleepClock(): FakeSleepClock {
  let skew = 0;
  const slept: number[] = [];
  const now = (): number => Date.now() + skew;
  return {
    now,
    sleep: (ms) => {
      slept.push(ms);
      skew = Math.max(skew, now() + ms - Date.now());
      return Promise.resolve();
    },
    slept,
  };
}

/** A client for the emulator's first OAuth client. */
export function createEmulatorClient(
  emulator: Emulator,
  options: Partial<ClientOptions> = {},
): GenesysClient {
  const [client] = emulator.clients;
  if (client === undefined) throw new Error('emulator has no client');
  return createClient({
    apiUrl: emulator.url,
    loginUrl: emulator.url,
    credentials: { kind: 'client', clientId: client.id, clientSecret: client.secret },
    ...options,
  });
}
