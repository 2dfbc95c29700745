import { readFile, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { createClient } from '../../src/genesys/client.js';
import { startTestEmulator } from '../helpers/emulator.js';
import { copyExample, examplesDir } from '../helpers/example.js';
import { createTestIo } from '../helpers/io.js';

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
