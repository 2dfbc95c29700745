import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { NameCompare } from '../../src/emulator/index.js';
import { loginTo, startTestEmulator } from '../helpers/emulator.js';
import { loginAt } from '../helpers/emulator-process.js';
import { createTestIo } from '../helpers/io.js';

const base = '/api/v2/authorization/divisions';

describe('emulator names are stored as given', () => {
  it('keeps spaces of seeded and written names and descriptions', async () => {
    const emulator = await startTestEmulator({
      seed: { divisions: [{ name: '  Finance', description: ' padded ' }] },
    });
    const api = await loginTo(emulator);
    const listed = (await (await api(base)).json()) as {
      entities: { name: string; description?: string }[];
    };
    expect(listed.entities.find((d) => d.name.includes('Finance'))).toMatchObject({
      name: '  Finance',
      description: ' padded ',
    });
    const created = await api(base, { method: 'POST', body: JSON.stringify({ name: 'Sales ' }) });
    expect(await created.json()).toMatchObject({ name: 'Sales ' });
    const { id } = emulator.store.list().find((d) => d.name === 'Sales ')!;
    const renamed = await api(`${base}/${id}`, {
      method: 'PUT',
      body: JSON.stringify({ name: ' Sales EMEA' }),
    });
    expect(await renamed.json()).toMatchObject({ name: ' Sales EMEA' });
  });
});

describe('emulator name comparison switch', () => {
  const seed = { divisions: [{ id: '11111111-2222-4333-8444-555555555555', name: 'Sales' }] };
  const create = async (nameCompare: NameCompare | undefined, name: string, limits = {}) => {
    const emulator = await startTestEmulator({
      seed: { ...seed, limits },
      ...(nameCompare === undefined ? {} : { nameCompare }),
    });
    const api = await loginTo(emulator);
    return (await api(base, { method: 'POST', body: JSON.stringify({ name }) })).status;
  };

  it.each([
    [undefined, 'Sales', 409],
    [undefined, 'sales', 409],
    [undefined, ' SALES ', 409],
    ['case-and-space-insensitive', ' sales', 409],
    ['case-insensitive', 'SALES', 409],
    ['case-insensitive', ' Sales', 201],
    ['exact', 'Sales', 409],
    ['exact', 'sales', 201],
    ['exact', 'Sales ', 201],
  ] as const)('%s: creating %j answers %i', async (rule, name, status) => {
    expect(await create(rule, name)).toBe(status);
  });

  it('takes the rule from the seed limits, and the option wins over it', async () => {
    expect(await create(undefined, 'sales', { nameCompare: 'exact' })).toBe(201);
    expect(await create('case-insensitive', 'sales', { nameCompare: 'exact' })).toBe(409);
  });

  it('applies the rule to renames and to the seed itself', async () => {
    const emulator = await startTestEmulator({
      nameCompare: 'exact',
      seed: { divisions: [...seed.divisions, { name: 'sales' }] },
    });
    const api = await loginTo(emulator);
    const rename = (name: string) =>
      api(`${base}/11111111-2222-4333-8444-555555555555`, {
        method: 'PUT',
        body: JSON.stringify({ name }),
      });
    expect((await rename('sales')).status).toBe(409);
    expect((await rename('SALES')).status).toBe(200);
    await expect(
      startTestEmulator({ seed: { divisions: [...seed.divisions, { name: 'sales' }] } }),
    ).rejects.toThrow(/same name/);
  });

  it('is the --name-compare option of gcadopt emulator', async () => {
    const controller = new AbortController();
    const io = createTestIo({ signal: controller.signal });
    const running = main(['emulator', '--name-compare', 'exact'], io);
    await expect.poll(() => io.out()).toContain('Ctrl-C');
    const url = /listening on (\S+)/.exec(io.out())![1]!;
    const id = /OAUTHCLIENT_ID=(\S+)/.exec(io.out())![1]!;
    const secret = /OAUTHCLIENT_SECRET=(\S+)/.exec(io.out())![1]!;
    const api = await loginAt(url, id, secret);
    expect((await api(base, { method: 'POST', body: '{"name":"Home "}' })).status).toBe(201);
    expect((await api(base, { method: 'POST', body: '{"name":"home"}' })).status).toBe(201);
    controller.abort();
    expect(await running).toBe(0);
  });
});
