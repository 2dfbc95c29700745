import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { emulatorEnv } from '../helpers/cli-env.js';
import { startTestEmulator } from '../helpers/emulator.js';
import { createTree } from '../helpers/example.js';
import { checkJson, planOf, plannedCreate, readHcl, runCli as run } from '../helpers/kind-cli.js';

const emaildomains = [
  { id: 'example.com', mailFromSettings: { mailFromDomain: 'mail.example.com' } },
  { id: 'acme.mypurecloud.com', subDomain: true },
];

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

const create = (label: string, after: object) => plannedCreate(type, label, after);

const plan = planOf([
  create('example', {
    domain_id: 'example.com',
    subdomain: false,
    mail_from_domain: 'mail.example.com',
  }),
  create('acme', { domain_id: 'acme', subdomain: true }),
  create('fresh', { domain_id: 'fresh.example.org', subdomain: false }),
]);

describe(type, () => {
  it.each(['hcl', 'plan'])(
    'from %s: an existing domain is a warning (the provider adopts it) with its import',
    async (mode) => {
      const emulator = await startTestEmulator({ seed: { emaildomains } });
      const dir = await createTree({ 'main.tf': config, 'plan.json': plan });
      const { code, findings } = await checkJson(dir, mode, emulatorEnv(emulator));
      expect(code).toBe(0);
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
      const args = ['check', dir, '--fail-on', 'warning'];
      if (mode === 'plan') args.push('--plan', join(dir, 'plan.json'));
      expect((await run(args, emulatorEnv(emulator))).code).toBe(2);
    },
  );

  it('import writes blocks by domain; generate writes domain_id and the import', async () => {
    const emulator = await startTestEmulator({ seed: { emaildomains } });
    const dir = await createTree({ 'main.tf': config });
    expect((await run(['import', dir], emulatorEnv(emulator))).code).toBe(0);
    const imports = (await readHcl(join(dir, 'imports.tf'))).hcl;
    expect(imports.import).toEqual([
      { to: `\${${type}.acme}`, id: 'acme.mypurecloud.com' },
      { to: `\${${type}.example}`, id: 'example.com' },
    ]);

    const empty = await createTree({ 'main.tf': '' });
    expect((await run(['generate', empty, '--kinds', type], emulatorEnv(emulator))).code).toBe(0);
    const generated = (await readHcl(join(empty, 'generated.tf'))).hcl;
    expect(generated.resource?.[type]).toEqual({
      acme: [{ domain_id: 'acme', subdomain: true }],
      example_com: [
        { domain_id: 'example.com', mail_from_domain: 'mail.example.com', subdomain: false },
      ],
    });
    expect(generated.import?.map((i) => i.id).sort()).toEqual([
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
