import { describe, expect, it } from 'vitest';
import { loginTo, startTestEmulator } from '../helpers/emulator.js';

const home = '/api/v2/authorization/divisions/home';

describe('emulator memory stays bounded', () => {
  it('keeps only the newest request log entries', async () => {
    const emulator = await startTestEmulator({ requestLogLimit: 5 });
    const api = await loginTo(emulator);
    for (let i = 0; i < 12; i++) await api(`${home}?n=${i}`);
    expect(emulator.requests).toHaveLength(5);
    expect(emulator.requests.map((r) => r.query)).toEqual([7, 8, 9, 10, 11].map((i) => `?n=${i}`));
  });

  it('forgets a token an hour after it expired, at the next login', async () => {
    let now = 1_000_000;
    const emulator = await startTestEmulator({ tokenLifetime: 60, now: () => now });
    const old = await loginTo(emulator);
    now += 61_000;
    expect(await (await old(home)).json()).toMatchObject({ code: 'credentials.expired' });
    await loginTo(emulator);
    expect(await (await old(home)).json()).toMatchObject({ code: 'credentials.expired' });
    now += 60 * 60_000;
    const fresh = await loginTo(emulator);
    expect(await (await old(home)).json()).toMatchObject({ code: 'bad.credentials' });
    expect((await fresh(home)).status).toBe(200);
  });
});
