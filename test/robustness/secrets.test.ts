import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmod, chown, readFile, readdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inspect, promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { Emulator } from '../../src/emulator/index.js';
import { createClient } from '../../src/genesys/client.js';
import { TokenCache } from '../../src/genesys/token-cache.js';
import { createTestCacheDir } from '../helpers/cache-dir.js';
import { startTestEmulator } from '../helpers/emulator.js';
import { copyExample, examplesDir } from '../helpers/example.js';
import { createTestIo } from '../helpers/io.js';
import { startRecordingProxy } from '../helpers/proxy.js';
import { createTestCertificate, startTlsFront } from '../helpers/tls.js';

const bin = fileURLToPath(new URL('../../bin/gcadopt.js', import.meta.url));

const secret = 'S3cr3t-value-that-must-never-leak-9f8e7d';
const clientId = 'leak-test-client';

async function allFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

describe('secrets never leak', () => {
  it('with --debug on every command: not in stdout, stderr or written files; the token cache is 0600', async () => {
    const seed = JSON.parse(await readFile(join(examplesDir, 'org.json'), 'utf8')) as {
      clients: unknown[];
    };
    seed.clients = [{ id: clientId, secret, permissions: ['*'] }];
    const emulator = await startTestEmulator({ seed });
    const dir = await copyExample();
    const cache = join(dir, '.cache');
    const env = {
      GCADOPT_API_URL: emulator.url,
      GENESYSCLOUD_OAUTHCLIENT_ID: clientId,
      GENESYSCLOUD_OAUTHCLIENT_SECRET: secret,
      GCADOPT_CACHE_DIR: cache,
    };
    const commands = [
      ['check', dir, '--format', 'text'],
      ['check', dir, '--plan', join(dir, 'plan.json'), '--format', 'json'],
      ['check', dir, '--format', 'sarif', '--out', join(dir, 'report.sarif')],
      ['check', dir, '--format', 'markdown'],
      ['check', dir, '--format', 'github'],
      ['import', dir, '--include-case'],
      ['import', dir, '--commands'],
      ['generate', dir],
      ['divisions', 'list', '--format', 'csv'],
      ['list', 'queues', '--format', 'json'],
      // generate (above) wrote its resource block: Terraform manages it now.
      ['divisions', 'update', 'Quality Assurance', '--description', 'QA', '--yes', '--force'],
    ];
    let output = '';
    for (const args of commands) {
      const io = createTestIo({ env, cwd: dir });
      const code = await main(['--debug', ...args], io);
      expect(code, args.join(' ')).not.toBe(1);
      output += io.out() + io.err();
    }
    expect(output).toContain('debug: http: GET /api/v2/authorization/divisions');
    const cacheFiles = await readdir(cache);
    expect(cacheFiles).toHaveLength(1);
    const cacheFile = join(cache, cacheFiles[0] ?? '');
    expect((await stat(cacheFile)).mode & 0o777).toBe(0o600);
    const token = (JSON.parse(await readFile(cacheFile, 'utf8')) as { accessToken: string })
      .accessToken;
    expect(cacheFiles[0]).not.toContain(clientId);
    const basic = Buffer.from(`${clientId}:${secret}`).toString('base64');
    const written = await Promise.all(
      (await allFiles(dir)).filter((f) => f !== cacheFile).map((f) => readFile(f, 'utf8')),
    );
    for (const text of [output, ...written]) {
      expect(text).not.toContain(secret);
      expect(text).not.toContain(token);
      expect(text).not.toContain(basic);
    }
  });

  it('not in error objects, however they are printed', async () => {
    const emulator = await startTestEmulator({
      seed: { clients: [{ id: clientId, secret: 'right' }] },
    });
    const client = createClient({
      apiUrl: emulator.url,
      loginUrl: emulator.url,
      credentials: { kind: 'client', clientId, clientSecret: secret },
    });
    const error = await client.divisions.list().catch((e: unknown) => e);
    const basic = Buffer.from(`${clientId}:${secret}`).toString('base64');
    for (const text of [
      String(error),
      JSON.stringify(error),
      inspect(error, { depth: 10 }),
      (error as Error).stack ?? '',
    ]) {
      expect(text).not.toContain(secret);
      expect(text).not.toContain(basic);
    }
    const withToken = createClient({
      apiUrl: emulator.url,
      loginUrl: emulator.url,
      credentials: { kind: 'token', accessToken: 'tok-do-not-print-123' },
    });
    const refused = await withToken.divisions.list().catch((e: unknown) => e);
    for (const text of [String(refused), JSON.stringify(refused), inspect(refused, { depth: 10 })])
      expect(text).not.toContain('tok-do-not-print-123');
  });
});

/** The example org whose only OAuth client has the secret under test. */
async function startSecretOrg(): Promise<Emulator> {
  const seed = JSON.parse(await readFile(join(examplesDir, 'org.json'), 'utf8')) as {
    clients: unknown[];
  };
  seed.clients = [{ id: clientId, secret, permissions: ['*'] }];
  return startTestEmulator({ seed });
}

function expectNoSecret(texts: readonly string[], token?: string): void {
  const basic = Buffer.from(`${clientId}:${secret}`).toString('base64');
  for (const text of texts) {
    expect(text).not.toContain(secret);
    expect(text).not.toContain(basic);
    if (token !== undefined) expect(text).not.toContain(token);
  }
}

describe('secrets never reach a proxy', () => {
  it('a logging proxy on a legitimate https host sees only where the tunnel goes', async () => {
    const certificate = createTestCertificate();
    if (certificate === undefined) return;
    const emulator = await startSecretOrg();
    const front = await startTlsFront(certificate, emulator.url);
    const proxy = await startRecordingProxy();
    const cache = createTestCacheDir();
    // The built CLI in its own process: the test certificate is trusted only there.
    const result = await promisify(execFile)(
      process.execPath,
      [bin, '--debug', 'divisions', 'list', '--format', 'json'],
      {
        env: {
          PATH: process.env.PATH ?? '',
          GCADOPT_API_URL: `https://api.gcadopt.test:${front.port}`,
          // One host serves both (an api.<domain> URL alone would log in at login.<domain>).
          GCADOPT_LOGIN_URL: `https://api.gcadopt.test:${front.port}`,
          GENESYSCLOUD_OAUTHCLIENT_ID: clientId,
          GENESYSCLOUD_OAUTHCLIENT_SECRET: secret,
          GCADOPT_CACHE_DIR: cache,
          HTTPS_PROXY: proxy.url,
          NODE_EXTRA_CA_CERTS: certificate.certFile,
        },
      },
    );
    expect((JSON.parse(result.stdout) as unknown[]).length).toBe(emulator.store.list().length);
    expect(proxy.requests.length).toBeGreaterThan(0);
    expect(new Set(proxy.requests)).toEqual(new Set([`CONNECT api.gcadopt.test:${front.port}`]));
    const [file] = await readdir(cache);
    const token = (
      JSON.parse(await readFile(join(cache, file!), 'utf8')) as { accessToken: string }
    ).accessToken;
    expect(proxy.seen()).not.toMatch(/authorization/i);
    expectNoSecret([proxy.seen(), result.stdout, result.stderr], token);
  });

  it('a loopback API bypasses the proxy altogether', async () => {
    const emulator = await startSecretOrg();
    const proxy = await startRecordingProxy();
    const io = createTestIo({
      env: {
        GCADOPT_API_URL: emulator.url,
        GENESYSCLOUD_OAUTHCLIENT_ID: clientId,
        GENESYSCLOUD_OAUTHCLIENT_SECRET: secret,
        HTTP_PROXY: proxy.url,
        HTTPS_PROXY: proxy.url,
      },
    });
    expect(await main(['--debug', 'divisions', 'list'], io)).toBe(0);
    expect(proxy.requests).toEqual([]);
    expect(proxy.seen()).toBe('');
    expectNoSecret([io.out(), io.err()]);
  });
});

describe('a planted token cache is never used and never leaks', () => {
  const hash = (token: string) => createHash('sha256').update(token).digest('hex').slice(0, 12);

  it.each([
    ['readable by others (0644)', 0o644, undefined],
    ['planted by another user', 0o600, 4242],
  ])('a token file %s', async (_, mode, owner) => {
    if (owner !== undefined && process.getuid?.() !== 0) {
      console.log('skipped: giving a file to another user needs root');
      return;
    }
    const emulator = await startSecretOrg();
    // A token the org accepts, waiting in the file gcadopt would read.
    const issued = await fetch(`${emulator.url}/oauth/token`, {
      method: 'POST',
      headers: {
        Authorization: `Basic ${Buffer.from(`${clientId}:${secret}`).toString('base64')}`,
        'Content-Type': 'application/x-www-form-urlencoded',
      },
      body: 'grant_type=client_credentials',
    });
    const planted = ((await issued.json()) as { access_token: string }).access_token;
    const cache = createTestCacheDir();
    const file = new TokenCache({ dir: cache }).pathFor({
      loginUrl: emulator.url,
      clientId,
      clientSecret: secret,
    });
    await writeFile(file, JSON.stringify({ accessToken: planted, expiresAt: Date.now() + 3.6e6 }));
    await chmod(file, mode);
    if (owner !== undefined) await chown(file, owner, owner);
    const io = createTestIo({
      env: {
        GCADOPT_API_URL: emulator.url,
        GENESYSCLOUD_OAUTHCLIENT_ID: clientId,
        GENESYSCLOUD_OAUTHCLIENT_SECRET: secret,
        GCADOPT_CACHE_DIR: cache,
      },
    });
    expect(await main(['--debug', 'divisions', 'list'], io)).toBe(0);
    expect(
      io
        .err()
        .split('\n')
        .filter((l) => l.includes('token cache ignored')),
    ).toHaveLength(1);
    // Never sent: the CLI logged in for itself.
    expect(emulator.requests.filter((r) => r.caller === hash(planted))).toEqual([]);
    expect(emulator.requests.filter((r) => r.path === '/oauth/token')).toHaveLength(2);
    expectNoSecret([io.out(), io.err()], planted);
  });
});
