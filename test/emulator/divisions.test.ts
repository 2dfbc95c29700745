import { describe, expect, it } from 'vitest';
import { loginTo, seedDivisions, startTestEmulator } from '../helpers/emulator.js';

const base = '/api/v2/authorization/divisions';
type Listing = {
  entities: { id: string; name: string }[];
  pageSize: number;
  pageNumber: number;
  total: number;
  pageCount: number;
  firstUri: string;
  selfUri: string;
  lastUri: string;
  nextUri?: string;
  previousUri?: string;
};

describe('emulator divisions listing', () => {
  it('pages with relative URIs, previousUri absent on page 1 and nextUri on the last', async () => {
    const emulator = await startTestEmulator({ seed: { divisions: seedDivisions(60) } });
    const api = await loginTo(emulator);
    const first = (await (await api(`${base}?pageSize=25`)).json()) as Listing;
    expect(first).toMatchObject({ pageSize: 25, pageNumber: 1, total: 61, pageCount: 3 });
    expect(first.entities).toHaveLength(25);
    expect(first.previousUri).toBeUndefined();
    expect(first.nextUri).toBe(`${base}?pageSize=25&pageNumber=2`);
    expect(first.lastUri).toBe(`${base}?pageSize=25&pageNumber=3`);
    const last = (await (await api(first.lastUri)).json()) as Listing;
    expect(last.entities).toHaveLength(11);
    expect(last.nextUri).toBeUndefined();
    expect(last.previousUri).toBe(`${base}?pageSize=25&pageNumber=2`);
    const ids = new Set([...first.entities, ...last.entities].map((d) => d.id));
    expect(ids.size).toBe(36);
  });

  it('answers an empty page past the end with the real total', async () => {
    const emulator = await startTestEmulator({ seed: { divisions: seedDivisions(3) } });
    const api = await loginTo(emulator);
    const page = (await (await api(`${base}?pageSize=25&pageNumber=9`)).json()) as Listing;
    expect(page).toMatchObject({ entities: [], total: 4, pageCount: 1, pageNumber: 9 });
    expect(page.nextUri).toBeUndefined();
  });

  it('defaults pageSize to 25', async () => {
    const emulator = await startTestEmulator({ seed: { divisions: seedDivisions(30) } });
    const api = await loginTo(emulator);
    const page = (await (await api(base)).json()) as Listing;
    expect(page.pageSize).toBe(25);
    expect(page.entities).toHaveLength(25);
  });

  it.each(['0', '-1', '501', 'abc', '2.5'])(
    'rejects pageSize=%s with 400 invalid.value',
    async (size) => {
      const emulator = await startTestEmulator();
      const api = await loginTo(emulator);
      const res = await api(`${base}?pageSize=${size}`);
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ code: 'invalid.value', status: 400 });
    },
  );

  it('accepts pageSize at the org maximum', async () => {
    const emulator = await startTestEmulator({
      seed: { divisions: seedDivisions(10), limits: { pageSizeMax: 100 } },
    });
    const api = await loginTo(emulator);
    expect((await api(`${base}?pageSize=100`)).status).toBe(200);
    expect((await api(`${base}?pageSize=101`)).status).toBe(400);
  });

  it('filters by id, repeated and comma-joined', async () => {
    const seeded = seedDivisions(5);
    const emulator = await startTestEmulator({ seed: { divisions: seeded } });
    const api = await loginTo(emulator);
    const [a, b, c] = seeded;
    const repeated = (await (await api(`${base}?id=${a!.id}&id=${b!.id}`)).json()) as Listing;
    const joined = (await (await api(`${base}?id=${a!.id},${c!.id}`)).json()) as Listing;
    expect(repeated.entities.map((d) => d.id).sort()).toEqual([a!.id, b!.id].sort());
    expect(joined.entities.map((d) => d.id).sort()).toEqual([a!.id, c!.id].sort());
    expect(joined.firstUri).toContain(`id=${encodeURIComponent(`${a!.id},${c!.id}`)}`);
  });

  it('treats name as a case-insensitive search term, not an exact match', async () => {
    const emulator = await startTestEmulator({
      seed: { divisions: [{ name: 'EMEA Sales' }, { name: 'APAC Sales' }, { name: 'Support' }] },
    });
    const api = await loginTo(emulator);
    const page = (await (await api(`${base}?name=sales`)).json()) as Listing;
    expect(page.entities.map((d) => d.name).sort()).toEqual(['APAC Sales', 'EMEA Sales']);
  });

  it('returns the real division object and nothing more', async () => {
    const emulator = await startTestEmulator({
      seed: {
        divisions: [
          {
            id: '11111111-2222-4333-8444-555555555555',
            name: 'Ops',
            description: 'd',
            objectCounts: { USER: 2 },
          },
        ],
      },
    });
    const api = await loginTo(emulator);
    const one = (await (
      await api(`${base}/11111111-2222-4333-8444-555555555555`)
    ).json()) as Record<string, unknown>;
    expect(Object.keys(one).sort()).toEqual([
      'description',
      'homeDivision',
      'id',
      'name',
      'selfUri',
    ]);
    const counted = (await (
      await api(`${base}/11111111-2222-4333-8444-555555555555?objectCount=true`)
    ).json()) as Record<string, unknown>;
    expect(counted.objectCounts).toEqual({ USER: 2 });
    const home = (await (await api(`${base}/home`)).json()) as Record<string, unknown>;
    expect(home).toMatchObject({ name: 'Home', homeDivision: true });
    expect(await (await api(`${base}/limit`)).json()).toBe(1000);
  });
});

describe('emulator division writes', () => {
  it('creates, updates and deletes', async () => {
    const emulator = await startTestEmulator();
    const api = await loginTo(emulator);
    const created = await api(base, {
      method: 'POST',
      body: JSON.stringify({ name: 'Sales', description: 'x' }),
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const updated = await api(`${base}/${id}`, {
      method: 'PUT',
      body: JSON.stringify({ name: 'Sales EMEA', description: null }),
    });
    expect(updated.status).toBe(200);
    expect(await updated.json()).toMatchObject({ name: 'Sales EMEA', homeDivision: false });
    expect((await api(`${base}/${id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await api(`${base}/${id}`)).status).toBe(404);
  });

  it.each([
    [409, 'general.conflict'],
    [400, 'bad.request'],
  ] as const)(
    'answers a duplicate name (case and spaces ignored) with %i %s naming the division',
    async (status, code) => {
      const emulator = await startTestEmulator({
        duplicateStatus: status,
        seed: { divisions: [{ id: '11111111-2222-4333-8444-555555555555', name: 'Sales' }] },
      });
      const api = await loginTo(emulator);
      const res = await api(base, { method: 'POST', body: JSON.stringify({ name: '  sales ' }) });
      expect(res.status).toBe(status);
      const body = (await res.json()) as {
        code: string;
        message: string;
        details: { entityId: string }[];
      };
      expect(body.code).toBe(code);
      expect(body.message).toContain('sales');
      expect(body.details[0]?.entityId).toBe('11111111-2222-4333-8444-555555555555');
    },
  );

  it('refuses a rename onto another division name with 409', async () => {
    const emulator = await startTestEmulator({
      seed: {
        divisions: [
          { name: 'Sales' },
          { id: '11111111-2222-4333-8444-555555555555', name: 'Support' },
        ],
      },
    });
    const api = await loginTo(emulator);
    const res = await api(`${base}/11111111-2222-4333-8444-555555555555`, {
      method: 'PUT',
      body: JSON.stringify({ name: 'SALES' }),
    });
    expect(res.status).toBe(409);
    const self = await api(`${base}/11111111-2222-4333-8444-555555555555`, {
      method: 'PUT',
      body: JSON.stringify({ name: 'support' }),
    });
    expect(self.status).toBe(200);
  });

  it.each([
    ['the home division', 'home', 400, 'bad.request'],
    ['a division that holds objects', 'busy', 400, 'bad.request'],
    ['an unknown id', 'unknown', 404, 'not.found'],
    ['a non-GUID id', 'not-a-guid', 400, 'invalid.id'],
  ])('refuses to delete %s', async (_what, which, status, code) => {
    const emulator = await startTestEmulator({
      seed: {
        divisions: [
          { id: '11111111-2222-4333-8444-555555555555', name: 'Busy', objectCounts: { QUEUE: 1 } },
        ],
      },
    });
    const api = await loginTo(emulator);
    const id = {
      home: emulator.store.home().id,
      busy: '11111111-2222-4333-8444-555555555555',
      unknown: '99999999-2222-4333-8444-555555555555',
      'not-a-guid': 'not-a-guid',
    }[which];
    const res = await api(`${base}/${id}`, { method: 'DELETE' });
    expect(res.status).toBe(status);
    expect(await res.json()).toMatchObject({ code, status });
  });

  it('refuses a create past the division limit', async () => {
    const emulator = await startTestEmulator({
      seed: { divisions: seedDivisions(2), limits: { maxDivisions: 3 } },
    });
    const api = await loginTo(emulator);
    const res = await api(base, { method: 'POST', body: JSON.stringify({ name: 'One too many' }) });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { message: string }).message).toContain('limit of 3');
  });

  it.each([
    ['malformed JSON', '{"name":', 'bad.request'],
    ['a missing name', '{"description":"x"}', 'invalid.value'],
    ['a blank name', '{"name":"   "}', 'invalid.value'],
  ])('answers 400 for %s', async (_what, body, code) => {
    const emulator = await startTestEmulator();
    const api = await loginTo(emulator);
    const res = await api(base, { method: 'POST', body });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code });
  });

  it('answers 403 missing.permissions naming the permission', async () => {
    const emulator = await startTestEmulator({
      seed: {
        clients: [{ id: 'viewer', secret: 's3cret', permissions: ['authorization:division:view'] }],
      },
    });
    const api = await loginTo(emulator);
    expect((await api(base)).status).toBe(200);
    const res = await api(base, { method: 'POST', body: JSON.stringify({ name: 'X' }) });
    expect(res.status).toBe(403);
    const body = (await res.json()) as { code: string; message: string };
    expect(body.code).toBe('missing.permissions');
    expect(body.message).toContain('authorization:division:add');
    expect(body.message).toContain('authorization:grant:add');
  });

  it('answers unknown routes with 404 not.found and every response with a correlation id', async () => {
    const emulator = await startTestEmulator();
    const api = await loginTo(emulator);
    const res = await api('/api/v2/routing/nothing');
    expect(res.status).toBe(404);
    expect(res.headers.get('inin-correlation-id')).toBeTruthy();
    expect(await res.json()).toMatchObject({ code: 'not.found' });
  });

  it('lets exactly one of 50 parallel creates of one name succeed', async () => {
    const emulator = await startTestEmulator();
    const api = await loginTo(emulator);
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        api(base, {
          method: 'POST',
          body: JSON.stringify({ name: i % 2 === 0 ? 'Race' : ' race ' }),
        }),
      ),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(49);
    expect(emulator.store.list().filter((d) => d.name.toLowerCase() === 'race')).toHaveLength(1);
  });
});
