import type * as Crypto from 'node:crypto';
import { createRequire } from 'node:module';

let loaded: typeof Crypto | undefined;

/**
 * node:crypto, loaded on first use: loading it costs milliseconds of start-up,
 * and many runs hash nothing (no token cache, no hash function, no write).
 */
export function nodeCrypto(): typeof Crypto {
  return (loaded ??= createRequire(import.meta.url)('node:crypto') as typeof Crypto);
}
