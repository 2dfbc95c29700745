import platformClient from 'purecloud-platform-client-v2';
import { describe, expect, it } from 'vitest';
import { startTestEmulator } from '../helpers/emulator.js';
import { loginSdk } from '../helpers/sdk.js';

const rejection = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error as { status: number; code?: string },
  );

const route = (name: string) => ({
  name,
  classificationTypes: ['National'],
  distribution: 'RANDOM',
});

/** The official SDK drives sites and their outbound routes. */
describe('official SDK against the emulated sites and outbound routes', () => {
  it('lists managed sites apart, makes each new site its default route, keeps names per site', async () => {
    const emulator = await startTestEmulator();
    await loginSdk(emulator);
    const api = new platformClient.TelephonyProvidersEdgeApi();

    const managed = await api.getTelephonyProvidersEdgesSites({ managed: true });
    expect(managed.entities?.map((s) => s.name)).toEqual(['PureCloud Voice - AWS']);
    expect((await api.getTelephonyProvidersEdgesSites({ managed: false })).total).toBe(0);
    const builtIn = managed.entities![0]!;
    expect((await rejection(api.deleteTelephonyProvidersEdgesSite(builtIn.id!)))?.status).toBe(400);
    const builtInRoutes = await api.getTelephonyProvidersEdgesSiteOutboundroutes(builtIn.id!, {});
    expect(builtInRoutes.entities?.map((r) => r.name)).toEqual(['Default Outbound Route']);

    const location = { id: '0a1b2c3d-0000-4000-8000-00000000f001' };
    const site = await api.postTelephonyProvidersEdgesSites({
      name: 'Paris',
      location,
      mediaModel: 'Premises',
    });
    expect(site).toMatchObject({ name: 'Paris', managed: false, state: 'active' });
    const dupSite = await rejection(
      api.postTelephonyProvidersEdgesSites({
        name: 'paris',
        location,
        mediaModel: 'Cloud',
      }),
    );
    expect(dupSite?.code).toBe('general.conflict');
    expect((await api.getTelephonyProvidersEdgesSites({ locationId: location.id })).total).toBe(1);

    const routes = await api.getTelephonyProvidersEdgesSiteOutboundroutes(site.id!, {});
    // The route carries its site (the seed's `site: {id}`; the SDK's model leaves it out).
    const siteOf = (r: object) => (r as { site?: { id?: string } }).site?.id;
    expect(routes.entities?.map((r) => [r.name, siteOf(r)])).toEqual([
      ['Default Outbound Route', site.id],
    ]);
    const created = await api.postTelephonyProvidersEdgesSiteOutboundroutes(
      site.id!,
      route('Intl'),
    );
    expect(created).toMatchObject({ name: 'Intl', distribution: 'RANDOM', site: { id: site.id } });
    // Unique within a site, free in another.
    const dup = await rejection(
      api.postTelephonyProvidersEdgesSiteOutboundroutes(site.id!, route('INTL')),
    );
    expect(dup?.status).toBe(409);
    await api.postTelephonyProvidersEdgesSiteOutboundroutes(builtIn.id!, route('Intl'));

    const updated = await api.putTelephonyProvidersEdgesSiteOutboundroute(site.id!, created.id!, {
      ...route('Intl'),
      enabled: true,
    });
    expect(updated).toMatchObject({ enabled: true, version: 2 });
    // A route is reached through its own site only.
    const elsewhere = api.getTelephonyProvidersEdgesSiteOutboundroute(builtIn.id!, created.id!);
    expect((await rejection(elsewhere))?.status).toBe(404);
    await api.deleteTelephonyProvidersEdgesSiteOutboundroute(site.id!, created.id!);
    expect((await api.getTelephonyProvidersEdgesSiteOutboundroutes(site.id!, {})).total).toBe(1);

    await api.deleteTelephonyProvidersEdgesSite(site.id!);
    const listed = await api.getTelephonyProvidersEdgesSites({ managed: false });
    expect(listed.entities?.[0]?.state).toBe('deleted');
    const gone = api.getTelephonyProvidersEdgesSiteOutboundroutes(site.id!, {});
    expect((await rejection(gone))?.status).toBe(404);
  });
});
