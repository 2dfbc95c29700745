import { describe, expect, it } from 'vitest';
import { loginTo, seedDivisions, startTestEmulator } from '../helpers/emulator.js';

const base = '/api/v2/authorization/divisions';

describe('emulator under 200 parallel mixed requests', () => {
  it('keeps names unique and loses no write', async () => {
    const seeded = seedDivisions(20);
    const emulator = await startTestEmulator({
      seed: { divisions: seeded, limits: { ratePerMinute: 100_000 } },
    });
    const api = await loginTo(emulator);
    const pool = ['Alpha', 'alpha ', 'Beta', 'Gamma', 'GAMMA', 'Delta'];
    const requests = Array.from({ length: 200 }, async (_, i) => {
      const target = seeded[i % seeded.length]?.id ?? '';
      const name = pool[i % pool.length] ?? 'x';
      switch (i % 5) {
        case 0:
          return {
            op: 'create',
            res: await api(base, { method: 'POST', body: JSON.stringify({ name }) }),
          };
        case 1:
          return {
            op: 'rename',
            id: target,
            res: await api(`${base}/${target}`, {
              method: 'PUT',
              body: JSON.stringify({ name: `${name} ${i % 7}` }),
            }),
          };
        case 2:
          return {
            op: 'delete',
            id: target,
            res: await api(`${base}/${target}`, { method: 'DELETE' }),
          };
        case 3:
          return { op: 'list', res: await api(`${base}?pageSize=7&pageNumber=${(i % 4) + 1}`) };
        default:
          return { op: 'get', id: target, res: await api(`${base}/${target}`) };
      }
    });
    const results = await Promise.all(requests);
    expect(results.every((r) => r.res.status < 500)).toBe(true);
    const created: string[] = [];
    const deleted = new Set<string>();
    for (const r of results) {
      if (r.op === 'create' && r.res.status === 201)
        created.push(((await r.res.json()) as { id: string }).id);
      if (r.op === 'delete' && r.res.status === 204) deleted.add(r.id ?? '');
    }
    const final = emulator.store.list();
    const keys = final.map((d) => d.name.trim().toLowerCase());
    expect(new Set(keys).size).toBe(keys.length);
    for (const id of created) expect(final.some((d) => d.id === id)).toBe(true);
    for (const id of deleted) expect(final.some((d) => d.id === id)).toBe(false);
    expect(final).toHaveLength(seeded.length + 1 + created.length - deleted.size);
    // Every create of a name from the pool that differs only by case or spaces collided.
    expect(created.length).toBeLessThanOrEqual(
      new Set(pool.map((n) => n.trim().toLowerCase())).size,
    );
  });
});
