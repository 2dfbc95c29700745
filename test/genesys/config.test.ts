import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { resolveCredentials } from '../../src/genesys/credentials.js';
import { regions, resolveEndpoints, resolveRegion } from '../../src/genesys/regions.js';

describe('regions', () => {
  it.each(
    regions.flatMap((r) => [
      [r.name, r.domain],
      [r.key, r.domain],
      [r.domain, r.domain],
      [r.name.toUpperCase(), r.domain],
    ]),
  )('resolves %s', (input, domain) => {
    expect(resolveRegion(input).domain).toBe(domain);
  });

  it('tolerates pasted hosts', () => {
    expect(resolveRegion('https://api.mypurecloud.de/').name).toBe('eu-central-1');
    expect(resolveRegion('login.mypurecloud.jp').name).toBe('ap-northeast-1');
  });

  it.each(['us-east-3', 'purecloud.com', '', 'eu_west'])(
    'rejects %j with the valid list',
    (input) => {
      expect(() => resolveRegion(input)).toThrow(/unknown Genesys Cloud region/);
      try {
        resolveRegion(input);
      } catch (error) {
        expect((error as { hint: string }).hint).toContain('us-east-1');
        expect((error as { hint: string }).hint).toContain('ap-northeast-3');
      }
    },
  );

  it('builds api and login hosts from the region', () => {
    expect(resolveEndpoints({ region: 'eu_west_2' })).toEqual({
      apiUrl: 'https://api.euw2.pure.cloud',
      loginUrl: 'https://login.euw2.pure.cloud',
    });
  });

  it('lets --api-url override and --login-url default to it', () => {
    expect(resolveEndpoints({ region: 'us-east-1', apiUrl: 'http://127.0.0.1:9/' })).toEqual({
      apiUrl: 'http://127.0.0.1:9',
      loginUrl: 'http://127.0.0.1:9',
    });
    expect(
      resolveEndpoints({
        apiUrl: 'https://gw.example.test/api',
        loginUrl: 'https://gw.example.test/login',
      }).loginUrl,
    ).toBe('https://gw.example.test/login');
  });

  it.each([
    'http://api.example.test',
    'http://10.0.0.1:8080',
    'ftp://127.0.0.1',
    'not a url',
    'https://user:pw@x.test',
  ])('refuses %s', (url) => {
    expect(() => resolveEndpoints({ apiUrl: url })).toThrow();
  });

  it('allows plain http for every loopback form', () => {
    for (const host of ['127.0.0.1', '127.1.2.3', 'localhost', '[::1]']) {
      expect(resolveEndpoints({ apiUrl: `http://${host}:1` }).apiUrl).toBe(`http://${host}:1`);
    }
  });

  it('asks for a region when neither region nor url is given', () => {
    expect(() => resolveEndpoints({})).toThrow(/no Genesys Cloud region/);
  });
});

describe('credentials', () => {
  const none = join(tmpdir(), 'gcadopt-no-such-dir');

  it('prefers the provider names', () => {
    const got = resolveCredentials(
      {
        GENESYSCLOUD_OAUTHCLIENT_ID: 'p-id',
        GENESYSCLOUD_OAUTHCLIENT_SECRET: 'p-secret',
        GENESYSCLOUD_REGION: 'us-east-1',
        GENESYS_CLOUD_CLIENT_ID: 't-id',
        GENESYS_CLOUD_CLIENT_SECRET: 't',
      },
      none,
    );
    expect(got).toEqual({
      credentials: { kind: 'client', clientId: 'p-id', clientSecret: 'p-secret' },
      region: 'us-east-1',
      source: 'environment',
      variables: 'GENESYSCLOUD_OAUTHCLIENT_ID, GENESYSCLOUD_OAUTHCLIENT_SECRET',
    });
  });

  it("falls back to the tutorial's names with their region", () => {
    const got = resolveCredentials(
      {
        GENESYS_CLOUD_CLIENT_ID: 't-id',
        GENESYS_CLOUD_CLIENT_SECRET: 't-secret',
        GENESYS_CLOUD_REGION: 'mypurecloud.ie',
      },
      none,
    );
    expect(got.credentials).toEqual({ kind: 'client', clientId: 't-id', clientSecret: 't-secret' });
    expect(got.region).toBe('mypurecloud.ie');
  });

  it('uses a ready access token', () => {
    expect(resolveCredentials({ GENESYSCLOUD_ACCESS_TOKEN: 'tok' }, none).credentials).toEqual({
      kind: 'token',
      accessToken: 'tok',
    });
  });

  it('reads .env in the working folder, the environment winning', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gcadopt-env-'));
    onTestFinished(() => rm(dir, { recursive: true, force: true }));
    await writeFile(
      join(dir, '.env'),
      'GENESYS_CLOUD_CLIENT_ID="file-id"\nGENESYS_CLOUD_CLIENT_SECRET=file-secret # comment\nGENESYS_CLOUD_REGION=mypurecloud.de\n',
    );
    const got = resolveCredentials({ GENESYS_CLOUD_REGION: 'us-west-2' }, dir);
    expect(got).toEqual({
      credentials: { kind: 'client', clientId: 'file-id', clientSecret: 'file-secret' },
      region: 'us-west-2',
      source: '.env',
      variables: 'GENESYS_CLOUD_CLIENT_ID, GENESYS_CLOUD_CLIENT_SECRET',
    });
  });

  it('names the variables when nothing is set', () => {
    expect(() => resolveCredentials({}, none)).toThrow(/no Genesys Cloud credentials found/);
    try {
      resolveCredentials({}, none);
    } catch (error) {
      expect((error as { hint: string }).hint).toContain('GENESYSCLOUD_OAUTHCLIENT_ID');
    }
  });

  it('names the missing half of a pair', () => {
    expect(() => resolveCredentials({ GENESYSCLOUD_OAUTHCLIENT_ID: 'x' }, none)).toThrow(
      /GENESYSCLOUD_OAUTHCLIENT_SECRET is not set/,
    );
  });
});
