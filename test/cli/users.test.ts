import { parse } from '@cdktn/hcl2json';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { emulatorEnv } from '../helpers/cli-env.js';
import { startTestEmulator } from '../helpers/emulator.js';
import { createTree } from '../helpers/example.js';
import { createTestIo } from '../helpers/io.js';

const ids = {
  ana: '22222222-0000-4000-8000-000000000001',
  gone: '22222222-0000-4000-8000-000000000002',
  kim: '22222222-0000-4000-8000-000000000003',
};
const users = [
  { id: ids.ana, name: 'Ana Silva', email: 'Ana.Silva@example.com', state: 'active' },
  { id: ids.gone, name: 'Old Timer', email: 'old.timer@example.com', state: 'deleted' },
  { id: ids.kim, name: 'Kim Lee', email: 'kim.lee@example.com', state: 'inactive' },
];

const hcl = `
resource "genesyscloud_user" "ana" {
  email = "ana.silva@example.com"
  name  = "Ana Silva"
}
resource "genesyscloud_user" "old" {
  email = "old.timer@example.com"
  name  = "Old Timer"
}
resource "genesyscloud_user" "new" {
  email = "new.hire@example.com"
  name  = "New Hire"
}
`;

function planOf(resources: Record<string, { email: string; name: string }>): string {
  return JSON.stringify({
    format_version: '1.2',
    terraform_version: '1.11.0',
    resource_changes: Object.entries(resources).map(([label, after]) => ({
      address: `genesyscloud_user.${label}`,
      mode: 'managed',
      type: 'genesyscloud_user',
      name: label,
      provider_name: 'registry.terraform.io/mypurecloud/genesyscloud',
      change: {
        actions: ['create'],
        before: null,
        after: { ...after, division_id: null, state: 'active' },
        after_unknown: { id: true },
      },
    })),
  });
}

async function run(args: string[], env: Record<string, string>) {
  const io = createTestIo({ env });
  const code = await main(args, io);
  return { code, out: io.out(), err: io.err() };
}

interface Report {
  findings: {
    kind: string;
    severity: string;
    address: string;
    live?: { id: string };
    fix?: unknown;
  }[];
}

describe('genesyscloud_user', () => {
  it.each(['hcl', 'plan'])(
    'from %s: a taken email is a conflict, a deleted user’s email is restored, a free one passes',
    async (mode) => {
      const emulator = await startTestEmulator({ seed: { users } });
      const dir = await createTree({
        'main.tf': hcl,
        'plan.json': planOf({
          ana: { email: 'ana.silva@example.com', name: 'Ana Silva' },
          old: { email: 'old.timer@example.com', name: 'Old Timer' },
          new: { email: 'new.hire@example.com', name: 'New Hire' },
        }),
      });
      const plan = mode === 'plan' ? ['--plan', join(dir, 'plan.json')] : [];
      const result = await run(['check', dir, ...plan, '--format', 'json'], emulatorEnv(emulator));
      expect(result.code).toBe(2);
      const report = JSON.parse(result.out) as Report;
      const byAddress = new Map(
        report.findings.filter((f) => f.kind !== 'drift').map((f) => [f.address, f]),
      );
      expect(byAddress.get('genesyscloud_user.ana')).toMatchObject({
        kind: 'conflict',
        severity: 'error',
        live: { id: ids.ana },
        fix: { import: { to: 'genesyscloud_user.ana', id: ids.ana } },
      });
      expect(byAddress.get('genesyscloud_user.old')).toMatchObject({
        kind: 'restores',
        severity: 'warning',
        live: { id: ids.gone },
      });
      expect(byAddress.get('genesyscloud_user.old')?.fix).toBeUndefined();
      expect(byAddress.has('genesyscloud_user.new')).toBe(false);

      const text = await run(['check', dir, ...plan], emulatorEnv(emulator));
      expect(text.out).toContain('a deleted user holds this email');
      expect(text.out).toContain('apply restores it');
    },
  );

  it('import writes the block of the taken email only', async () => {
    const emulator = await startTestEmulator({ seed: { users } });
    const dir = await createTree({ 'main.tf': hcl });
    const result = await run(['import', dir], emulatorEnv(emulator));
    expect(result.code).toBe(0);
    const text = await readFile(join(dir, 'imports.tf'), 'utf8');
    const parsed = (await parse('imports.tf', text)) as { import: { to: string; id: string }[] };
    expect(parsed.import.map((b) => [b.to, b.id])).toEqual([['${genesyscloud_user.ana}', ids.ana]]);
  });

  it('generate writes live users by email, never deleted ones', async () => {
    const emulator = await startTestEmulator({ seed: { users, roles: [] } });
    const dir = await createTree({ 'main.tf': '' });
    const result = await run(['generate', dir, '--kinds', 'users'], emulatorEnv(emulator));
    expect(result.code).toBe(0);
    const text = await readFile(join(dir, 'generated.tf'), 'utf8');
    const parsed = (await parse('generated.tf', text)) as {
      resource: {
        genesyscloud_user: Record<string, { email: string; name: string; state: string }[]>;
      };
      import: { to: string; id: string }[];
    };
    const blocks = parsed.resource.genesyscloud_user;
    expect(Object.values(blocks).map((b) => b[0])).toEqual([
      expect.objectContaining({
        email: 'Ana.Silva@example.com',
        name: 'Ana Silva',
        state: 'active',
      }),
      expect.objectContaining({ email: 'kim.lee@example.com', name: 'Kim Lee', state: 'inactive' }),
    ]);
    expect(parsed.import.map((b) => b.id).sort()).toEqual([ids.ana, ids.kim]);
  });

  it('checks 20 emails against 50,000 users with lookups, not a listing', async () => {
    const many = Array.from({ length: 50_000 }, (_, i) => ({
      id: `33333333-0000-4000-8000-${String(i + 1).padStart(12, '0')}`,
      name: `User ${i + 1}`,
      email: `user${i + 1}@example.com`,
      state: 'active',
    }));
    const emulator = await startTestEmulator({ seed: { users: many } });
    const wanted = Array.from({ length: 20 }, (_, i) => i * 2_500 + 7);
    const dir = await createTree({
      'main.tf': wanted
        .map(
          (n) =>
            `resource "genesyscloud_user" "u${n}" {\n  email = "USER${n}@example.com"\n  name = "User ${n}"\n}\n`,
        )
        .join(''),
    });
    const result = await run(['check', dir, '--format', 'json'], emulatorEnv(emulator));
    const report = JSON.parse(result.out) as Report;
    expect(
      report.findings
        .filter((f) => f.kind === 'conflict')
        .map((f) => f.address)
        .sort(),
    ).toEqual(wanted.map((n) => `genesyscloud_user.u${n}`).sort());
    const api = emulator.requests.filter((r) => r.path.startsWith('/api/v2/'));
    expect(api.length).toBeLessThanOrEqual(25);
    expect(api.filter((r) => r.path === '/api/v2/users/search')).toHaveLength(20);
  }, 60_000);

  it('lists a small org instead of searching it', async () => {
    const emulator = await startTestEmulator({ seed: { users } });
    const dir = await createTree({ 'main.tf': hcl });
    await writeFile(join(dir, 'extra.tf'), '');
    await run(['check', dir, '--format', 'json'], emulatorEnv(emulator));
    const api = emulator.requests.filter((r) => r.path.startsWith('/api/v2/users'));
    expect(api.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /api/v2/users']);
    expect(api[0]?.query).toContain('state=any');
  });
});
