import { createHash, randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** A token as cached: the token and when it stops being usable (epoch ms). */
export interface CachedToken {
  readonly accessToken: string;
  readonly expiresAt: number;
}

/**
 * Tokens on disk, one file per (client id, login host), mode 0600, written
 * atomically. The file name is a hash: it reveals neither the client id nor the host.
 */
export class TokenCache {
  readonly #dir: string;

  constructor(dir: string) {
    this.#dir = dir;
  }

  #file(clientId: string, loginUrl: string): string {
    const key = createHash('sha256').update(`${clientId}\n${loginUrl}`).digest('hex').slice(0, 32);
    return join(this.#dir, `token-${key}.json`);
  }

  async read(clientId: string, loginUrl: string): Promise<CachedToken | undefined> {
    try {
      const parsed = JSON.parse(
        await readFile(this.#file(clientId, loginUrl), 'utf8'),
      ) as Partial<CachedToken>;
      if (typeof parsed.accessToken !== 'string' || typeof parsed.expiresAt !== 'number')
        return undefined;
      return { accessToken: parsed.accessToken, expiresAt: parsed.expiresAt };
    } catch {
      return undefined;
    }
  }

  async write(clientId: string, loginUrl: string, token: CachedToken): Promise<void> {
    const file = this.#file(clientId, loginUrl);
    const temp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      await mkdir(this.#dir, { recursive: true, mode: 0o700 });
      await writeFile(temp, JSON.stringify(token), { mode: 0o600 });
      await chmod(temp, 0o600);
      await rename(temp, file);
    } catch {
      // A cache that cannot be written only costs a login next time.
      await rm(temp, { force: true });
    }
  }

  async remove(clientId: string, loginUrl: string): Promise<void> {
    await rm(this.#file(clientId, loginUrl), { force: true });
  }

  /** Where the cache file for these credentials lives (for tests and --debug). */
  pathFor(clientId: string, loginUrl: string): string {
    return this.#file(clientId, loginUrl);
  }
}

/** The user cache folder for gcadopt on this platform. */
export function defaultCacheDir(
  env: Readonly<Record<string, string | undefined>>,
  home: string,
  platform: string,
): string {
  if (env.GCADOPT_CACHE_DIR) return env.GCADOPT_CACHE_DIR;
  if (platform === 'win32')
    return join(env.LOCALAPPDATA ?? join(home, 'AppData', 'Local'), 'gcadopt', 'Cache');
  if (platform === 'darwin') return join(home, 'Library', 'Caches', 'gcadopt');
  return join(env.XDG_CACHE_HOME ?? join(home, '.cache'), 'gcadopt');
}
