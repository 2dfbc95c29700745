import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Emulator } from '../../src/emulator/index.js';

/** Environment that points the CLI at an emulator, with a private token cache. */
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
    GCADOPT_CACHE_DIR: mkdtempSync(join(tmpdir(), 'gcadopt-cache-')),
    ...extra,
  };
}
