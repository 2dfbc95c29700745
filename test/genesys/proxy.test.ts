import { describe, expect, it } from 'vitest';
import { isLoopbackHost } from '../../src/genesys/loopback.js';
import { readProxySettings } from '../../src/genesys/transport.js';
import { createEmulatorClient, createFakeSleepClock } from '../helpers/client.js';
import { startTestEmulator } from '../helpers/emulator.js';
import { startRecordingProxy } from '../helpers/proxy.js';

/** The emulator under a name that is not loopback: only the test proxy can resolve it. */
const remoteUrl = (emulatorUrl: string): string =>
  `http://api.gcadopt.test:${new URL(emulatorUrl).port}`;

describe('proxy from the environment', () => {
  it('goes through HTTP_PROXY for a host that is not loopback', async () => {
    const emulator = await startTestEmulator();
    const proxy = await startRecordingProxy();
    const url = remoteUrl(emulator.url);
    const client = createEmulatorClient(emulator, {
      apiUrl: url,
      loginUrl: url,
      env: { HTTP_PROXY: proxy.url, HTTPS_PROXY: proxy.url },
    });
    const home = await client.divisions.home();
    expect(home.homeDivision).toBe(true);
    // undici tunnels plain http too (CONNECT), so the proxy sees the requests inside.
    expect(proxy.requests.length).toBeGreaterThan(0);
    expect(proxy.requests.every((r) => r.includes('api.gcadopt.test'))).toBe(true);
    expect(proxy.seen()).toContain('POST /oauth/token');
    expect(proxy.seen()).toContain('GET /api/v2/authorization/divisions/home');
  });

  it.each([
    ['HTTP_PROXY and HTTPS_PROXY', { HTTP_PROXY: 'P', HTTPS_PROXY: 'P' }],
    ['lower-case http_proxy', { http_proxy: 'P' }],
    ['a NO_PROXY that does not name the host', { HTTP_PROXY: 'P', NO_PROXY: 'example.test' }],
  ])(
    'never sends loopback traffic through a proxy (%s): the proxy sees no Basic header or token',
    async (_, settings) => {
      const emulator = await startTestEmulator();
      const proxy = await startRecordingProxy();
      const env = Object.fromEntries(
        Object.entries(settings).map(([k, v]) => [k, v === 'P' ? proxy.url : v]),
      );
      const client = createEmulatorClient(emulator, { env });
      await client.divisions.home();
      await client.divisions.list();
      expect(proxy.requests).toEqual([]);
      expect(proxy.seen()).toBe('');
      expect(emulator.requests.map((r) => r.path)).toContain('/oauth/token');
    },
  );

  it('bypasses it for NO_PROXY hosts that are not loopback', async () => {
    const emulator = await startTestEmulator();
    const proxy = await startRecordingProxy();
    const url = remoteUrl(emulator.url);
    const client = createEmulatorClient(emulator, {
      apiUrl: url,
      loginUrl: url,
      env: { HTTP_PROXY: proxy.url, NO_PROXY: 'localhost,.gcadopt.test' },
      clock: createFakeSleepClock(),
      retry: { maxAttempts: 1 },
    });
    // Reached directly, the name resolves nowhere: proof that the proxy was not asked.
    await expect(client.divisions.home()).rejects.toThrow(
      /cannot reach the login host api\.gcadopt\.test/,
    );
    expect(proxy.requests).toEqual([]);
  });
});

describe('isLoopbackHost', () => {
  it.each([
    ['127.0.0.1', true],
    ['127.1.2.3', true],
    ['localhost', true],
    ['LOCALHOST', true],
    ['[::1]', true],
    [new URL('http://[0:0:0:0:0:0:0:1]/').hostname, true],
    [new URL('http://[::ffff:127.0.0.1]/').hostname, true],
    [new URL('http://2130706433/').hostname, true],
    ['128.0.0.1', false],
    ['10.0.0.1', false],
    ['[::2]', false],
    [new URL('http://[::ffff:10.0.0.1]/').hostname, false],
    ['localhost.example.test', false],
    ['127.0.0.1.example.test', false],
    ['api.mypurecloud.com', false],
  ])('%s -> %s', (host, expected) => {
    expect(isLoopbackHost(host)).toBe(expected);
  });
});

describe('readProxySettings', () => {
  it('reads only the environment it is given, upper case first', () => {
    expect(readProxySettings({})).toBeUndefined();
    expect(readProxySettings({ HTTP_PROXY: ' ', NO_PROXY: 'x' })).toBeUndefined();
    expect(
      readProxySettings({ https_proxy: 'http://p:1', HTTP_PROXY: 'http://q:2', no_proxy: 'a' }),
    ).toEqual({ httpProxy: 'http://q:2', httpsProxy: 'http://p:1', noProxy: 'a' });
  });
});
