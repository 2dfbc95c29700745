import { describe, expect, it } from 'vitest';
import { resolveEndpoints } from '../../src/genesys/regions.js';

describe('endpoints from --api-url', () => {
  it.each([
    ['https://api.mypurecloud.de', 'https://login.mypurecloud.de'],
    ['https://API.usw2.pure.cloud/', 'https://login.usw2.pure.cloud'],
    ['https://api.example.test:8443', 'https://login.example.test:8443'],
    // Not an api.<domain> host, or a gateway path: one host serves both.
    ['http://127.0.0.1:9', 'http://127.0.0.1:9'],
    ['https://gateway.example.test/genesys', 'https://gateway.example.test/genesys'],
  ])('%s logs in at %s', (apiUrl, loginUrl) => {
    expect(resolveEndpoints({ apiUrl }).loginUrl).toBe(loginUrl);
  });

  it('an explicit --login-url wins', () => {
    expect(
      resolveEndpoints({ apiUrl: 'https://api.mypurecloud.com', loginUrl: 'https://sso.test' }),
    ).toEqual({ apiUrl: 'https://api.mypurecloud.com', loginUrl: 'https://sso.test' });
  });

  it('refuses an --api-url that ends in /api/v2, naming the host to pass instead', () => {
    expect(() => resolveEndpoints({ apiUrl: 'https://api.mypurecloud.com/api/v2/' })).toThrow(
      '--api-url: "https://api.mypurecloud.com/api/v2/" ends in /api/v2, which gcadopt adds to every request itself',
    );
    try {
      resolveEndpoints({ apiUrl: 'https://api.mypurecloud.com/api/v2' });
    } catch (error) {
      expect((error as { hint: string }).hint).toBe(
        'pass the host only: --api-url https://api.mypurecloud.com',
      );
    }
    expect.assertions(2);
  });
});
