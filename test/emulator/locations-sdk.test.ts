import platformClient from 'purecloud-platform-client-v2';
import { describe, expect, it } from 'vitest';
import { startTestEmulator } from '../helpers/emulator.js';
import { loginSdk } from '../helpers/sdk.js';

const rejection = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error as { status: number; body?: { code?: string } },
  );

const exact = (value: string) => ({
  pageSize: 25,
  pageNumber: 1,
  query: [{ type: 'EXACT', fields: ['name'], value }],
});

/** The official SDK drives locations: search, nesting, PATCH, soft deletes, the built-in one. */
describe('official SDK against the emulated locations', () => {
  it('creates, searches, nests, meets the duplicate, updates and soft-deletes', async () => {
    const emulator = await startTestEmulator();
    await loginSdk(emulator);
    const api = new platformClient.LocationsApi();

    const seeded = await api.getLocations({ pageSize: 25, pageNumber: 1 });
    expect(seeded.entities?.map((l) => l.name)).toEqual(['Default PCV Location']);
    const builtIn = seeded.entities![0]!;
    expect((await rejection(api.deleteLocation(builtIn.id!)))?.status).toBe(400);

    const hq = await api.postLocations({ name: 'HQ', notes: 'main office', path: [] });
    expect(hq).toMatchObject({ name: 'HQ', notes: 'main office', state: 'active', version: 1 });
    const floor = await api.postLocations({ name: 'Floor 1', path: [hq.id!] });
    expect(floor.path).toEqual([hq.id]);
    // Names are unique in the org by default: the same name under another parent is refused.
    const annex = await api.postLocations({ name: 'Annex', path: [] });
    const dup = await rejection(api.postLocations({ name: 'floor 1', path: [annex.id!] }));
    expect(dup?.status).toBe(409);

    const found = await api.postLocationsSearch(exact('Floor 1'));
    expect(found.results?.map((l) => l.id)).toEqual([floor.id]);
    expect(found.total).toBe(1);

    const patched = await api.patchLocation(hq.id!, { name: 'HQ', notes: 'moved', version: 1 });
    expect(patched).toMatchObject({ notes: 'moved', version: 2, path: [] });

    await api.deleteLocation(floor.id!);
    const listed = await api.getLocations({ pageSize: 25, pageNumber: 1 });
    expect(listed.entities?.find((l) => l.id === floor.id)?.state).toBe('deleted');
    expect((await api.postLocationsSearch(exact('Floor 1'))).total).toBe(0);
    // A deleted location's name is free again.
    expect((await api.postLocations({ name: 'Floor 1', path: [hq.id!] })).id).not.toBe(floor.id);
  });

  it('takes the same name under two parents when names are unique per parent', async () => {
    const emulator = await startTestEmulator({ namesPerParent: true });
    await loginSdk(emulator);
    const api = new platformClient.LocationsApi();
    const [a, b] = [await api.postLocations({ name: 'A' }), await api.postLocations({ name: 'B' })];
    await api.postLocations({ name: 'Floor 1', path: [a.id!] });
    await api.postLocations({ name: 'Floor 1', path: [b.id!] });
    const dup = await rejection(api.postLocations({ name: 'Floor 1', path: [a.id!] }));
    expect(dup?.status).toBe(409);
    expect((await api.postLocationsSearch(exact('Floor 1'))).total).toBe(2);
  });
});
