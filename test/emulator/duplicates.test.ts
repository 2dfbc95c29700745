import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { DuplicateAnswers, DuplicateKey } from '../../src/emulator/duplicates.js';
import { ApiError, isAlreadyExists } from '../../src/genesys/api-error.js';
import type { EntityFamily } from '../../src/genesys/client.js';
import {
  groupKind,
  languageKind,
  queueKind,
  roleKind,
  skillKind,
  wrapupcodeKind,
} from '../../src/kinds/index.js';

const routingQueues = queueKind.family;
const routingSkills = skillKind.family;
const routingWrapupcodes = wrapupcodeKind.family;
const routingLanguages = languageKind.family;
const groups = groupKind.family;
const authorizationRoles = roleKind.family;
import { createEmulatorClient } from '../helpers/client.js';
import { loginAt } from '../helpers/emulator-process.js';
import { startTestEmulator } from '../helpers/emulator.js';
import { createTestIo } from '../helpers/io.js';

// Each type's taken name and the body a create of it needs.
const types: [DuplicateKey, EntityFamily | undefined, Record<string, unknown>][] = [
  ['divisions', undefined, { name: 'Taken' }],
  ['queues', routingQueues, { name: 'Taken' }],
  ['skills', routingSkills, { name: 'Taken' }],
  ['wrapupcodes', routingWrapupcodes, { name: 'Taken' }],
  ['languages', routingLanguages, { name: 'Taken' }],
  ['groups', groups, { name: 'Taken', type: 'official', visibility: 'public' }],
  ['roles', authorizationRoles, { name: 'Taken' }],
];

const seed = (limits: object = {}) => ({
  divisions: [{ name: 'Taken' }],
  ...Object.fromEntries(types.slice(1).map(([key, , body]) => [key, [body]])),
  limits,
});

/** What the client's create of a taken name fails with, for one type. */
async function createTaken(
  type: (typeof types)[number],
  options: { duplicates?: DuplicateAnswers; duplicateStatus?: 400 | 409; limits?: object },
): Promise<ApiError> {
  const emulator = await startTestEmulator({
    seed: seed(options.limits),
    ...(options.duplicates === undefined ? {} : { duplicates: options.duplicates }),
    ...(options.duplicateStatus === undefined ? {} : { duplicateStatus: options.duplicateStatus }),
  });
  const client = createEmulatorClient(emulator);
  const [, family, body] = type;
  const create =
    family === undefined
      ? client.divisions.create({ name: 'Taken' })
      : client.entities(family).create(body);
  const error = await create.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof ApiError)) throw new Error(`no ApiError: ${String(error)}`);
  return error;
}

describe.each(types)('duplicate %s', (...type) => {
  it('answers 409 general.conflict by default, and the client calls it "already exists"', async () => {
    const error = await createTaken(type, {});
    expect([error.status, error.genesysCode]).toEqual([409, 'general.conflict']);
    expect(isAlreadyExists(error)).toBe(true);
  });

  it('answers what the per-type switch says, other types unchanged; the client still calls it "already exists"', async () => {
    const [key] = type;
    const duplicates = { [key]: { status: 400, code: 'general.conflict' } } as const;
    const error = await createTaken(type, { duplicates });
    expect([error.status, error.genesysCode]).toEqual([400, 'general.conflict']);
    expect(isAlreadyExists(error)).toBe(true);
    const otherKey = key === 'queues' ? 'skills' : 'queues';
    const other = types.find(([k]) => k === otherKey)!;
    const untouched = await createTaken(other, { duplicates });
    expect(untouched.status).toBe(409);
  });

  it('reads the switch from the seed limits; the option wins over the seed', async () => {
    const [key] = type;
    const limits = { duplicates: { [key]: { status: 400 } } };
    expect((await createTaken(type, { limits })).status).toBe(400);
    const won = await createTaken(type, { limits, duplicates: { [key]: { status: 409 } } });
    expect(won.status).toBe(409);
  });

  it('is "already exists" at 400 with another code when the message says so', async () => {
    const [key] = type;
    const error = await createTaken(type, { duplicates: { [key]: { status: 400, code: 'x' } } });
    expect([error.status, error.genesysCode]).toEqual([400, 'x']);
    expect(error.message).toContain('already exists');
    expect(isAlreadyExists(error)).toBe(true);
  });
});

describe('isAlreadyExists', () => {
  it('is false for other refusals: a bad body, a missing object, a built-in role', async () => {
    const emulator = await startTestEmulator({ seed: seed() });
    const client = createEmulatorClient(emulator);
    const refusals = await Promise.all(
      [
        client.entities(routingQueues).create({ name: '' }),
        client.entities(routingQueues).get('00000000-0000-4000-8000-000000000000'),
        client.entities(groups).create({ name: 'New', type: 'secret', visibility: 'public' }),
      ].map((p) =>
        p.then(
          () => undefined,
          (e: unknown) => e,
        ),
      ),
    );
    expect(refusals.map((e) => e instanceof ApiError && e.status)).toEqual([400, 404, 400]);
    expect(refusals.map(isAlreadyExists)).toEqual([false, false, false]);
    expect(isAlreadyExists(new Error('A queue with the name x already exists.'))).toBe(false);
  });
});

describe('gcadopt emulator --duplicate', () => {
  it('switches one type from the command line', async () => {
    const controller = new AbortController();
    const io = createTestIo({ signal: controller.signal });
    const running = main(
      [
        'emulator',
        '--port',
        '0',
        '--duplicate',
        'queues=400:general.conflict',
        '--duplicate',
        'skills=409:general.resource.conflict',
      ],
      io,
    );
    await expect.poll(() => io.out()).toContain('Press Ctrl-C');
    const url = /listening on (\S+)/.exec(io.out())![1]!;
    const id = /OAUTHCLIENT_ID=(\S+)/.exec(io.out())![1]!;
    const secret = /OAUTHCLIENT_SECRET=(\S+)/.exec(io.out())![1]!;
    const api = await loginAt(url, id, secret);
    const post = async (path: string) => {
      const res = await api(path, { method: 'POST', body: JSON.stringify({ name: 'Twice' }) });
      return [res.status, ((await res.json()) as { code: string }).code];
    };
    expect(await post('/api/v2/routing/queues')).toEqual([200, undefined]);
    expect(await post('/api/v2/routing/queues')).toEqual([400, 'general.conflict']);
    await post('/api/v2/routing/skills');
    expect(await post('/api/v2/routing/skills')).toEqual([409, 'general.resource.conflict']);
    await post('/api/v2/routing/languages');
    expect(await post('/api/v2/routing/languages')).toEqual([409, 'general.conflict']);
    controller.abort();
    expect(await running).toBe(0);
  });

  it.each(['queues', 'widgets=400', 'queues=500', 'queues=400:'])(
    'rejects %j with one line',
    async (flag) => {
      const io = createTestIo();
      expect(await main(['emulator', '--duplicate', flag], io)).toBe(1);
      expect(io.err()).toContain('--duplicate takes TYPE=STATUS[:CODE]');
      expect(io.err().trim().split('\n')).toHaveLength(1);
    },
  );
});
