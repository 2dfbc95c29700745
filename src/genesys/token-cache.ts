import { constants, type Stats } from 'node:fs';
import { lstat, mkdir, open, rename, rm } from 'node:fs/promises';
import { platform as osPlatform, userInfo } from 'node:os';
import { join } from 'node:path';
import { nodeCrypto } from '../lazy-crypto.js';

/** A token as cached: the token and when it stops being usable (epoch ms). */
export interface CachedToken {
  readonly accessToken: string;
  readonly expiresAt: number;
  /**
   * How long before `expiresAt` it is renewed (ms), fixed at login from its
   * lifetime; absent in files written before it was kept.
   */
  readonly renewMs?: number | undefined;
}

/** Everything that identifies a client-credentials grant. */
export interface GrantKey {
  readonly loginUrl: string;
  readonly clientId: string;
  readonly clientSecret: string;
}

/** Where and how tokens are cached. */
export interface TokenCacheOptions {
  /** The cache folder: created 0700, used only while it is ours and 0700. */
  readonly dir: string;
  /** One line when the cache is ignored (never a secret). @default none */
  readonly log?: ((line: string) => void) | undefined;
  /** The user the folder and files must belong to. @default the current user */
  readonly uid?: number | undefined;
  /** Ownership and modes mean nothing on Windows (ACLs guard the profile). @default os.platform() */
  readonly platform?: string | undefined;
}

// Without O_NOFOLLOW (Windows) a symlink is caught by the fstat below instead.
const openFlags = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0);

/**
 * Tokens on disk, one file per grant (login URL, client id, secret), mode 0600
 * in a 0700 folder, written atomically. The file name is an HMAC keyed by the
 * secret: a wrong or rotated secret never finds the old token, and the name
 * reveals neither the client id, the host nor the secret. A folder or file that
 * is not the user's own with those modes is ignored, never read or trusted.
 */
export class TokenCache {
  readonly #dir: string;
  readonly #log: (line: string) => void;
  readonly #uid: number;
  readonly #checked: boolean;
  #warned = false;

  constructor(options: TokenCacheOptions) {
    this.#dir = options.dir;
    this.#log = options.log ?? (() => undefined);
    this.#uid = options.uid ?? userInfo().uid;
    this.#checked = (options.platform ?? osPlatform()) !== 'win32';
  }

  /** The cache file of a grant. */
  pathFor(key: GrantKey): string {
    const name = nodeCrypto()
      .createHmac('sha256', key.clientSecret)
      .update(`gcadopt token cache v2\0${key.loginUrl}\0${key.clientId}`)
      .digest('hex')
      .slice(0, 40);
    return join(this.#dir, `token-${name}.json`);
  }

  /** The cached token of a grant, if a trusted file holds one. */
  async read(key: GrantKey): Promise<CachedToken | undefined> {
    if (!(await this.#trustDir(false))) return undefined;
    let handle;
    try {
      handle = await open(this.pathFor(key), openFlags);
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (code === 'ELOOP') return this.#ignore(`the token file in ${this.#dir} is a link`);
      return undefined;
    }
    try {
      const problem = this.#problemOf(await handle.stat(), 'file', 0o600);
      if (problem !== undefined) return this.#ignore(`the token file in ${this.#dir} ${problem}`);
      const parsed = JSON.parse(await handle.readFile('utf8')) as Partial<CachedToken>;
      if (typeof parsed.accessToken !== 'string' || typeof parsed.expiresAt !== 'number')
        return undefined;
      const renewMs = typeof parsed.renewMs === 'number' ? { renewMs: parsed.renewMs } : {};
      return { accessToken: parsed.accessToken, expiresAt: parsed.expiresAt, ...renewMs };
    } catch {
      return undefined;
    } finally {
      await handle.close();
    }
  }

  /** Stores a grant's token; a cache that cannot be written only costs a login next time. */
  async write(key: GrantKey, token: CachedToken): Promise<void> {
    if (!(await this.#trustDir(true))) return;
    const file = this.pathFor(key);
    const temp = `${file}.${nodeCrypto().randomBytes(6).toString('hex')}.tmp`;
    try {
      // 'wx': a fresh file, never one (or a link) planted at the temp name.
      const handle = await open(temp, 'wx', 0o600);
      try {
        await handle.chmod(0o600);
        await handle.writeFile(JSON.stringify(token));
      } finally {
        await handle.close();
      }
      await rename(temp, file);
    } catch {
      await rm(temp, { force: true });
    }
  }

  /** Deletes a grant's file if it still holds `token` (a newer token stays). */
  async remove(key: GrantKey, token: string): Promise<void> {
    const cached = await this.read(key);
    if (cached?.accessToken === token) await rm(this.pathFor(key), { force: true });
  }

  async #trustDir(create: boolean): Promise<boolean> {
    try {
      if (create) await mkdir(this.#dir, { recursive: true, mode: 0o700 });
      const problem = this.#problemOf(await lstat(this.#dir), 'folder', 0o700);
      if (problem === undefined) return true;
      this.#ignore(`the folder ${this.#dir} ${problem}`);
      return false;
    } catch {
      return false;
    }
  }

  #problemOf(info: Stats, what: 'file' | 'folder', mode: number): string | undefined {
    const isRight = what === 'file' ? info.isFile() : info.isDirectory();
    if (!isRight || info.isSymbolicLink()) return `is not a regular ${what}`;
    if (!this.#checked) return undefined;
    if (info.uid !== this.#uid) return `belongs to uid ${info.uid}, not to you (uid ${this.#uid})`;
    const actual = info.mode & 0o777;
    if (actual !== mode)
      return `has mode ${actual.toString(8).padStart(4, '0')}, not ${mode.toString(8).padStart(4, '0')}`;
    return undefined;
  }

  #ignore(why: string): undefined {
    if (!this.#warned) {
      this.#warned = true;
      this.#log(`auth: token cache ignored: ${why}`);
    }
    return undefined;
  }
}
