import { parse } from '@cdktn/hcl2json';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { emulatorEnv } from '../helpers/cli-env.js';
import { startTestEmulator } from '../helpers/emulator.js';
import { createTree } from '../helpers/example.js';
import { createTestIo } from '../helpers/io.js';

const emaildomains = [
  { id: 'example.com', mailFromSettings: { mailFromDomain: 'mail.example.com' } },
  { id: 'acme.mypurecloud.com', subDomain: true },
];

async function run(args: string[], env: Record<string, string>) {
  const io = createTestIo({ env });
  const code = await main(args, io);
  return { code, out: io.out(), err: io.err() };
}

const type = 'genesyscloud_routing_email_domain';
const config = `
resource "${type}" "example" {
  domain_id        = "example.com"
  mail_from_domain = "mail.example.com"
}
resource "${type}" "acme" {
  domain_id = "acme"
  subdomain = true
}
resource "${type}" "fresh" {
  domain_id = "fresh.example.org"
}
`;

const create = (label: string, after: object) => ({
  address: `${type}.${label}`,
  mode: 'managed',
  type,
  name: label,
  provider_name: 'registry.terraform.io/mypurecloud/genesyscloud',
  change: { actions: ['create'], before: null, after, after_unknown: { id: true } },
});

const plan = JSON.stringify({
  format_version: '1.2',
  terraform_version: '1.11.0',
  resource_changes: [
    create('example', {
      domain_id: 'example.com',
      subdomain: false,
      mail_from_domain: 'mail.example.com',
    }),
    create('acme', { domain_id: 'acme', subdomain: true }),
    create('fresh', { domain_id: 'fresh.example.org', subdomain: false }),
  ],
});

describe(type, () => {
  it.each(['hcl', 'plan'])(
    'from %s: an existing domain is a warning (the provider adopts it) with its import',
    async (mode) => {
      const emulator = await startTestEmulator({ seed: { emaildomains } });
      const dir = await createTree({ 'main.tf': config, 'plan.json': plan });
      const args = ['check', dir, '--format', 'json'];
      if (mode === 'plan') args.push('--plan', join(dir, 'plan.json'));
      const result = await run(args, emulatorEnv(emulator));
      expect(result.code).toBe(0);
      const { findings } = JSON.parse(result.out) as {
        findings: { kind: string; address: string; severity: string; fix?: unknown }[];
      };
      expect(findings.map((f) => [f.address, f.kind, f.severity, f.fix])).toEqual([
        [
          `${type}.acme`,
          'adopts',
          'warning',
          { import: { to: `${type}.acme`, id: 'acme.mypurecloud.com' } },
        ],
        [
          `${type}.example`,
          'adopts',
          'warning',
          { import: { to: `${type}.example`, id: 'example.com' } },
        ],
      ]);
      // --fail-on warning makes the adoption block.
      expect((await run([...args, '--fail-on', 'warning'], emulatorEnv(emulator))).code).toBe(2);
    },
  );

  it('import writes blocks by domain; generate writes domain_id and the import', async () => {
    const emulator = await startTestEmulator({ seed: { emaildomains } });
    const dir = await createTree({ 'main.tf': config });
    expect((await run(['import', dir], emulatorEnv(emulator))).code).toBe(0);
    const imports = (await parse('i.tf', await readFile(join(dir, 'imports.tf'), 'utf8'))) as {
      import: { to: string; id: string }[];
    };
    expect(imports.import).toEqual([
      { to: `\${${type}.acme}`, id: 'acme.mypurecloud.com' },
      { to: `\${${type}.example}`, id: 'example.com' },
    ]);

    const empty = await createTree({ 'main.tf': '' });
    expect((await run(['generate', empty, '--kinds', type], emulatorEnv(emulator))).code).toBe(0);
    const generated = (await parse(
      'g.tf',
      await readFile(join(empty, 'generated.tf'), 'utf8'),
    )) as {
      resource: Record<string, Record<string, Record<string, unknown>[]>>;
      import: { to: string; id: string }[];
    };
    expect(generated.resource[type]).toEqual({
      acme: [{ domain_id: 'acme', subdomain: true }],
      example_com: [
        { domain_id: 'example.com', mail_from_domain: 'mail.example.com', subdomain: false },
      ],
    });
    expect(generated.import.map((i) => i.id).sort()).toEqual([
      'acme.mypurecloud.com',
      'example.com',
    ]);
  });

  it('list shows the domains', async () => {
    const emulator = await startTestEmulator({ seed: { emaildomains } });
    const result = await run(['list', 'email domains', '--format', 'json'], emulatorEnv(emulator));
    expect(result.code).toBe(0);
    const rows = JSON.parse(result.out) as { id: string }[];
    expect(rows.map((r) => r.id).sort()).toEqual(['acme.mypurecloud.com', 'example.com']);
  });
});
