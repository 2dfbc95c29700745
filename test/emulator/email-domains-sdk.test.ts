import platformClient from 'purecloud-platform-client-v2';
import { describe, expect, it } from 'vitest';
import { startTestEmulator } from '../helpers/emulator.js';
import { loginSdk } from '../helpers/sdk.js';

const rejection = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error as { status: number; code?: string; message?: string },
  );

/** The official SDK drives email domains: the id is the domain, a duplicate is a 400. */
describe('official SDK against the emulated email domains', () => {
  it('creates, meets the duplicate, patches, lists and deletes by domain', async () => {
    const emulator = await startTestEmulator({ seed: { emaildomains: [{ id: 'example.com' }] } });
    await loginSdk(emulator);
    const api = new platformClient.RoutingApi();

    const seeded = await api.getRoutingEmailDomain('example.com');
    expect(seeded).toMatchObject({ id: 'example.com', name: 'example.com' });
    const dup = await rejection(api.postRoutingEmailDomains({ id: 'Example.com' }));
    expect(dup?.status).toBe(400);
    expect(dup?.message).toContain('The inbound domain already exists');

    const sub = await api.postRoutingEmailDomains({ id: 'acme', subDomain: true });
    expect(sub).toMatchObject({ id: 'acme.mypurecloud.com', subDomain: true });
    const patched = await api.patchRoutingEmailDomain('example.com', {
      mailFromSettings: { mailFromDomain: 'mail.example.com' },
    });
    expect(patched.mailFromSettings).toEqual({ mailFromDomain: 'mail.example.com' });

    const listed = await api.getRoutingEmailDomains({ pageSize: 25, pageNumber: 1 });
    expect(listed.entities?.map((d) => d.id)).toEqual(['acme.mypurecloud.com', 'example.com']);
    await api.deleteRoutingEmailDomain('acme.mypurecloud.com');
    expect((await rejection(api.getRoutingEmailDomain('acme.mypurecloud.com')))?.status).toBe(404);
    expect((await rejection(api.postRoutingEmailDomains({ id: 'not a domain' })))?.status).toBe(
      400,
    );
  });
});
