import fc from 'fast-check';
import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { parseSeed } from '../../src/emulator/seed.js';
import { GcadoptError } from '../../src/errors.js';
import { parseJsonConfig } from '../../src/terraform/config/json-config.js';
import { parsePlan } from '../../src/terraform/plan.js';
import { parseState } from '../../src/terraform/state.js';
import { parseHcl } from '../../src/terraform/hcl/parser.js';
import { emulatorEnv } from '../helpers/cli-env.js';
import { createTree, startExampleOrg } from '../helpers/example.js';
import { createTestIo } from '../helpers/io.js';

const huge = `{"format_version":"1.2","resource_changes":[${Array.from({ length: 20_000 }, (_, i) => `{"address":"genesyscloud_auth_division.y${i}","mode":"managed","type":"genesyscloud_auth_division","name":"y${i}","change":{"actions":["bogus"]}}`).join(',')}]}`;
const plan = JSON.stringify({ format_version: '1.2', resource_changes: [] });

/** Each row: what it is, the files, the arguments, the one line expected. */
const rows: [string, Record<string, string>, string[], RegExp][] = [
  [
    'plan: malformed',
    { 'p.json': '{"format_version": 1.2,,}' },
    ['--plan', 'p.json'],
    /p\.json is not valid JSON/,
  ],
  [
    'plan: truncated',
    { 'p.json': plan.slice(0, 20) },
    ['--plan', 'p.json'],
    /p\.json is not valid JSON/,
  ],
  [
    'plan: wrong version',
    { 'p.json': '{"format_version": "0.1"}' },
    ['--plan', 'p.json'],
    /format_version 0\.1 is not supported/,
  ],
  ['plan: empty', { 'p.json': '' }, ['--plan', 'p.json'], /p\.json is empty/],
  ['plan: huge and invalid', { 'p.json': huge }, ['--plan', 'p.json'], /unknown actions \[bogus\]/],
  [
    'plan: not a plan',
    { 'p.json': '[1, 2]' },
    ['--plan', 'p.json'],
    /p\.json is a JSON array, not a Terraform plan/,
  ],
  [
    'plan: a state shown as JSON',
    {
      'main.tf': '',
      's.json': '{"format_version":"1.0","terraform_version":"1.11.4","values":{"root_module":{}}}',
    },
    ['--plan', 's.json'],
    /s\.json is a Terraform state \(terraform show -json of a state\), not a plan: pass it as --state/,
  ],
  [
    'plan: a raw state',
    { 'main.tf': '', 's.json': '{"version":4,"serial":1,"lineage":"x","resources":[]}' },
    ['--plan', 's.json'],
    /s\.json is a Terraform state file \(terraform\.tfstate\), not a plan: pass it as --state/,
  ],
  [
    'plan: a package.json',
    { 'main.tf': '', 'package.json': '{"name":"x","version":"1.0.0","dependencies":{}}' },
    ['--plan', 'package.json'],
    /package\.json is an npm package\.json, not a Terraform plan/,
  ],
  [
    'plan: a saved plan file',
    { 'main.tf': '', tfplan: 'PK\u0003\u0004 binary' },
    ['--plan', 'tfplan'],
    /tfplan is a saved plan file \(a zip archive\), not JSON/,
  ],
  [
    'state: a plan',
    { 'main.tf': '', 'p.json': plan },
    ['--state', 'p.json'],
    /p\.json is a Terraform plan \(terraform show -json of a plan\), not a state: pass it as --plan/,
  ],
  [
    'state: malformed',
    { 'main.tf': '', 's.json': '{"version": 4, "resources": [{]}' },
    ['--state', 's.json'],
    /s\.json is not valid JSON/,
  ],
  [
    'state: wrong version',
    { 'main.tf': '', 's.json': '{"version": 5}' },
    ['--state', 's.json'],
    /state version 5 is not supported/,
  ],
  ['state: empty', { 'main.tf': '', 's.json': '   ' }, ['--state', 's.json'], /s\.json is empty/],
  [
    'state: bad shape',
    { 'main.tf': '', 's.json': '{"version": 4, "resources": [{"mode": 1}]}' },
    ['--state', 's.json'],
    /not a valid Terraform state: resources\.0/,
  ],
  [
    'state: missing file',
    { 'main.tf': '' },
    ['--state', 'nope.json'],
    /cannot read state file .*nope\.json: no such file/,
  ],
  [
    'HCL: malformed',
    { 'main.tf': 'resource "a" "b" {\n  name = = 1\n}\n' },
    [],
    /main\.tf:2:\d+: expected an expression/,
  ],
  [
    'HCL: truncated',
    { 'main.tf': 'resource "a" "b" {\n  name = "x' },
    [],
    /main\.tf:2:\d+: unterminated string/,
  ],
  [
    'HCL: empty file is fine but a bad .tf.json is not',
    { 'main.tf': '', 'x.tf.json': '{' },
    [],
    /x\.tf\.json: not valid JSON/,
  ],
  [
    'tfvars: malformed',
    { 'main.tf': 'variable "a" {}\n', 'terraform.tfvars': 'a = [\n' },
    [],
    /terraform\.tfvars:/,
  ],
  [
    'tfvars: blocks are not variables',
    { 'main.tf': 'variable "a" {}\n', 'terraform.tfvars': 'a {\n}\n' },
    [],
    /holds only NAME = VALUE lines/,
  ],
  [
    'tfvars json: not an object',
    { 'main.tf': 'variable "a" {}\n', 'x.auto.tfvars.json': '[1]' },
    [],
    /not valid JSON variables/,
  ],
  [
    '--var-file: missing',
    { 'main.tf': '' },
    ['--var-file', 'missing.tfvars'],
    /cannot read variables file/,
  ],
  [
    '--var: no equals sign',
    { 'main.tf': 'variable "a" {}\n' },
    ['--var', 'a'],
    /expected NAME=VALUE/,
  ],
  [
    'argument: unknown option',
    { 'main.tf': '' },
    ['--frobnicate'],
    /unknown option '--frobnicate'/,
  ],
  ['argument: bad format', { 'main.tf': '' }, ['--format', 'xml'], /argument 'xml' is invalid/],
  ['argument: folder missing', {}, ['does-not-exist'], /does-not-exist is not a folder/],
  [
    'argument: folder without configuration',
    { 'notes.txt': 'x' },
    [],
    /holds no \.tf or \.tf\.json files/,
  ],
];

describe('bad input gets one clear line, exit 1, no stack, nothing written', () => {
  it.each(rows)('%s', async (_what, files, args, message) => {
    const org = await startExampleOrg();
    const dir = await createTree(files);
    const before = (await readdir(dir)).sort();
    const io = createTestIo({ env: emulatorEnv(org), cwd: dir });
    const dirArg = args[0] === 'does-not-exist' ? [] : [dir];
    expect(await main(['check', ...dirArg, ...args], io)).toBe(1);
    expect(io.err()).toMatch(message);
    expect(io.err()).not.toMatch(/\n\s+at |unexpected error/);
    expect(io.err().trim().split('\n').length).toBeLessThanOrEqual(3);
    expect(io.out()).toBe('');
    expect((await readdir(dir)).sort()).toEqual(before);
  });

  it.each([
    ['seed: malformed', '{"divisions": [}', /not valid JSON/],
    [
      'seed: wrong shape',
      '{"divisions": [{"name": 3}], "limits": {"ratePerMinute": -1}}',
      /invalid seed: divisions\.0\.name: .*; limits\.ratePerMinute/,
    ],
    ['seed: empty', '', /not valid JSON/],
  ])('%s', async (_what, content, message) => {
    const dir = await createTree({ 'seed.json': content });
    const io = createTestIo();
    expect(await main(['emulator', '--seed', join(dir, 'seed.json')], io)).toBe(1);
    expect(io.err()).toMatch(message);
    expect(io.err()).not.toMatch(/\n\s+at /);
  });

  it.each([
    ['no credentials', {}, /no Genesys Cloud credentials found/],
    [
      'half the credentials',
      { GENESYSCLOUD_OAUTHCLIENT_ID: 'x' },
      /GENESYSCLOUD_OAUTHCLIENT_SECRET is not set/,
    ],
    [
      'unknown region',
      {
        GENESYSCLOUD_OAUTHCLIENT_ID: 'x',
        GENESYSCLOUD_OAUTHCLIENT_SECRET: 'y',
        GENESYSCLOUD_REGION: 'moon',
      },
      /unknown Genesys Cloud region "moon"/,
    ],
    [
      'plain http to a remote host',
      {
        GENESYSCLOUD_OAUTHCLIENT_ID: 'x',
        GENESYSCLOUD_OAUTHCLIENT_SECRET: 'y',
        GCADOPT_API_URL: 'http://api.example.test',
      },
      /plain http is allowed only for loopback/,
    ],
    [
      'an api url that is not one',
      {
        GENESYSCLOUD_OAUTHCLIENT_ID: 'x',
        GENESYSCLOUD_OAUTHCLIENT_SECRET: 'y',
        GCADOPT_API_URL: 'not a url',
      },
      /is not a URL/,
    ],
  ])('environment: %s', async (_what, env, message) => {
    const dir = await createTree({
      'main.tf': 'resource "genesyscloud_auth_division" "a" {\n  name = "A"\n}\n',
    });
    const io = createTestIo({ env, cwd: dir });
    expect(await main(['check', dir], io)).toBe(1);
    expect(io.err()).toMatch(message);
    expect(io.err()).not.toMatch(/\n\s+at /);
  });
});

describe('readers never throw anything but a GcadoptError (property)', () => {
  const readers: [string, (text: string) => unknown][] = [
    ['plan', (t) => parsePlan(JSON.parse(t), 'p.json')],
    ['state', (t) => parseState(JSON.parse(t), 's.json')],
    ['seed', (t) => parseSeed(JSON.parse(t))],
    ['tf.json', (t) => parseJsonConfig(t, 'x.tf.json')],
    ['hcl', (t) => parseHcl(t, 'x.tf')],
  ];

  it.each(readers)('%s on random JSON', (_name, read) => {
    const shaped = fc.oneof(
      fc.json(),
      fc
        .record({
          format_version: fc.oneof(fc.constant('1.2'), fc.string()),
          resource_changes: fc.array(fc.jsonValue(), { maxLength: 3 }),
          prior_state: fc.jsonValue(),
        })
        .map((v) => JSON.stringify(v)),
      fc
        .record({
          version: fc.constantFrom(4, 3, '4'),
          resources: fc.array(
            fc.record({
              mode: fc.string(),
              type: fc.string(),
              name: fc.string(),
              instances: fc.array(fc.jsonValue()),
            }),
            { maxLength: 3 },
          ),
        })
        .map((v) => JSON.stringify(v)),
    );
    fc.assert(
      fc.property(shaped, (text) => {
        try {
          read(text);
        } catch (error) {
          if (error instanceof SyntaxError) return;
          expect(GcadoptError.is(error), String(error)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it.each(readers.slice(3))('%s on random bytes', (_name, read) => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        try {
          read(Buffer.from(bytes).toString('utf8'));
        } catch (error) {
          expect(GcadoptError.is(error), String(error)).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('a huge valid plan reads without trouble', async () => {
    const many = {
      format_version: '1.2',
      resource_changes: Array.from({ length: 50_000 }, (_, i) => ({
        address: `genesyscloud_auth_division.d${i}`,
        mode: 'managed',
        type: 'genesyscloud_auth_division',
        name: `d${i}`,
        change: {
          actions: ['create'],
          before: null,
          after: { name: `D ${i}` },
          after_unknown: { id: true },
        },
      })),
    };
    const dir = await createTree({});
    await writeFile(join(dir, 'big.json'), JSON.stringify(many));
    expect(parsePlan(many, 'big.json').desired).toHaveLength(50_000);
  });
});
