import { createClient, type ClientOptions, type GenesysClient } from '../../src/genesys/client.js';
import type { Emulator } from '../../src/emulator/index.js';

/** A client clock whose sleeps return at once and are recorded. */
export function createFakeSleepClock(): {
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  slept: number[];
} {
  let skew = 0;
  const slept: number[] = [];
  return {
    now: () => Date.now() + skew,
    sleep: (ms) => {
      slept.push(ms);
      skew += ms;
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
