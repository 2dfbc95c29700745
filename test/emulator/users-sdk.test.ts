import platformClient from 'purecloud-platform-client-v2';
import { describe, expect, it } from 'vitest';
import { startTestEmulator } from '../helpers/emulator.js';
import { loginSdk } from '../helpers/sdk.js';

const rejection = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) =>
      error as { status: number; code: string; message: string; messageParams?: unknown },
  );

/** The official SDK drives the users endpoints of the emulator as it drives the real API. */
describe('official SDK against the emulated users', () => {
  it('lists by state, searches EXACT and STARTS_WITH, creates, meets the duplicate, patches, deletes, and a deleted email still blocks', async () => {
    const users = Array.from({ length: 120 }, (_, i) => ({
      id: `44444444-0000-4000-8000-${String(i + 1).padStart(12, '0')}`,
      name: `Agent ${i + 1}`,
      email: `agent${i + 1}@example.com`,
      state: i < 100 ? 'active' : i < 110 ? 'inactive' : 'deleted',
    }));
    const emulator = await startTestEmulator({ seed: { users } });
    await loginSdk(emulator);
    const api = new platformClient.UsersApi();
    const search = new platformClient.SearchApi();

    const active = await api.getUsers({ pageSize: 50, pageNumber: 2 });
    expect(active).toMatchObject({ total: 100, pageCount: 2, pageNumber: 2 });
    expect(active.entities?.every((u) => u.state === 'active')).toBe(true);
    expect((await api.getUsers({ state: 'deleted' })).total).toBe(10);
    expect((await api.getUsers({ state: 'any', pageSize: 500 })).total).toBe(120);

    const exact = await search.postUsersSearch({
      query: [{ type: 'EXACT', fields: ['email'], value: 'AGENT7@example.com' }],
    });
    expect(exact).toMatchObject({ total: 1, pageCount: 1, types: ['users'] });
    expect(exact.results[0]?.id).toBe(users[6]?.id);
    const prefix = await search.postUsersSearch({
      pageSize: 5,
      query: [{ type: 'STARTS_WITH', fields: ['email'], value: 'agent1' }],
    });
    // agent1, agent10..19, agent100..110 (101..110 inactive, included); agent111+ are deleted.
    expect(prefix).toMatchObject({ total: 22, pageSize: 5, pageCount: 5 });
    const deletedOnly = await search.postUsersSearch({
      query: [
        { type: 'EXACT', fields: ['email'], value: 'agent115@example.com' },
        { type: 'EXACT', fields: ['state'], values: ['deleted'] },
      ],
    });
    expect(deletedOnly.results.map((u) => u.state)).toEqual(['deleted']);
    expect(
      (
        await search.postUsersSearch({
          query: [{ type: 'EXACT', fields: ['email'], value: 'agent115@example.com' }],
        })
      ).total,
    ).toBe(0);

    const home = emulator.store.home();
    const created = await api.postUsers({
      name: 'New Agent',
      email: 'new.agent@example.com',
      divisionId: home.id,
    });
    expect(created).toMatchObject({
      name: 'New Agent',
      email: 'new.agent@example.com',
      state: 'active',
      division: { id: home.id },
    });

    const duplicate = await rejection(
      api.postUsers({ name: 'Again', email: 'NEW.AGENT@example.com', divisionId: home.id }),
    );
    expect(duplicate).toMatchObject({
      status: 400,
      code: 'general.conflict',
      message: 'Duplicate value for "person" contactInfo.email_main="NEW.AGENT@example.com"',
      messageParams: { fieldName: 'contactInfo.email_main', errorCode: 'GENERAL_CONFLICT' },
    });
    const deletedEmail = await rejection(
      api.postUsers({ name: 'Back', email: 'agent115@example.com', divisionId: home.id }),
    );
    expect(deletedEmail).toMatchObject({ status: 400, code: 'general.conflict' });

    const patched = await api.patchUser(created.id!, { version: created.version, title: 'Lead' });
    expect(patched).toMatchObject({
      name: 'New Agent',
      title: 'Lead',
      version: created.version + 1,
    });
    expect((await api.getUser(created.id!)).title).toBe('Lead');

    await api.deleteUser(created.id!);
    const again = await rejection(
      api.postUsers({ name: 'Again', email: 'new.agent@example.com', divisionId: home.id }),
    );
    expect(again).toMatchObject({ status: 400, code: 'general.conflict' });
    expect((await api.getUsers({ state: 'deleted' })).total).toBe(11);
  });
});
