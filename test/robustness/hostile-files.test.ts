import { execFile, execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir, symlink, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { emulatorEnv } from '../helpers/cli-env.js';
import { createTree, startExampleOrg } from '../helpers/example.js';
import { createTestIo } from '../helpers/io.js';

const bin = fileURLToPath(new URL('../../bin/gcadopt.js', import.meta.url));
const MiB = 1024 * 1024;
const canMakeFifo = process.platform !== 'win32';
const hasDevZero = existsSync('/dev/zero');

/** How a hostile file is made at `path`. */
type Maker = (path: string) => Promise<void>;
const fifo: Maker = (path) => {
  execFileSync('mkfifo', [path]);
  return Promise.resolve();
};
const devZero: Maker = (path) => symlink('/dev/zero', path);
/** A sparse file: the size is real, the disk holds nothing. */
const huge =
  (bytes: number): Maker =>
  async (path) => {
    await writeFile(path, '');
    await truncate(path, bytes);
  };

const division = 'resource "genesyscloud_auth_division" "a" {\n  name = "A"\n}\n';

/** Each row: the hostile file, how to make it, extra files, arguments, the one line expected. */
const rows: [string, string, Maker, Record<string, string>, string[], RegExp][] = [
  [
    'a .tf FIFO',
    'fifo.tf',
    fifo,
    { 'main.tf': division },
    [],
    /configuration file fifo\.tf is not a regular file \(a FIFO\)/,
  ],
  [
    'a .tf symlink to /dev/zero',
    'zero.tf',
    devZero,
    { 'main.tf': division },
    [],
    /configuration file zero\.tf is not a regular file \(a character device\)/,
  ],
  [
    'a huge .tf',
    'big.tf',
    huge(64 * MiB + 1),
    { 'main.tf': division },
    [],
    /configuration file big\.tf is larger than 64 MiB/,
  ],
  [
    'a .tf.json FIFO',
    'x.tf.json',
    fifo,
    { 'main.tf': division },
    [],
    /configuration file x\.tf\.json is not a regular file \(a FIFO\)/,
  ],
  [
    'a terraform.tfvars FIFO',
    'terraform.tfvars',
    fifo,
    { 'main.tf': division },
    [],
    /variables file terraform\.tfvars is not a regular file \(a FIFO\)/,
  ],
  [
    'a terraform.tfvars symlink to /dev/zero',
    'terraform.tfvars',
    devZero,
    { 'main.tf': division },
    [],
    /variables file terraform\.tfvars is not a regular file \(a character device\)/,
  ],
  [
    'a huge .auto.tfvars',
    'x.auto.tfvars',
    huge(64 * MiB + 1),
    { 'main.tf': division },
    [],
    /variables file x\.auto\.tfvars is larger than 64 MiB/,
  ],
  [
    'a --var-file FIFO',
    'v.tfvars',
    fifo,
    { 'main.tf': division },
    ['--var-file', 'v.tfvars'],
    /variables file .*v\.tfvars is not a regular file \(a FIFO\)/,
  ],
  [
    'a --plan FIFO',
    'p.json',
    fifo,
    {},
    ['--plan', 'p.json'],
    /plan .*p\.json is not a regular file \(a FIFO\)/,
  ],
  [
    'a --plan symlink to /dev/zero',
    'p.json',
    devZero,
    {},
    ['--plan', 'p.json'],
    /plan .*p\.json is not a regular file \(a character device\)/,
  ],
  [
    'a huge --plan',
    'p.json',
    huge(600 * MiB),
    {},
    ['--plan', 'p.json'],
    /plan .*p\.json is larger than 500 MiB/,
  ],
  [
    'a --state FIFO',
    's.json',
    fifo,
    { 'main.tf': division },
    ['--state', 's.json'],
    /state file .*s\.json is not a regular file \(a FIFO\)/,
  ],
  [
    'a terraform.tfstate FIFO',
    'terraform.tfstate',
    fifo,
    { 'main.tf': division },
    [],
    /state file .*terraform\.tfstate is not a regular file \(a FIFO\)/,
  ],
];

describe('hostile input files are refused with one line, never read forever', () => {
  it.each(rows)('%s', async (what, name, make, files, args, message) => {
    if ((make === fifo && !canMakeFifo) || (make === devZero && !hasDevZero)) {
      console.warn(`skipping "${what}": this system cannot make it`);
      return;
    }
    const org = await startExampleOrg();
    const dir = await createTree(files);
    await make(join(dir, name));
    const before = (await readdir(dir)).sort();
    const io = createTestIo({ env: emulatorEnv(org), cwd: dir });
    expect(await main(['check', dir, ...args], io)).toBe(1);
    expect(io.err()).toMatch(message);
    expect(io.err()).not.toMatch(/\n\s+at |unexpected error/);
    expect(io.err().trim().split('\n').length).toBeLessThanOrEqual(2);
    expect(io.out()).toBe('');
    expect((await readdir(dir)).sort()).toEqual(before);
  });

  // A .env is read synchronously: the built CLI runs in its own process, so a hang is a timeout here.
  it.each<[string, Maker, RegExp]>([
    ['a FIFO', fifo, /credentials file \.env is not a regular file \(a FIFO\)/],
    [
      'a symlink to /dev/zero',
      devZero,
      /credentials file \.env is not a regular file \(a character device\)/,
    ],
    ['huge', huge(2 * MiB), /credentials file \.env is larger than 1 MiB/],
  ])('a .env that is %s (built bin)', async (_what, make, message) => {
    if ((make === fifo && !canMakeFifo) || (make === devZero && !hasDevZero)) {
      console.warn('skipping: this system cannot make it');
      return;
    }
    const dir = await createTree({ 'main.tf': division });
    await make(join(dir, '.env'));
    const result = await promisify(execFile)(process.execPath, [bin, 'check', dir], {
      cwd: dir,
      env: { PATH: process.env.PATH, NO_COLOR: '1', GCADOPT_API_URL: 'http://127.0.0.1:9' },
      timeout: 20_000,
    }).then(
      () => ({ code: 0, stderr: '' }),
      (error: { code?: unknown; killed?: boolean; stderr?: string }) => ({
        code: error.killed === true ? 'killed' : error.code,
        stderr: error.stderr ?? '',
      }),
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(message);
    expect(result.stderr.trim().split('\n').length).toBeLessThanOrEqual(2);
  });
});

// JSON.stringify itself overflows the stack on such values, so the deep parts are spliced in as text.
/** A placeholder for `[[[...1...]]]`, `depth` arrays deep. */
const nest = (depth: number): string => `@deep:${depth}`;
/** A placeholder for `{ child_modules: [{ child_modules: [...] }] }`, `depth` modules deep. */
const nestModules = (depth: number): string => `@modules:${depth}`;

function toDeepJson(value: unknown): string {
  return JSON.stringify(value).replace(
    /"@(deep|modules):(\d+)"/g,
    (_m, kind: string, n: string) => {
      const depth = Number(n);
      return kind === 'deep'
        ? `${'['.repeat(depth)}1${']'.repeat(depth)}`
        : `${'{"child_modules":['.repeat(depth)}{"resources":[]}${']}'.repeat(depth)}`;
    },
  );
}

const divisionChange = (after: unknown, afterUnknown: unknown) => ({
  address: 'genesyscloud_auth_division.a',
  mode: 'managed',
  type: 'genesyscloud_auth_division',
  name: 'a',
  change: { actions: ['create'], before: null, after, after_unknown: afterUnknown },
});

describe('JSON nested 5,000+ levels deep is read or refused with one line', () => {
  it.each<[string, string, unknown, RegExp]>([
    [
      'a division whose after_unknown nests deep',
      '--plan',
      {
        format_version: '1.2',
        planned_values: {},
        resource_changes: [divisionChange({ name: 'A' }, { tags: nest(5000) })],
      },
      /p\.json: the values of genesyscloud_auth_division\.a nest deeper than 256 levels/,
    ],
    [
      'a division whose after nests deep',
      '--plan',
      {
        format_version: '1.2',
        planned_values: {},
        resource_changes: [divisionChange({ name: 'A', x: nest(6000) }, {})],
      },
      /nest deeper than 256 levels/,
    ],
    [
      'prior state modules that nest deep',
      '--plan',
      {
        format_version: '1.2',
        planned_values: {},
        resource_changes: [],
        prior_state: { format_version: '1.0', values: { root_module: nestModules(5000) } },
      },
      /p\.json: modules nest deeper than 100 levels/,
    ],
    [
      'state modules that nest deep',
      '--state',
      { format_version: '1.0', values: { root_module: nestModules(5000) } },
      /p\.json: modules nest deeper than 100 levels/,
    ],
    [
      'a state file whose division attributes nest deep',
      '--state',
      {
        version: 4,
        serial: 1,
        lineage: 'x',
        resources: [
          {
            mode: 'managed',
            type: 'genesyscloud_auth_division',
            name: 'a',
            instances: [{ attributes: { id: 'x', name: 'A', deep: nest(8000) } }],
          },
        ],
      },
      /p\.json: the values of genesyscloud_auth_division\.a nest deeper than 256 levels/,
    ],
  ])('%s: refused', async (_what, option, json, message) => {
    const org = await startExampleOrg();
    const dir = await createTree({ 'main.tf': division, 'p.json': toDeepJson(json) });
    const io = createTestIo({ env: emulatorEnv(org), cwd: dir });
    expect(await main(['check', dir, option, 'p.json'], io)).toBe(1);
    expect(io.err()).toMatch(message);
    expect(io.err()).not.toMatch(/\n\s+at |unexpected error/);
    expect(io.err().trim().split('\n').length).toBeLessThanOrEqual(2);
  });

  it.each([
    ['main.tf', `locals {\n  x = ${'['.repeat(5000)}1${']'.repeat(5000)}\n}\n`],
    ['main.tf.json', `{"locals": {"x": ${'['.repeat(5000)}1${']'.repeat(5000)}}}`],
  ])('a configuration file %s nested 5,000 deep: refused', async (name, text) => {
    const org = await startExampleOrg();
    const dir = await createTree({ [name]: text, 'divisions.tf': division });
    const io = createTestIo({ env: emulatorEnv(org), cwd: dir });
    expect(await main(['check', dir], io)).toBe(1);
    // One line naming the file (the parser's own limit, or the reader's backstop).
    expect(io.err()).toMatch(
      new RegExp(
        `^gcadopt: ${name.replace('.', '\\.')}[:\\d]*: [^\\n]*nested deeper than \\d+ levels[^\\n]*\\n$`,
      ),
    );
  });

  it('only the values gcadopt reads must not nest deep: another type may', async () => {
    const org = await startExampleOrg();
    const deepData = {
      address: 'terraform_data.deep',
      mode: 'managed',
      type: 'terraform_data',
      name: 'deep',
      change: {
        actions: ['create'],
        before: null,
        after: { input: nest(10_000) },
        after_unknown: {},
      },
    };
    const plan = (divisionAfter: unknown) => ({
      format_version: '1.2',
      planned_values: {},
      resource_changes: [divisionChange(divisionAfter, { id: true }), deepData],
    });
    const dir = await createTree({
      'main.tf': division,
      'deep.json': toDeepJson(plan({ name: 'Brand New', x: nest(300) })),
      'p.json': toDeepJson(plan({ name: 'Brand New' })),
    });
    const refused = createTestIo({ env: emulatorEnv(org), cwd: dir });
    expect(await main(['check', dir, '--plan', 'deep.json'], refused)).toBe(1);
    expect(refused.err()).toMatch(/genesyscloud_auth_division\.a nest deeper than 256 levels/);
    const io = createTestIo({ env: emulatorEnv(org), cwd: dir });
    expect(await main(['check', dir, '--plan', 'p.json'], io)).toBe(0);
    expect(io.out()).toContain('1 resource(s) checked');
  });
});
