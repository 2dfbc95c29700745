import { chmod, chown, mkdir, readFile, readdir, stat, symlink, writeFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Emulator } from '../../src/emulator/index.js';
import { resolveCacheDir } from '../../src/genesys/cache-dir.js';
import { TokenCache } from '../../src/genesys/token-cache.js';
import { createTestCacheDir } from '../helpers/cache-dir.js';
import { createEmulatorClient } from '../helpers/client.js';
import { startTestEmulator } from '../helpers/emulator.js';

const isRoot = process.getuid?.() === 0;
const isWindows = process.platform === 'win32';

function grantOf(emulator: Emulator, clientSecret?: string) {
  const [client] = emulator.clients;
  return {
    loginUrl: emulator.url,
    clientId: client!.id,
    clientSecret: clientSecret ?? client!.secret,
  };
}

/** A token the emulator accepts, obtained outside the client under test. */
async function issueToken(emulator: Emulator): Promise<string> {
  const basic = Buffer.from(`${emulator.clients[0]!.id}:${emulator.clients[0]!.secret}`);
  const res = await fetch(`${emulator.url}/oauth/token`, {
    method: 'POST',
    headers: {
      Authorization: `Basic ${basic.toString('base64')}`,
      'Content-Type': 'application/x-www-form-urlencoded',
    },
    body: 'grant_type=client_credentials',
  });
  return ((await res.json()) as { access_token: string }).access_token;
}

/** The emulator logs a hash prefix of the bearer token: the requests made with `token`. */
function callsWith(emulator: Emulator, token: string) {
  const hash = createHash('sha256').update(token).digest('hex').slice(0, 12);
  return emulator.requests.filter((r) => r.caller === hash);
}

/** Plants a valid token for the emulator's client in `dir`, as another tool or user might. */
async function plant(emulator: Emulator, dir: string, mode = 0o600): Promise<string> {
  const token = await issueToken(emulator);
  const file = new TokenCache({ dir }).pathFor(grantOf(emulator));
  await writeFile(file, JSON.stringify({ accessToken: token, expiresAt: Date.now() + 3_600_000 }));
  await chmod(file, mode);
  return token;
}

describe('token cache', () => {
  it('lets a second run with the same grant reuse the token without logging in', async () => {
    const emulator = await startTestEmulator();
    const dir = createTestCacheDir();
    await createEmulatorClient(emulator, { tokenCacheDir: dir }).divisions.home();
    const second = createEmulatorClient(emulator, { tokenCacheDir: dir });
    await second.divisions.home();
    expect(second.stats.logins).toBe(0);
    const [file] = await readdir(dir);
    expect((await stat(join(dir, file!))).mode & 0o777).toBe(
      isWindows ? expect.any(Number) : 0o600,
    );
  });

  it('never vouches for a wrong secret: the cached token of the right one is not used', async () => {
    const emulator = await startTestEmulator();
    const dir = createTestCacheDir();
    await createEmulatorClient(emulator, { tokenCacheDir: dir }).divisions.home();
    const wrong = createEmulatorClient(emulator, {
      tokenCacheDir: dir,
      credentials: { kind: 'client', clientId: emulator.clients[0]!.id, clientSecret: 'mistyped' },
    });
    await expect(wrong.divisions.list()).rejects.toThrow(/oauth\/token failed: 401/);
    expect(emulator.requests.filter((r) => r.path.startsWith('/api/'))).toHaveLength(1);
  });

  it('keys on the login URL: a token of another tenant is not used', async () => {
    const first = await startTestEmulator();
    const other = await startTestEmulator({ seed: { clients: [first.clients[0]!] } });
    const dir = createTestCacheDir();
    await createEmulatorClient(first, { tokenCacheDir: dir }).divisions.home();
    const client = createEmulatorClient(other, { tokenCacheDir: dir });
    await client.divisions.home();
    expect(client.stats.logins).toBe(1);
    expect(await readdir(dir)).toHaveLength(2);
  });

  it('never keeps the secret, the client id or the host in the file or its name', async () => {
    const emulator = await startTestEmulator();
    const dir = createTestCacheDir();
    await createEmulatorClient(emulator, { tokenCacheDir: dir }).divisions.home();
    const [name] = await readdir(dir);
    const { clientId, clientSecret } = grantOf(emulator);
    const text = await readFile(join(dir, name!), 'utf8');
    for (const value of [clientId, clientSecret, new URL(emulator.url).host]) {
      expect(name).not.toContain(value);
      expect(text).not.toContain(value);
    }
  });

  it.skipIf(isWindows).each([
    ['a token file readable by others (0644)', 0o644],
    ['a token file writable by the group (0620)', 0o620],
  ])('ignores %s, saying so once', async (_, mode) => {
    const emulator = await startTestEmulator();
    const dir = createTestCacheDir();
    const planted = await plant(emulator, dir, mode);
    const lines: string[] = [];
    const client = createEmulatorClient(emulator, {
      tokenCacheDir: dir,
      log: (line) => lines.push(line),
    });
    await client.divisions.home();
    await client.divisions.home();
    expect(client.stats.logins).toBe(1);
    expect(callsWith(emulator, planted)).toEqual([]);
    const ignored = lines.filter((l) => l.includes('token cache ignored'));
    expect(ignored).toHaveLength(1);
    expect(ignored[0]).toContain(`has mode 0${mode.toString(8)}, not 0600`);
  });

  it.skipIf(isWindows)('ignores a cache folder others can enter (0755)', async () => {
    const emulator = await startTestEmulator();
    const dir = createTestCacheDir();
    const planted = await plant(emulator, dir);
    await chmod(dir, 0o755);
    const lines: string[] = [];
    const client = createEmulatorClient(emulator, {
      tokenCacheDir: dir,
      log: (line) => lines.push(line),
    });
    await client.divisions.home();
    expect(client.stats.logins).toBe(1);
    expect(callsWith(emulator, planted)).toEqual([]);
    expect(lines.filter((l) => l.includes('token cache ignored'))).toEqual([
      `auth: token cache ignored: the folder ${dir} has mode 0755, not 0700`,
    ]);
  });

  it.skipIf(isWindows)('never writes a token into the shared temporary folder', async () => {
    if (((await stat(tmpdir())).mode & 0o777) === 0o700) {
      console.log('skipped: this temporary folder is private to the user, not shared');
      return;
    }
    const emulator = await startTestEmulator();
    const lines: string[] = [];
    const client = createEmulatorClient(emulator, {
      tokenCacheDir: tmpdir(),
      log: (line) => lines.push(line),
    });
    await client.divisions.home();
    expect(lines.filter((l) => l.includes('token cache ignored'))).toEqual([
      expect.stringMatching(/the folder .* has mode 0\d{3}, not 0700/),
    ]);
    const file = new TokenCache({ dir: tmpdir() }).pathFor(grantOf(emulator));
    await expect(stat(file)).rejects.toThrow(/ENOENT/);
  });

  it.skipIf(isWindows)('ignores a token file that is a link', async () => {
    const emulator = await startTestEmulator();
    const dir = createTestCacheDir();
    const elsewhere = createTestCacheDir();
    const planted = await plant(emulator, elsewhere);
    const [name] = await readdir(elsewhere);
    await symlink(join(elsewhere, name!), join(dir, name!));
    const client = createEmulatorClient(emulator, { tokenCacheDir: dir });
    await client.divisions.home();
    expect(client.stats.logins).toBe(1);
    expect(callsWith(emulator, planted)).toEqual([]);
  });

  it.skipIf(isWindows)('ignores a token file planted by another user', async (ctx) => {
    if (!isRoot) {
      console.log('skipped: giving a file to another user needs root');
      ctx.skip();
    }
    const emulator = await startTestEmulator();
    const dir = createTestCacheDir();
    const planted = await plant(emulator, dir);
    const [name] = await readdir(dir);
    await chown(join(dir, name!), 4242, 4242);
    const lines: string[] = [];
    const client = createEmulatorClient(emulator, {
      tokenCacheDir: dir,
      log: (line) => lines.push(line),
    });
    await client.divisions.home();
    expect(client.stats.logins).toBe(1);
    expect(callsWith(emulator, planted)).toEqual([]);
    expect(lines.join('\n')).toContain('belongs to uid 4242, not to you');
  });

  it.skipIf(isWindows)('creates its folder 0700 and its files 0600', async () => {
    const emulator = await startTestEmulator();
    const dir = join(createTestCacheDir(), 'nested', 'gcadopt');
    await createEmulatorClient(emulator, { tokenCacheDir: dir }).divisions.home();
    expect((await stat(dir)).mode & 0o777).toBe(0o700);
    const [name] = await readdir(dir);
    expect((await stat(join(dir, name!))).mode & 0o777).toBe(0o600);
  });

  it('replaces a cached token the org refuses with one login, however many calls got the 401', async () => {
    const emulator = await startTestEmulator({ latencyMs: 20 });
    const dir = createTestCacheDir();
    const cache = new TokenCache({ dir });
    // Revoked (or issued by an org that has forgotten it) but not expired on paper.
    await cache.write(grantOf(emulator), {
      accessToken: 'revoked-token',
      expiresAt: Date.now() + 3_600_000,
    });
    const client = createEmulatorClient(emulator, { tokenCacheDir: dir, concurrency: 10 });
    const homes = await Promise.all(Array.from({ length: 10 }, () => client.divisions.home()));
    expect(homes.every((h) => h.homeDivision)).toBe(true);
    expect(emulator.requests.filter((r) => r.status === 401)).toHaveLength(10);
    expect(client.stats.logins).toBe(1);
    expect((await cache.read(grantOf(emulator)))?.accessToken).not.toBe('revoked-token');
  });

  it('never takes back from the cache a token it has seen refused', async () => {
    const emulator = await startTestEmulator();
    const dir = createTestCacheDir();
    const cache = new TokenCache({ dir });
    const revoked = { accessToken: 'revoked-token', expiresAt: Date.now() + 3_600_000 };
    await cache.write(grantOf(emulator), revoked);
    const client = createEmulatorClient(emulator, { tokenCacheDir: dir });
    await client.divisions.home();
    // Another run with an old copy writes the refused token back; then the new one expires.
    await cache.write(grantOf(emulator), revoked);
    emulator.expireTokens();
    await client.divisions.home();
    expect(client.stats.logins).toBe(2);
    expect(
      emulator.requests.map((r) => `${r.path.startsWith('/api') ? 'api' : 'login'} ${r.status}`),
    ).toEqual(['api 401', 'login 200', 'api 200', 'api 401', 'login 200', 'api 200']);
  });

  it('removes only the token that was refused, never a newer one', async () => {
    const dir = createTestCacheDir();
    await mkdir(dir, { recursive: true });
    const cache = new TokenCache({ dir });
    const grant = { loginUrl: 'http://127.0.0.1:9', clientId: 'id', clientSecret: 'secret' };
    await cache.write(grant, { accessToken: 'newer', expiresAt: Date.now() + 60_000 });
    await cache.remove(grant, 'older');
    expect((await cache.read(grant))?.accessToken).toBe('newer');
    await cache.remove(grant, 'newer');
    expect(await cache.read(grant)).toBeUndefined();
  });
});

describe('resolveCacheDir', () => {
  const home = isWindows ? 'C:\\Users\\ann' : '/home/ann';
  const abs = (p: string) => (isWindows ? `C:\\${p.replaceAll('/', '\\')}` : `/${p}`);
  it.each([
    ['GCADOPT_CACHE_DIR wins', { GCADOPT_CACHE_DIR: abs('x/c') }, 'linux', abs('x/c')],
    ['XDG_CACHE_HOME', { XDG_CACHE_HOME: abs('xdg') }, 'linux', join(abs('xdg'), 'gcadopt')],
    [
      'XDG_CACHE_HOME on macOS',
      { XDG_CACHE_HOME: abs('xdg') },
      'darwin',
      join(abs('xdg'), 'gcadopt'),
    ],
    [
      'a relative XDG_CACHE_HOME is ignored',
      { XDG_CACHE_HOME: 'rel' },
      'linux',
      join(home, '.cache', 'gcadopt'),
    ],
    ['~/.cache on Linux', {}, 'linux', join(home, '.cache', 'gcadopt')],
    ['~/Library/Caches on macOS', {}, 'darwin', join(home, 'Library', 'Caches', 'gcadopt')],
    [
      '%LOCALAPPDATA% on Windows',
      { LOCALAPPDATA: abs('L') },
      'win32',
      join(abs('L'), 'gcadopt', 'Cache'),
    ],
  ])('%s', (_, env, platform, expected) => {
    expect(resolveCacheDir(env, home, platform)).toBe(expected);
  });

  it('has no cache without a home folder rather than falling back to a shared one', () => {
    expect(resolveCacheDir({}, '', 'linux')).toBeUndefined();
  });
});
