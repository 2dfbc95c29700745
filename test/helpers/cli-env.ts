import type { Emulator } from '../../src/emulator/index.js';
import { createTestCacheDir } from './cache-dir.js';

/** Environment that points the CLI at an emulator, with a private token cache removed after the test. */
export function emulatorEnv(
  emulator: Emulator,
  extra: Record<string, string> = {},
): Record<string, string> {
  const [client] = emulator.clients;
  if (client === undefined) throw new Error('emulator has no client');
  return {
    GCADOPT_API_URL: emulator.url,
    GENESYSCLOUD_OAUTHCLIENT_ID: client.id,
    GENESYSCLOUD_OAUTHCLIENT_SECRET: client.secret,
    GCADOPT_CACHE_DIR: createTestCacheDir(),
    ...extra,
  };
}
