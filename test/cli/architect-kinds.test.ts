import { parse } from '@cdktn/hcl2json';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { emulatorEnv } from '../helpers/cli-env.js';
import { startTestEmulator } from '../helpers/emulator.js';
import { createTree } from '../helpers/example.js';
import { createTestIo } from '../helpers/io.js';

const id = (n: number) => `55555555-0000-4000-8000-${String(n).padStart(12, '0')}`;

/** Per type: its seed list, a live object of it, and the attributes a block adds to `name`. */
const types = [
  {
    type: 'genesyscloud_architect_schedules',
    seedKey: 'schedules',
    live: {
      name: 'Open Hours',
      start: '2024-01-01T08:00:00.000',
      end: '2024-01-01T17:00:00.000',
      rrule: 'FREQ=DAILY',
    },
    extra: {
      start: '2024-01-01T08:00:00.000',
      end: '2024-01-01T17:00:00.000',
      rrule: 'FREQ=DAILY',
    },
  },
  {
    type: 'genesyscloud_architect_schedulegroups',
    seedKey: 'schedulegroups',
    live: { name: 'Open Hours', timeZone: 'Europe/Paris', openSchedules: [] },
    extra: { time_zone: 'Europe/Paris' },
  },
  {
    type: 'genesyscloud_architect_datatable',
    seedKey: 'datatables',
    live: { name: 'Open Hours', description: 'routing table' },
    extra: { description: 'routing table' },
  },
  {
    type: 'genesyscloud_routing_skill_group',
    seedKey: 'skillgroups',
    live: { name: 'Open Hours', description: 'tier 1', skillConditions: [] },
    extra: { description: 'tier 1' },
  },
];

async function run(args: string[], env: Record<string, string>) {
  const io = createTestIo({ env });
  const code = await main(args, io);
  return { code, out: io.out(), err: io.err() };
}

/** 150 fillers before the taken name, so a listing takes two pages of 100. */
function seedOf(seedKey: string, live: object) {
  const fillers = Array.from({ length: 150 }, (_, i) => ({
    ...live,
    id: id(i + 2),
    name: `Filler ${String(i).padStart(3, '0')}`,
  }));
  return { [seedKey]: [...fillers, { ...live, id: id(1) }] };
}

const hclValue = (v: string) => JSON.stringify(v);

describe.each(types)('$type', ({ type, seedKey, live, extra }) => {
  const block = (label: string, name: string) =>
    `resource "${type}" "${label}" {\n  name = ${hclValue(name)}\n${Object.entries(extra)
      .map(([k, v]) => `  ${k} = ${hclValue(v)}\n`)
      .join('')}}\n`;
  const plan = JSON.stringify({
    format_version: '1.2',
    terraform_version: '1.11.0',
    resource_changes: [
      {
        address: `${type}.hours`,
        mode: 'managed',
        type,
        name: 'hours',
        provider_name: 'registry.terraform.io/mypurecloud/genesyscloud',
        change: {
          actions: ['create'],
          before: null,
          after: { name: 'open hours', ...extra },
          after_unknown: { id: true },
        },
      },
    ],
  });

  it.each(['hcl', 'plan'])(
    'from %s: a taken name on the second page is a conflict',
    async (mode) => {
      const emulator = await startTestEmulator({ seed: seedOf(seedKey, live) });
      const dir = await createTree({
        'main.tf': block('hours', 'open hours') + block('fresh', 'Brand New'),
        'plan.json': plan,
      });
      const args = [
        'check',
        dir,
        '--format',
        'json',
        ...(mode === 'plan' ? ['--plan', join(dir, 'plan.json')] : []),
      ];
      const result = await run(args, emulatorEnv(emulator));
      expect(result.code).toBe(2);
      const report = JSON.parse(result.out) as {
        findings: { kind: string; address: string; fix?: unknown }[];
      };
      expect(report.findings.filter((f) => f.kind === 'conflict')).toEqual([
        expect.objectContaining({
          address: `${type}.hours`,
          fix: { import: { to: `${type}.hours`, id: id(1) } },
        }),
      ]);
    },
  );

  it('import writes its block; generate writes every object with its attributes', async () => {
    const emulator = await startTestEmulator({ seed: { ...seedOf(seedKey, live), roles: [] } });
    const dir = await createTree({ 'main.tf': block('hours', 'Open Hours') });
    expect((await run(['import', dir], emulatorEnv(emulator))).code).toBe(0);
    const imports = (await parse(
      'imports.tf',
      await readFile(join(dir, 'imports.tf'), 'utf8'),
    )) as {
      import: { to: string; id: string }[];
    };
    expect(imports.import).toEqual([{ to: `\${${type}.hours}`, id: id(1) }]);

    const empty = await createTree({ 'main.tf': '' });
    expect((await run(['generate', empty, '--kinds', type], emulatorEnv(emulator))).code).toBe(0);
    const generated = (await parse(
      'generated.tf',
      await readFile(join(empty, 'generated.tf'), 'utf8'),
    )) as {
      resource: Record<string, Record<string, Record<string, string>[]>>;
    };
    const blocks = Object.values(generated.resource[type] ?? {}).map((b) => b[0]);
    expect(blocks).toHaveLength(151);
    expect(blocks).toContainEqual(expect.objectContaining({ name: 'Open Hours', ...extra }));
  });
});

describe('cost follows the configuration', () => {
  it('looks one schedule name up with the name filter instead of reading every page', async () => {
    const emulator = await startTestEmulator({ seed: seedOf('schedules', types[0]!.live) });
    const dir = await createTree({
      'main.tf': `resource "genesyscloud_architect_schedules" "hours" {\n  name = "Open Hours"\n}\n`,
    });
    const result = await run(['check', dir, '--format', 'json'], emulatorEnv(emulator));
    const report = JSON.parse(result.out) as {
      findings: { kind: string; live?: { id: string } }[];
    };
    expect(report.findings.find((f) => f.kind === 'conflict')?.live?.id).toBe(id(1));
    const listed = emulator.requests.filter((r) => r.path === '/api/v2/architect/schedules');
    expect(listed.map((r) => new URLSearchParams(r.query).get('name'))).toEqual([
      null,
      'Open Hours',
    ]);
  });
});

describe('cursor paging', () => {
  it('follows the after cursor of nextUri through every skill group page', async () => {
    const emulator = await startTestEmulator({ seed: seedOf('skillgroups', types[3]!.live) });
    const dir = await createTree({ 'main.tf': '' });
    await run(
      ['generate', dir, '--kinds', 'genesyscloud_routing_skill_group'],
      emulatorEnv(emulator),
    );
    const pages = emulator.requests.filter((r) => r.path === '/api/v2/routing/skillgroups');
    expect(pages).toHaveLength(2);
    expect(pages[0]?.query).not.toContain('after=');
    expect(pages[1]?.query).toMatch(/after=[A-Za-z0-9_-]+/);
  });
});
