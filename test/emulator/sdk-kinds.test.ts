import platformClient from 'purecloud-platform-client-v2';
import { describe, expect, it } from 'vitest';
import type { Emulator } from '../../src/emulator/index.js';
import type { DuplicateAnswers } from '../../src/emulator/duplicates.js';
import { loginTo, startTestEmulator } from '../helpers/emulator.js';
import { loginSdk } from '../helpers/sdk.js';

/**
 * The official SDK is the referee for every family beyond divisions: with its
 * own API classes it lists and pages, creates, meets the duplicate error,
 * reads, updates and deletes against the emulator, and the answers have the
 * shapes of its models (index.d.ts).
 */

const home = '0d0d0d0d-0000-4000-8000-000000000001';
const other = '0d0d0d0d-0000-4000-8000-000000000002';
const seeded = 120;
const pageSize = 50;

type Row = { id?: string; name?: string; state?: string; [field: string]: unknown };
type Listing = { entities?: Row[]; pageCount?: number; total?: number; nextUri?: string };
type SdkError = { status: number; code: string; message: string; details?: unknown[] };

/** One family as the SDK drives it. */
interface Contract {
  readonly key: 'queues' | 'skills' | 'wrapupcodes' | 'languages' | 'groups' | 'roles';
  readonly row: (i: number) => Record<string, unknown>;
  readonly list: (pageNumber: number) => Promise<object>;
  readonly create: (name: string) => Promise<object>;
  /** What a created object holds besides id, name and selfUri. */
  readonly created: Record<string, unknown>;
  readonly get: (id: string) => Promise<object>;
  /** The SDK's update call, and what it changed; absent when the API has none (languages). */
  readonly update?: (created: Row, name: string) => Promise<object>;
  readonly updated?: Record<string, unknown>;
  /** PUT carries the name: a rename onto a taken name is a duplicate too. */
  readonly renames: boolean;
  readonly remove: (id: string) => Promise<void>;
  /** DELETE keeps the row as `state: "deleted"` (skills, languages, groups). */
  readonly softDelete: boolean;
}

const id = (prefix: string, i: number): string =>
  `${prefix}-0000-4000-8000-${String(i + 1).padStart(12, '0')}`;
const name = (i: number): string => `Object ${String(i + 1).padStart(4, '0')}`;

const routing = () => new platformClient.RoutingApi();
const groupsApi = () => new platformClient.GroupsApi();
const roles = () => new platformClient.AuthorizationApi();

const contracts: Contract[] = [
  {
    key: 'queues',
    row: (i) => ({ id: id('1a1a1a1a', i), name: name(i), division: { id: home } }),
    list: (pageNumber) => routing().getRoutingQueues({ pageSize, pageNumber }),
    create: (n) => routing().postRoutingQueues({ name: n, description: 'by the SDK' }),
    created: { description: 'by the SDK', division: { id: home, name: 'Home' } },
    get: (i) => routing().getRoutingQueue(i),
    update: (c, n) =>
      routing().putRoutingQueue(c.id!, { name: n, description: 'moved', division: { id: other } }),
    updated: { description: 'moved', division: { id: other, name: 'Other' } },
    renames: true,
    remove: (i) => routing().deleteRoutingQueue(i),
    softDelete: false,
  },
  {
    key: 'skills',
    row: (i) => ({ id: id('2b2b2b2b', i), name: name(i), state: 'active', version: '1' }),
    list: (pageNumber) => routing().getRoutingSkills({ pageSize, pageNumber }),
    create: (n) => routing().postRoutingSkills({ name: n }),
    created: { state: 'active', version: '1', division: { id: home } },
    get: (i) => routing().getRoutingSkill(i),
    // A skill's only change is its division (PATCH {divisionId}): the name is ForceNew.
    update: (c) => routing().patchRoutingSkill(c.id!, { divisionId: other }),
    updated: { division: { id: other } },
    renames: false,
    remove: (i) => routing().deleteRoutingSkill(i),
    softDelete: true,
  },
  {
    key: 'wrapupcodes',
    row: (i) => ({ id: id('3c3c3c3c', i), name: name(i), division: { id: home } }),
    list: (pageNumber) => routing().getRoutingWrapupcodes({ pageSize, pageNumber }),
    create: (n) => routing().postRoutingWrapupcodes({ name: n, description: 'by the SDK' }),
    created: { description: 'by the SDK', division: { id: home } },
    get: (i) => routing().getRoutingWrapupcode(i),
    update: (c, n) =>
      routing().putRoutingWrapupcode(c.id!, {
        name: n,
        description: 'moved',
        division: { id: other },
      }),
    updated: { description: 'moved', division: { id: other } },
    renames: true,
    remove: (i) => routing().deleteRoutingWrapupcode(i),
    softDelete: false,
  },
  {
    key: 'languages',
    row: (i) => ({ id: id('4d4d4d4d', i), name: name(i), state: 'active', version: '1' }),
    list: (pageNumber) => routing().getRoutingLanguages({ pageSize, pageNumber }),
    create: (n) => routing().postRoutingLanguages({ name: n }),
    created: { state: 'active', version: '1' },
    get: (i) => routing().getRoutingLanguage(i),
    renames: false,
    remove: (i) => routing().deleteRoutingLanguage(i),
    softDelete: true,
  },
  {
    key: 'groups',
    row: (i) => ({
      id: id('5e5e5e5e', i),
      name: name(i),
      type: 'official',
      visibility: 'public',
      rulesVisible: false,
      state: 'active',
      version: 1,
    }),
    list: (pageNumber) => groupsApi().getGroups({ pageSize, pageNumber }),
    create: (n) =>
      groupsApi().postGroups({
        name: n,
        type: 'official',
        visibility: 'public',
        rulesVisible: true,
      }),
    created: { type: 'official', visibility: 'public', rulesVisible: true, state: 'active' },
    get: (i) => groupsApi().getGroup(i),
    // GroupUpdate has no type (ForceNew) and needs the current version.
    update: (c, n) =>
      groupsApi().putGroup(c.id!, {
        body: { name: n, version: c.version as number, visibility: 'members' },
      }),
    updated: { type: 'official', visibility: 'members', version: 2 },
    renames: true,
    remove: (i) => groupsApi().deleteGroup(i),
    softDelete: true,
  },
  {
    key: 'roles',
    row: (i) => ({ id: id('6f6f6f6f', i), name: name(i), permissions: [] }),
    list: (pageNumber) => roles().getAuthorizationRoles({ pageSize, pageNumber }),
    create: (n) => roles().postAuthorizationRoles({ name: n, permissions: ['routing:queue:view'] }),
    created: { permissions: ['routing:queue:view'] },
    get: (i) => roles().getAuthorizationRole(i),
    update: (c, n) =>
      roles().putAuthorizationRole(c.id!, { name: n, description: 'renamed', permissions: [] }),
    updated: { description: 'renamed', permissions: [] },
    renames: true,
    remove: (i) => roles().deleteAuthorizationRole(i),
    softDelete: false,
  },
];

async function startOrg(contract: Contract, duplicates: DuplicateAnswers = {}): Promise<Emulator> {
  const emulator = await startTestEmulator({
    seed: {
      divisions: [
        { id: home, name: 'Home', home: true },
        { id: other, name: 'Other' },
      ],
      roles: [],
      [contract.key]: Array.from({ length: seeded }, (_, i) => contract.row(i)),
    },
    duplicates,
  });
  await loginSdk(emulator);
  return emulator;
}

const failure = (promise: Promise<unknown>): Promise<SdkError | undefined> =>
  promise.then(
    () => undefined,
    (error: unknown) => error as SdkError,
  );

async function listAll(contract: Contract): Promise<{ rows: Row[]; pages: Listing[] }> {
  const pages: Listing[] = [];
  let pageNumber = 1;
  do pages.push(await contract.list(pageNumber++));
  while (pageNumber <= (pages[0]?.pageCount ?? 0));
  return { rows: pages.flatMap((p) => p.entities ?? []), pages };
}

describe.each(contracts)('official SDK against the emulator: $key', (contract) => {
  it('lists and pages, creates, meets the duplicate, reads, updates and deletes', async () => {
    await startOrg(contract);
    const { rows, pages } = await listAll(contract);
    expect(pages.map((p) => p.entities?.length)).toEqual([50, 50, 20]);
    expect(pages.map((p) => [p.pageCount, p.total])).toEqual([
      [3, seeded],
      [3, seeded],
      [3, seeded],
    ]);
    expect(pages.map((p) => p.nextUri !== undefined)).toEqual([true, true, false]);
    expect(new Set(rows.map((r) => r.name)).size).toBe(seeded);

    const created = (await contract.create('Contract')) as Row;
    expect(created).toMatchObject({ name: 'Contract', ...contract.created });
    expect(created.selfUri).toMatch(new RegExp(`/${created.id}$`));

    const duplicate = await failure(contract.create('Contract'));
    expect(duplicate).toMatchObject({ status: 409, code: 'general.conflict' });
    expect(duplicate?.message).toContain('Contract');
    expect(duplicate?.details).toEqual([{ entityId: created.id, entityName: 'Contract' }]);

    expect(await contract.get(created.id!)).toEqual(created);

    if (contract.update !== undefined) {
      const updated = (await contract.update(created, 'Contract 2')) as Row;
      expect(updated).toMatchObject({ id: created.id, ...contract.updated });
      expect(await contract.get(created.id!)).toEqual(updated);
      if (contract.renames) {
        expect(updated.name).toBe('Contract 2');
        const rename = await failure(contract.update(updated, name(0)));
        expect(rename).toMatchObject({ status: 409, code: 'general.conflict' });
      }
    }

    await contract.remove(created.id!);
    const after = await listAll(contract);
    const gone = await failure(contract.get(created.id!));
    if (contract.softDelete) {
      // The real API keeps the row and lists it as deleted; the provider drops such rows.
      expect(gone).toBeUndefined();
      expect(after.rows.find((r) => r.id === created.id)).toMatchObject({ state: 'deleted' });
    } else {
      expect(gone).toMatchObject({ status: 404, code: 'not.found' });
      expect(after.rows.some((r) => r.id === created.id)).toBe(false);
    }
    // A deleted object's name is free again (the emulator's default reading).
    expect(await contract.create('Contract')).toMatchObject({ name: 'Contract' });
  });

  it('answers a duplicate with the status and code switched on for this type only', async () => {
    await startOrg(contract, { [contract.key]: { status: 400, code: 'general.conflict' } });
    const duplicate = await failure(contract.create(name(3)));
    expect(duplicate).toMatchObject({ status: 400, code: 'general.conflict' });
    const division = await failure(
      new platformClient.AuthorizationApi().postAuthorizationDivisions({
        name: 'Other',
        description: '',
      }),
    );
    expect(division).toMatchObject({ status: 409, code: 'general.conflict' });
  });
});

describe('families the API cannot rename', () => {
  it.each([
    ['skills', '/api/v2/routing/skills'],
    ['languages', '/api/v2/routing/languages'],
  ] as const)(
    '%s: a PUT is refused and the name stays (the SDK has no such call)',
    async (key, path) => {
      const emulator = await startTestEmulator({
        seed: { [key]: [{ id: id('7a7a7a7a', 0), name: 'Fixed', state: 'active' }] },
      });
      const api = await loginTo(emulator);
      const put = await api(`${path}/${id('7a7a7a7a', 0)}`, {
        method: 'PUT',
        body: JSON.stringify({ name: 'Renamed' }),
      });
      expect(put.ok).toBe(false);
      const after = (await (await api(`${path}/${id('7a7a7a7a', 0)}`)).json()) as { name: string };
      expect(after.name).toBe('Fixed');
    },
  );
});

describe('role listing filters', () => {
  it('filters by permission and by defaultRoleId, each repeated as the SDK sends them', async () => {
    const emulator = await startTestEmulator({
      seed: {
        roles: [
          { id: id('8b8b8b8b', 0), name: 'Viewer', permissions: ['routing:queue:view'] },
          { id: id('8b8b8b8b', 1), name: 'Editor', permissions: ['routing:queue:edit'] },
          { id: id('8b8b8b8b', 2), name: 'employee', defaultRoleId: 'employee', permissions: [] },
          { id: id('8b8b8b8b', 3), name: 'admin', defaultRoleId: 'admin', permissions: ['*'] },
        ],
      },
    });
    await loginSdk(emulator);
    const names = async (opts: object) =>
      ((await roles().getAuthorizationRoles(opts)).entities ?? []).map((r) => r.name).sort();
    expect(await names({ permission: ['routing:queue:view', 'routing:queue:edit'] })).toEqual([
      'Editor',
      'Viewer',
    ]);
    expect(await names({ defaultRoleId: ['employee', 'admin'] })).toEqual(['admin', 'employee']);
  });
});
