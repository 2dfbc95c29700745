import { parse } from '@cdktn/hcl2json';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';
import { createTestIo } from './io.js';

/** Runs `gcadopt ARGS` through `main` with `env`. */
export async function runCli(args: string[], env: Record<string, string>) {
  const io = createTestIo({ env });
  const code = await main(args, io);
  return { code, out: io.out(), err: io.err() };
}

/** One planned create of a plan's `resource_changes`; `unknown` marks attributes known only after apply. */
export function plannedCreate(type: string, label: string, after: object, unknown: object = {}) {
  return {
    address: `${type}.${label}`,
    mode: 'managed',
    type,
    name: label,
    provider_name: 'registry.terraform.io/mypurecloud/genesyscloud',
    change: { actions: ['create'], before: null, after, after_unknown: { id: true, ...unknown } },
  };
}

/** `terraform show -json` of a plan with these changes. */
export const planOf = (changes: readonly object[]): string =>
  JSON.stringify({ format_version: '1.2', terraform_version: '1.11.0', resource_changes: changes });

/** A v4 state file of one instance per resource. */
export function stateOf(resources: readonly { type: string; name: string; attributes: object }[]) {
  return JSON.stringify({
    version: 4,
    terraform_version: '1.11.0',
    serial: 1,
    lineage: 'x',
    outputs: {},
    resources: resources.map(({ type, name, attributes }) => ({
      mode: 'managed',
      type,
      name,
      provider: 'provider["registry.terraform.io/mypurecloud/genesyscloud"]',
      instances: [{ attributes }],
    })),
  });
}

export interface Finding {
  readonly kind: string;
  readonly address: string;
  readonly severity: string;
  readonly message: string;
  readonly fix?: unknown;
}

/** `check DIR --format json`, from the HCL or from DIR/plan.json: the exit code and findings. */
export async function checkJson(dir: string, mode: string, env: Record<string, string>) {
  const args = ['check', dir, '--format', 'json'];
  if (mode === 'plan') args.push('--plan', join(dir, 'plan.json'));
  const result = await runCli(args, env);
  return {
    code: result.code,
    findings: (JSON.parse(result.out) as { findings: Finding[] }).findings,
  };
}

/** A file gcadopt wrote, as JSON (hcl2json), and its text. */
export async function readHcl(path: string) {
  const text = await readFile(path, 'utf8');
  const hcl = (await parse('file.tf', text)) as {
    data?: Record<string, Record<string, Record<string, unknown>[]>>;
    resource?: Record<string, Record<string, Record<string, unknown>[]>>;
    import?: { to: string; id: string }[];
  };
  return { text, hcl };
}
