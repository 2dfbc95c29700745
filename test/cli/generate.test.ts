import { parse } from '@cdktn/hcl2json';
import { appendFile, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { emulatorEnv } from '../helpers/cli-env.js';
import { loginTo, seedDivisions, startTestEmulator } from '../helpers/emulator.js';
import { copyExample, createTree, startExampleOrg } from '../helpers/example.js';
import { createTestIo } from '../helpers/io.js';

const org = [
  { id: '11111111-0000-4000-8000-000000000001', name: 'Sales!' },
  { id: '11111111-0000-4000-8000-000000000002', name: 'Sales?' },
  { id: '11111111-0000-4000-8000-000000000003', name: '2024 Pilot', description: 'x ${y}' },
  { id: '11111111-0000-4000-8000-000000000004', name: 'Zürich' },
  { id: '11111111-0000-4000-8000-000000000005', name: 'Headquarters', home: true },
];

async function generate(seed: object[], files: Record<string, string> = { 'main.tf': '' }) {
  // No built-in roles, locations or sites: the org holds divisions only, so every block is a division's.
  const emulator = await startTestEmulator({
    seed: { divisions: seed, roles: [], locations: [], sites: [] },
  });
  const dir = await createTree(files);
  const io = createTestIo({ env: emulatorEnv(emulator) });
  const code = await main(['generate', dir], io);
  return { code, text: await readFile(join(dir, 'generated.tf'), 'utf8'), err: io.err() };
}

describe('gcadopt generate', () => {
  it('writes resources and imports with valid, unique labels, identical whatever the listing order', async () => {
    const first = await generate(org);
    const second = await generate([...org].reverse());
    expect(first.code).toBe(0);
    expect(second.text).toBe(first.text);
    const parsed = (await parse('generated.tf', first.text)) as {
      resource: Record<string, Record<string, { name: string; home?: boolean }[]>>;
      import: { to: string; id: string }[];
    };
    const labels = Object.keys(parsed.resource.genesyscloud_auth_division ?? {});
    expect(labels).toEqual(['Headquarters', 'Sales_', 'Sales__2', 'Zurich', '_2024_Pilot']);
    for (const label of labels) expect(label).toMatch(/^[A-Za-z_][A-Za-z0-9_-]*$/);
    expect(parsed.resource.genesyscloud_auth_division?.Headquarters?.[0]?.home).toBe(true);
    // The home division is adopted by home = true, not imported.
    expect(parsed.import.map((i) => i.id)).not.toContain('11111111-0000-4000-8000-000000000005');
    expect(parsed.import).toHaveLength(4);
    expect(first.text).toContain('description = "x $${y}"');
  });

  it('skips what the configuration already manages or plans, and avoids its labels', async () => {
    const result = await generate(org, {
      'main.tf':
        'resource "genesyscloud_auth_division" "Zurich" {\n  name = "Zürich"\n}\nresource "genesyscloud_auth_division" "Sales_" {\n  name = "Other"\n}\n',
    });
    expect(result.text).not.toContain('name = "Zürich"');
    expect(result.text).toContain('resource "genesyscloud_auth_division" "Sales__2"');
    expect(result.text).toContain('resource "genesyscloud_auth_division" "Sales__3"');
  });

  it('copes with resources whose instances are unknown', async () => {
    const result = await generate(org, {
      'main.tf':
        'resource "genesyscloud_auth_division" "Zurich" {\n  for_each = data.x.y.names\n  name = each.key\n}\n',
    });
    expect(result.code).toBe(0);
    expect(result.text).toContain('resource "genesyscloud_auth_division" "Zurich_2"');
  });

  it('says so when there is nothing to generate', async () => {
    const emulator = await startExampleOrg();
    const dir = await copyExample();
    const io = createTestIo({ env: emulatorEnv(emulator) });
    expect(await main(['generate', dir, '--kinds', 'division', '--dry-run'], io)).toBe(0);
    expect(io.out()).toContain('resource "genesyscloud_auth_division" "IT_Service_Desk"');
    const bad = createTestIo({ env: emulatorEnv(emulator) });
    expect(await main(['generate', dir, '--kinds', 'widgets'], bad)).toBe(1);
    expect(bad.err()).toContain('unknown kind "widgets"');
  });

  it('writes nothing when one listing fails while the others are already planned', async () => {
    // The divisions and queues are listed and planned; the wrap-up codes' listing is refused.
    const emulator = await startTestEmulator({
      seed: {
        divisions: org,
        queues: [{ name: 'Billing' }],
        wrapupcodes: [{ name: 'Resolved' }],
        clients: [
          {
            id: 'narrow',
            secret: 'narrow-secret',
            permissions: ['authorization:division:view', 'routing:queue:view'],
          },
        ],
      },
    });
    const dir = await createTree({ 'main.tf': '' });
    const io = createTestIo({
      env: emulatorEnv(emulator, {
        GENESYSCLOUD_OAUTHCLIENT_ID: 'narrow',
        GENESYSCLOUD_OAUTHCLIENT_SECRET: 'narrow-secret',
      }),
    });
    const code = await main(['generate', dir, '--kinds', 'divisions,queues,wrapupcodes'], io);
    expect(code).toBe(1);
    expect(io.err()).toContain('routing:wrapupCode:view');
    expect(await readdir(dir)).toEqual(['main.tf']);
    expect(emulator.requests.some((r) => r.path === '/api/v2/routing/queues')).toBe(true);
  });
});

type Generated = {
  resource: Record<string, Record<string, { name: string }[]>>;
  import?: { to: string; id: string }[];
};

async function parseGenerated(text: string): Promise<Generated> {
  return (await parse('generated.tf', text)) as Generated;
}

/** An org of `count` divisions, a folder to generate into, and a way to run generate there. */
async function startOrg(seed: object[]) {
  // No built-in roles, locations or sites: the org holds divisions only, so every block is a division's.
  const emulator = await startTestEmulator({
    seed: { divisions: seed, roles: [], locations: [], sites: [] },
  });
  const dir = await createTree({ 'main.tf': '' });
  const api = await loginTo(emulator);
  const runIn = async (...extra: string[]) => {
    const io = createTestIo({ env: emulatorEnv(emulator) });
    const code = await main(['generate', dir, ...extra], io);
    return { code, out: io.out(), err: io.err() };
  };
  const read = () => readFile(join(dir, 'generated.tf'), 'utf8');
  return { emulator, dir, api, runIn, read };
}

describe('gcadopt generate run again', () => {
  it('keeps every block it wrote, adds the new object, and keeps labels stable', async () => {
    const org = await startOrg([
      ...seedDivisions(3),
      { id: '22222222-0000-4000-8000-000000000001', name: 'Sales?' },
    ]);
    expect((await org.runIn()).code).toBe(0);
    const first = await org.read();
    // "Sales!" sorts before "Sales?": labelled from scratch it would take Sales_ from it.
    const created = await org.api('/api/v2/authorization/divisions', {
      method: 'POST',
      body: JSON.stringify({ name: 'Sales!' }),
    });
    expect(created.status).toBe(201);
    const again = await org.runIn();
    expect(again.code).toBe(0);
    expect(again.out).toContain(
      'generated.tf: 2 block(s) added, 9 kept, 0 user block(s) untouched',
    );
    const text = await org.read();
    expect(text.startsWith(first)).toBe(true);
    const parsed = await parseGenerated(text);
    expect(Object.keys(parsed.resource.genesyscloud_auth_division ?? {}).sort()).toEqual([
      'Division_0001',
      'Division_0002',
      'Division_0003',
      'Home',
      'Sales_',
      'Sales__2',
    ]);
    expect(parsed.resource.genesyscloud_auth_division?.Sales_?.[0]?.name).toBe('Sales?');
    expect(parsed.resource.genesyscloud_auth_division?.Sales__2?.[0]?.name).toBe('Sales!');
    expect(parsed.import).toHaveLength(5);
    // A third run with nothing new leaves the file alone.
    const third = await org.runIn();
    expect(third.err).toContain('nothing to generate; generated.tf: 0 block(s) added, 11 kept');
    expect(await org.read()).toBe(text);
  });

  it('keeps every block once the first file is applied (state manages them)', async () => {
    const org = await startOrg(seedDivisions(3));
    await org.runIn();
    const first = await org.read();
    const parsed = await parseGenerated(first);
    // What terraform apply leaves behind: state manages every generated resource.
    const resources = Object.entries(parsed.resource.genesyscloud_auth_division ?? {}).map(
      ([label, [body]]) => ({
        mode: 'managed',
        type: 'genesyscloud_auth_division',
        name: label,
        provider: 'provider["registry.terraform.io/mypurecloud/genesyscloud"]',
        instances: [
          {
            schema_version: 1,
            attributes: {
              id:
                parsed.import?.find((i) => i.to === `\${genesyscloud_auth_division.${label}}`)
                  ?.id ??
                /\(([^)]+)\)\n(?=resource "genesyscloud_auth_division" "Home")/.exec(first)?.[1],
              name: body?.name,
            },
          },
        ],
      }),
    );
    expect(resources.every((r) => typeof r.instances[0]?.attributes.id === 'string')).toBe(true);
    await writeFile(
      join(org.dir, 'terraform.tfstate'),
      JSON.stringify({
        version: 4,
        terraform_version: '1.11.0',
        serial: 1,
        lineage: 'x',
        outputs: {},
        resources,
      }),
    );
    await org.api('/api/v2/authorization/divisions', {
      method: 'POST',
      body: JSON.stringify({ name: 'New One' }),
    });
    const again = await org.runIn();
    expect(again.code).toBe(0);
    expect(again.out).toContain('generated.tf: 2 block(s) added, 7 kept');
    const text = await org.read();
    expect(text.startsWith(first)).toBe(true);
    expect(
      Object.keys((await parseGenerated(text)).resource.genesyscloud_auth_division ?? {}),
    ).toHaveLength(5);
  });

  it('reports an object gone from the org and keeps its blocks; --prune removes them', async () => {
    const org = await startOrg(seedDivisions(3));
    await org.runIn();
    const first = await org.read();
    const gone = '00000000-0000-4000-8000-000000000002';
    expect(
      (await org.api(`/api/v2/authorization/divisions/${gone}`, { method: 'DELETE' })).status,
    ).toBeLessThan(300);
    const kept = await org.runIn();
    expect(kept.code).toBe(0);
    expect(kept.err).toContain(
      `generated.tf: division "Division 0002" (${gone}) no longer exists in the org; pass --prune to remove its blocks`,
    );
    expect(await org.read()).toBe(first);
    const pruned = await org.runIn('--prune');
    expect(pruned.code).toBe(0);
    expect(pruned.out).toContain('generated.tf: 0 block(s) added, 5 kept, 2 removed');
    const text = await org.read();
    expect(text).not.toContain(gone);
    expect(text).not.toContain('Division_0002');
    expect(
      Object.keys((await parseGenerated(text)).resource.genesyscloud_auth_division ?? {}),
    ).toEqual(['Division_0001', 'Division_0003', 'Home']);
  });

  it("keeps the user's blocks and comments in generated.tf byte for byte", async () => {
    const org = await startOrg(seedDivisions(2));
    await org.runIn();
    const mine = [
      '\n# Our own note: keep this.\nresource "genesyscloud_auth_division" "extra" {\n  name = "Extra" # inline\n}\n',
      '\nmoved {\n  from = genesyscloud_auth_division.old\n  to   = genesyscloud_auth_division.extra\n}\n',
      '\nimport {\n  to = genesyscloud_auth_division.extra\n  id = var.extra_id\n}\n',
    ];
    for (const m of mine) await appendFile(join(org.dir, 'generated.tf'), m);
    // The user also edits a block gcadopt wrote: it stays as they left it.
    const edited = (await org.read()).replace(
      'name = "Division 0001"',
      'name = "Division 0001"\n  # reviewed',
    );
    await writeFile(join(org.dir, 'generated.tf'), edited);
    await org.api('/api/v2/authorization/divisions', {
      method: 'POST',
      body: JSON.stringify({ name: 'Later' }),
    });
    const again = await org.runIn();
    expect(again.code).toBe(0);
    expect(again.out).toContain(
      'generated.tf: 2 block(s) added, 5 kept, 3 user block(s) untouched',
    );
    const text = await org.read();
    expect(text.startsWith(edited)).toBe(true);
    expect(text).toContain('resource "genesyscloud_auth_division" "Later"');
  });

  it('names each kind once, and prints to standard output with --out -', async () => {
    const org = await startOrg(seedDivisions(2));
    const io = createTestIo({ env: emulatorEnv(org.emulator) });
    expect(
      await main(['generate', org.dir, '--kinds', 'division,division', '--out', '-'], io),
    ).toBe(0);
    const parsed = await parseGenerated(io.out());
    expect(Object.keys(parsed.resource.genesyscloud_auth_division ?? {})).toEqual([
      'Division_0001',
      'Division_0002',
      'Home',
    ]);
    expect(parsed.import).toHaveLength(2);
    expect(await readdir(org.dir)).toEqual(['main.tf']);
  });
});

describe('gcadopt generate division_id', () => {
  const division = (n: number) => `d0000000-0000-4000-8000-00000000000${n}`;
  const divisions = [
    { id: division(1), name: 'Home', home: true },
    { id: division(2), name: 'Sales' },
    { id: division(3), name: 'Support' },
    { id: division(4), name: 'Billing Ops' },
  ];
  const queue = (n: number, name: string, d: number) => ({
    id: `a0000000-0000-4000-8000-00000000000${n}`,
    name,
    division: { id: division(d) },
  });
  const queues = [
    queue(1, 'Inbound', 1),
    queue(2, 'Sales Line', 2),
    queue(3, 'Help Desk', 3),
    queue(4, 'Invoices', 4),
  ];
  // Support is planned by the configuration; Billing Ops is managed in state.
  const files = {
    'main.tf': 'resource "genesyscloud_auth_division" "support" {\n  name = "Support"\n}\n',
    'terraform.tfstate': JSON.stringify({
      version: 4,
      terraform_version: '1.11.0',
      serial: 1,
      lineage: 'x',
      outputs: {},
      resources: [
        {
          mode: 'managed',
          type: 'genesyscloud_auth_division',
          name: 'billing',
          provider: 'provider["registry.terraform.io/mypurecloud/genesyscloud"]',
          instances: [{ index_key: 'ops', attributes: { id: division(4), name: 'Billing Ops' } }],
        },
      ],
    }),
  };

  async function run(seedQueues: object[], extra: string[] = [], tree = files) {
    const emulator = await startTestEmulator({
      seed: { divisions, queues: seedQueues, roles: [] },
    });
    const dir = await createTree(tree);
    const io = createTestIo({ env: emulatorEnv(emulator) });
    const code = await main(['generate', dir, ...extra], io);
    const text = await readFile(join(dir, 'generated.tf'), 'utf8');
    return { code, text, dir, emulator, err: io.err() };
  }

  type Queues = Record<string, { name: string; division_id: string }[]>;
  const divisionIds = async (text: string) => {
    const parsed = (await parse('generated.tf', text)) as {
      resource: { genesyscloud_routing_queue: Queues };
    };
    return Object.fromEntries(
      Object.entries(parsed.resource.genesyscloud_routing_queue).map(([label, [q]]) => [
        label,
        q?.division_id,
      ]),
    );
  };

  it('refers to the divisions the file generates or the configuration manages', async () => {
    const first = await run(queues);
    expect(first.code).toBe(0);
    expect(await divisionIds(first.text)).toEqual({
      Help_Desk: '${genesyscloud_auth_division.support.id}',
      Inbound: '${genesyscloud_auth_division.Home.id}',
      Invoices: '${genesyscloud_auth_division.billing["ops"].id}',
      Sales_Line: '${genesyscloud_auth_division.Sales.id}',
    });
    expect(first.text).toContain('  division_id = genesyscloud_auth_division.Sales.id\n');
    // The same whatever order the org lists them in.
    expect((await run([...queues].reverse())).text).toBe(first.text);
  });

  it('writes the GUID and names the division when no block manages it', async () => {
    const { code, text } = await run(queues, ['--kinds', 'queues']);
    expect(code).toBe(0);
    expect(text).not.toContain('resource "genesyscloud_auth_division"');
    expect(text).toContain(`  division_id = "${division(2)}" # division "Sales"\n`);
    expect(text).toContain(`  division_id = "${division(1)}" # division "Home"\n`);
    expect(await divisionIds(text)).toMatchObject({
      Help_Desk: '${genesyscloud_auth_division.support.id}',
      Sales_Line: division(2),
    });
  });

  it('on a rerun, refers to the division blocks it wrote before', async () => {
    const first = await run(queues.slice(0, 1), ['--kinds', 'divisions']);
    const api = await loginTo(first.emulator);
    const created = await api('/api/v2/routing/queues', {
      method: 'POST',
      body: JSON.stringify({ name: 'Late', division: { id: division(2) } }),
    });
    expect(created.status).toBe(200);
    const io = createTestIo({ env: emulatorEnv(first.emulator) });
    expect(await main(['generate', first.dir, '--kinds', 'queues'], io)).toBe(0);
    const text = await readFile(join(first.dir, 'generated.tf'), 'utf8');
    expect(text.startsWith(first.text)).toBe(true);
    expect(await divisionIds(text)).toEqual({
      Inbound: '${genesyscloud_auth_division.Home.id}',
      Late: '${genesyscloud_auth_division.Sales.id}',
    });
  });
});
