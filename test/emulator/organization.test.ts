import platformClient from 'purecloud-platform-client-v2';
import { describe, expect, it } from 'vitest';
import { startTestEmulator } from '../helpers/emulator.js';
import { loginSdk } from '../helpers/sdk.js';

describe('GET /api/v2/organizations/me', () => {
  it("answers the official SDK's getOrganizationsMe with the SDK's Organization fields, stable per org", async () => {
    const emulator = await startTestEmulator();
    await loginSdk(emulator);
    const org = await new platformClient.OrganizationApi().getOrganizationsMe();
    expect(Object.keys(org).sort()).toEqual([
      'defaultSiteId',
      'domain',
      'id',
      'name',
      'selfUri',
      'state',
      'thirdPartyOrgName',
      'version',
    ]);
    expect(org).toMatchObject({ name: 'Emulated Org', state: 'active', version: 1 });
    expect(org.selfUri).toBe(`/api/v2/organizations/${org.id}`);
    const again = await new platformClient.OrganizationApi().getOrganizationsMe();
    expect(again).toEqual(org);
  });

  it('needs a token and allows GET only', async () => {
    const emulator = await startTestEmulator();
    const anonymous = await fetch(`${emulator.url}/api/v2/organizations/me`);
    expect(anonymous.status).toBe(401);
    const [credentials] = emulator.clients;
    const login = await fetch(`${emulator.url}/oauth/token`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${credentials!.id}:${credentials!.secret}`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: 'grant_type=client_credentials',
    });
    const { access_token: token } = (await login.json()) as { access_token: string };
    const put = await fetch(`${emulator.url}/api/v2/organizations/me`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(put.status).toBe(405);
  });
});
