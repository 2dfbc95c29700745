import { parse } from '@cdktn/hcl2json';
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { kindForType } from '../../src/kinds/index.js';
import { emulatorEnv } from '../helpers/cli-env.js';
import { startTestEmulator } from '../helpers/emulator.js';
import { createTree } from '../helpers/example.js';
import { createTestIo } from '../helpers/io.js';

const bin = fileURLToPath(new URL('../../bin/gcadopt.js', import.meta.url));
const id = (n: number) => `66666666-0000-4000-8000-${String(n).padStart(12, '0')}`;

/** The org: "Sales IVR" as an inbound call flow and as an inbound email flow, and a support flow. */
const flows = [
  { id: id(1), name: 'Sales IVR', type: 'INBOUNDCALL' },
  { id: id(2), name: 'Sales IVR', type: 'INBOUNDEMAIL' },
  { id: id(3), name: 'Support', type: 'INBOUNDCALL' },
];

const callFlow = 'inboundCall:\n  name: "{{flow_name}}"\n  defaultLanguage: en-us\n';
const module = {
  'modules/ivr/variables.tf': 'variable "name" {}\n',
  'modules/ivr/main.tf': `resource "genesyscloud_flow" "main" {
  filepath = "\${path.module}/flows/main.yaml"
  substitutions = { flow_name = var.name }
}
`,
  'modules/ivr/flows/main.yaml': callFlow,
  'flows/chat.yaml': 'inboundChat:\n  name: Sales IVR\n',
  'flows/support.yaml': 'inboundCall:\n  name: Support\n',
};
const root = `module "ivr" {
  source = "./modules/ivr"
  name   = "Sales IVR"
}

resource "genesyscloud_flow" "chat" {
  filepath = "flows/chat.yaml"
}

resource "genesyscloud_flow" "gone" {
  filepath = "\${path.module}/flows/gone.yaml"
}
`;

interface Report {
  summary: { blocking: number; checked: number };
  findings: {
    kind: string;
    severity: string;
    address: string;
    name?: string;
    message: string;
    related?: string[];
    fix?: unknown;
    source?: unknown;
  }[];
}

async function run(args: string[], env: Record<string, string>) {
  const io = createTestIo({ env });
  const code = await main(args, io);
  return { code, out: io.out(), err: io.err() };
}

async function check(dir: string, env: Record<string, string>, ...more: string[]) {
  const result = await run(['check', dir, '--format', 'json', ...more], env);
  return { ...result, report: JSON.parse(result.out) as Report };
}

/** `check --format json` of a tree against the org of `flows`; `more` may name files in it. */
async function checkTree(files: Record<string, string>, ...more: string[]) {
  const emulator = await startTestEmulator({ seed: { flows } });
  const dir = await createTree(files);
  return check(dir, emulatorEnv(emulator), ...more.map((m) => m.replace('DIR', dir)));
}

/** State (v4) in which `address` manages flow `flowId`. */
function stateOf(module: string | undefined, name: string, flowId: string): string {
  const resource = { mode: 'managed', type: 'genesyscloud_flow', name };
  return JSON.stringify({
    version: 4,
    resources: [
      {
        ...(module === undefined ? {} : { module }),
        ...resource,
        instances: [{ attributes: { id: flowId } }],
      },
    ],
  });
}

/** A plan as `terraform show -json` writes it for the configuration above. */
function planOf(substitutions: Record<string, unknown>, unknown: Record<string, unknown> = {}) {
  const change = (address: string, after: Record<string, unknown>, afterUnknown = {}) => ({
    address,
    mode: 'managed',
    type: 'genesyscloud_flow',
    name: address.split('.').at(-1),
    provider_name: 'registry.terraform.io/mypurecloud/genesyscloud',
    change: {
      actions: ['create'],
      before: null,
      after,
      after_unknown: { id: true, name: true, type: true, file_content_hash: true, ...afterUnknown },
    },
  });
  return JSON.stringify({
    format_version: '1.2',
    terraform_version: '1.11.0',
    resource_changes: [
      change(
        'module.ivr.genesyscloud_flow.main',
        { filepath: 'modules/ivr/flows/main.yaml', substitutions },
        { substitutions: unknown },
      ),
      change('genesyscloud_flow.chat', { filepath: 'flows/chat.yaml' }),
      change('genesyscloud_flow.gone', { filepath: './flows/gone.yaml' }),
    ],
  });
}

describe('genesyscloud_flow: an apply that takes over an existing flow', () => {
  it.each(['hcl', 'plan'])(
    'from %s: the YAML name + type meets an unmanaged flow: takeover with its import',
    async (mode) => {
      const { code, report } = await checkTree(
        { ...module, 'main.tf': root, 'plan.json': planOf({ flow_name: 'Sales IVR' }) },
        ...(mode === 'plan' ? ['--plan', 'DIR/plan.json'] : []),
      );
      expect(code).toBe(2);
      expect(report.summary).toMatchObject({ blocking: 1, checked: 3 });
      expect(report.findings).toEqual([
        {
          kind: 'unknown',
          severity: 'warning',
          type: 'genesyscloud_flow',
          address: 'genesyscloud_flow.gone',
          source: { file: 'main.tf', line: 10 },
          message:
            'the flow name is not known before apply: its YAML file flows/gone.yaml does not exist (apply would fail); gcadopt cannot check it',
        },
        {
          kind: 'takeover',
          severity: 'error',
          type: 'genesyscloud_flow',
          address: 'module.ivr.genesyscloud_flow.main',
          name: 'Sales IVR',
          live: { id: id(1), name: 'Sales IVR', type: 'INBOUNDCALL' },
          source: { file: 'modules/ivr/main.tf', line: 1 },
          message: `flow "Sales IVR" (${id(1)}) exists and no address manages it: the apply would overwrite and republish this INBOUNDCALL flow from the YAML file (no 409 stops it); import it to adopt it knowingly`,
          fix: { import: { to: 'module.ivr.genesyscloud_flow.main', id: id(1) } },
        },
      ]);
    },
  );

  it('a substitution not known before apply leaves the name unknown, never a guess', async () => {
    const { code, report } = await checkTree(
      { ...module, 'main.tf': root, 'plan.json': planOf({}, { flow_name: true }) },
      '--plan',
      'DIR/plan.json',
    );
    expect(code).toBe(0);
    expect(
      report.findings.find((f) => f.address === 'module.ivr.genesyscloud_flow.main'),
    ).toMatchObject({
      kind: 'unknown',
      message:
        'the flow name is not known before apply: substitution "flow_name" is not known: known only after apply; gcadopt cannot check it',
    });
  });

  it('a flow that state manages, and one its import block adopts, are no finding', async () => {
    const imported = `import {\n  to = genesyscloud_flow.support\n  id = "${id(3)}"\n}\n`;
    const { code, report } = await checkTree({
      ...module,
      'main.tf': `${root}\n${imported}resource "genesyscloud_flow" "support" {\n  filepath = "flows/support.yaml"\n}\n`,
      'terraform.tfstate': stateOf('module.ivr', 'main', id(1)),
    });
    expect(code).toBe(0);
    expect(report.findings.map((f) => [f.kind, f.address])).toEqual([
      ['unknown', 'genesyscloud_flow.gone'],
    ]);
  });

  it('a managed flow whose YAML is renamed onto another flow takes that one over', async () => {
    const { code, report } = await checkTree(
      {
        'main.tf':
          'resource "genesyscloud_flow" "support" {\n  filepath = "flows/support.yaml"\n}\n',
        'flows/support.yaml': 'inboundCall:\n  name: Sales IVR\n',
        'state.json': stateOf(undefined, 'support', id(3)),
      },
      '--state',
      'DIR/state.json',
    );
    expect(code).toBe(2);
    expect(report.findings).toEqual([
      expect.objectContaining({
        kind: 'takeover',
        address: 'genesyscloud_flow.support',
        message: `renaming flow "Support" to "Sales IVR" makes the apply take over flow "Sales IVR" (${id(1)}): the apply would overwrite and republish this INBOUNDCALL flow from the YAML file (no 409 stops it); ${id(3)} stays in the org`,
      }),
    ]);
  });

  it('two resources whose files name the same flow are duplicates; the same name in two types is not', async () => {
    const { report } = await checkTree({
      'main.tf': ['a', 'b', 'c']
        .map((l) => `resource "genesyscloud_flow" "${l}" {\n  filepath = "${l}.yaml"\n}\n`)
        .join(''),
      'a.yaml': 'inboundCall:\n  name: Main\n',
      'b.yaml': 'inboundcall:\n  name: Main\n',
      'c.yaml': 'inboundEmail:\n  name: Main\n',
    });
    expect(report.findings.map((f) => [f.kind, f.address])).toEqual([
      ['duplicate', 'genesyscloud_flow.a'],
      ['duplicate', 'genesyscloud_flow.b'],
    ]);
  });

  it('a create onto a flow another address manages is a takeover without an import', async () => {
    const file = 'inboundCall:\n  name: Sales IVR\n';
    const { report } = await checkTree({
      'main.tf': ['a', 'b']
        .map((l) => `resource "genesyscloud_flow" "${l}" {\n  filepath = "${l}.yaml"\n}\n`)
        .join(''),
      'a.yaml': file,
      'b.yaml': file,
      'terraform.tfstate': stateOf(undefined, 'a', id(1)),
    });
    expect(report.findings.filter((f) => f.kind === 'takeover')).toEqual([
      expect.objectContaining({
        address: 'genesyscloud_flow.b',
        related: ['genesyscloud_flow.a'],
        message: `flow "Sales IVR" (${id(1)}) is managed by genesyscloud_flow.a: the apply would overwrite and republish this INBOUNDCALL flow from the YAML file (no 409 stops it), and two resources would manage it`,
      }),
    ]);
    expect(report.findings.find((f) => f.kind === 'takeover')?.fix).toBeUndefined();
  });

  it('with --exact-names, a flow differing only by case is a case-conflict, within its type only', async () => {
    const { report } = await checkTree(
      {
        'main.tf': ['call', 'chat']
          .map((l) => `resource "genesyscloud_flow" "${l}" {\n  filepath = "${l}.yaml"\n}\n`)
          .join(''),
        'call.yaml': 'inboundCall:\n  name: sales ivr\n',
        'chat.yaml': 'inboundChat:\n  name: sales ivr\n',
      },
      '--exact-names',
    );
    expect(report.findings.map((f) => [f.kind, f.address])).toEqual([
      ['case-conflict', 'genesyscloud_flow.call'],
    ]);
  });

  it('a YAML error is a warning with file:line, not a crash', async () => {
    const { code, report } = await checkTree({
      'main.tf': 'resource "genesyscloud_flow" "bad" {\n  filepath = "bad.yaml"\n}\n',
      'bad.yaml': 'inboundCall:\n  name: [Sales IVR\n',
    });
    expect(code).toBe(0);
    expect(report.findings).toEqual([
      expect.objectContaining({
        kind: 'unknown',
        message: expect.stringMatching(/: bad\.yaml:\d+:\d+: the YAML cannot be read: /) as string,
      }),
    ]);
  });

  it('scripts (names may repeat) and flow outcomes (the provider adopts them) are never flagged', async () => {
    expect(kindForType('genesyscloud_script')).toBeUndefined();
    expect(kindForType('genesyscloud_flow_outcome')).toBeUndefined();
    const emulator = await startTestEmulator({ seed: { flows } });
    const dir = await createTree({
      'main.tf': `resource "genesyscloud_script" "s" {\n  script_name = "Sales IVR"\n  filepath = "s.json"\n}\nresource "genesyscloud_flow_outcome" "o" {\n  name = "Sales IVR"\n}\nresource "genesyscloud_flow_outcome" "p" {\n  name = "Sales IVR"\n}\n`,
    });
    const { code, report } = await check(dir, emulatorEnv(emulator));
    expect(code).toBe(0);
    expect(report.findings).toEqual([]);
    expect(report.summary.checked).toBe(0);
    expect(emulator.requests.filter((r) => r.path.startsWith('/api/v2/'))).toEqual([]);
  });
});

describe('genesyscloud_flow: every report format renders the takeover', () => {
  it.each([
    ['text', 'Apply would take over an existing object'],
    ['markdown', 'Apply would take over an existing object'],
    ['github', '::error file=modules/ivr/main.tf,line=1,title=gcadopt takeover%3A module.ivr'],
    ['sarif', '"ruleId": "takeover"'],
    ['json', '"kind": "takeover"'],
  ])('%s', async (format, expected) => {
    const emulator = await startTestEmulator({ seed: { flows } });
    const dir = await createTree({ ...module, 'main.tf': root });
    const result = await run(['check', dir, '--format', format], emulatorEnv(emulator));
    expect(result.code).toBe(2);
    expect(result.out).toContain(expected);
  });
});

describe('genesyscloud_flow: import and generate', () => {
  it('import writes the import block of the taken-over flow, and check is then clean', async () => {
    const emulator = await startTestEmulator({ seed: { flows } });
    const dir = await createTree({
      ...module,
      'main.tf': root.split('resource "genesyscloud_flow" "gone"')[0]!,
    });
    const env = emulatorEnv(emulator);
    const first = await run(['import', dir], env);
    expect(first.code).toBe(0);
    const imports = (await parse(
      'imports.tf',
      await readFile(join(dir, 'imports.tf'), 'utf8'),
    )) as {
      import: { to: string; id: string }[];
    };
    expect(imports.import).toEqual([{ to: '${module.ivr.genesyscloud_flow.main}', id: id(1) }]);
    const again = await check(dir, env);
    expect(again.code).toBe(0);
    expect(again.report.findings).toEqual([]);
  });

  it('generate writes no flow block (it would need the YAML file) and says so', async () => {
    const emulator = await startTestEmulator({ seed: { flows } });
    const empty = await createTree({ 'main.tf': '' });
    const result = await run(
      ['generate', empty, '--kinds', 'flows', '--out', '-'],
      emulatorEnv(emulator),
    );
    expect(result.code).toBe(0);
    expect(result.err).toContain(
      "gcadopt: generate skips flows: a genesyscloud_flow block needs the flow's YAML file, which gcadopt does not export",
    );
    expect(result.out).not.toContain('genesyscloud_flow');
    expect(emulator.requests.some((r) => r.path === '/api/v2/flows')).toBe(false);
  });

  it('the built bin reports the takeover in text and exits 2', async () => {
    const emulator = await startTestEmulator({ seed: { flows } });
    const dir = await createTree({ ...module, 'main.tf': root });
    const env = { PATH: process.env.PATH ?? '', NO_COLOR: '1', ...emulatorEnv(emulator) };
    const failed = await promisify(execFile)(process.execPath, [bin, 'check', dir], {
      env,
      timeout: 20_000,
    }).then(
      () => undefined,
      (error: unknown) => error as { code: number; stdout: string },
    );
    expect(failed?.code).toBe(2);
    expect(failed?.stdout).toContain('Apply would take over an existing object');
    // The fix is the import block itself, one attribute per line.
    expect(failed?.stdout).toMatch(
      new RegExp(
        `\\n( +)import \\{\\n\\1  to = module\\.ivr\\.genesyscloud_flow\\.main\\n\\1  id = "${id(1)}"\\n\\1\\}\\n`,
      ),
    );
  });
});
