import { describe, expect, it } from 'vitest';
import { loginTo, startTestEmulator } from '../helpers/emulator.js';

const east = '0d0d0d0d-0000-4000-8000-000000000002';
const divisions = '/api/v2/authorization/divisions';

describe('objects in a division', () => {
  it.each([
    ['/api/v2/routing/queues', {}],
    ['/api/v2/routing/wrapupcodes', {}],
    ['/api/v2/routing/skills', {}],
  ])('%s: the division cannot be deleted while one is in it', async (path, body) => {
    const emulator = await startTestEmulator({ seed: { divisions: [{ id: east, name: 'East' }] } });
    const api = await loginTo(emulator);
    const created = await api(path, {
      method: 'POST',
      body: JSON.stringify({ ...body, name: 'In East', division: { id: east } }),
    });
    const { id } = (await created.json()) as { id: string };
    const refused = await api(`${divisions}/${east}`, { method: 'DELETE' });
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { message: string }).message).toContain('1 object(s)');
    expect((await api(`${path}/${id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await api(`${divisions}/${east}`, { method: 'DELETE' })).status).toBe(204);
  });
});
