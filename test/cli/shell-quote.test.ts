import { parse } from '@cdktn/hcl2json';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { renderImportCommand, type Shell } from '../../src/cli/shell-quote.js';
import { quoteHclString } from '../../src/terraform/hcl-string.js';
import { emulatorEnv } from '../helpers/cli-env.js';
import { startTestEmulator } from '../helpers/emulator.js';
import { createTree } from '../helpers/example.js';
import { createTestIo } from '../helpers/io.js';
import { environments, tokenize } from '../helpers/powershell-model.js';

/** Addresses and ids of every hostile kind, as Terraform prints them (keys HCL-escaped). */
const commandCases: readonly (readonly [string, string, string])[] = [
  ['plain', 'genesyscloud_auth_division.sales', '0b7e5c2a-8d4f-4b6e-a1c3-5e9f2d7a4b12'],
  ['count index', 'module.org[0].genesyscloud_auth_division.team[3]', 'id'],
  ['for_each key', 'genesyscloud_auth_division.team["Sales"]', 'id'],
  ['spaces', 'module.bu["apac"].genesyscloud_auth_division.team["Support – Tier 2"]', 'a b'],
  ['leading and trailing space', 't.n[" edge "]', ' id '],
  ['ASCII single quotes', `t.n["it's"]`, "'"],
  ['typographic single quotes', 't.n["‘a’ ‚b‛ \'c\'"]', '‘’‚‛'],
  ['typographic double quotes', 't.n["“x” „y“"]', '„”'],
  ['escaped quotes', 't.n["say \\"hi\\" now"]', '"'],
  ['backslash before a quote', 't.n["C:\\\\dir\\\\"]', 'a\\" b\\\\'],
  ['trailing backslash', 't.n["x"]', 'id \\'],
  ['backticks', 't.n["`whoami` `"]', '`n`0'],
  ['dollar', 't.n["$(Remove-Item -Recurse ~) ${env:PATH} $x $$"]', '$null'],
  ['separators', 't.n["a; calc & b | c && d || e"]', ';&|'],
  ['redirection and grouping', 't.n["@(1,2) #c {x} [y] <z >out 2>&1"]', '(x)'],
  ['stop-parsing token inside', 't.n["--% %PATH% %%"]', '--%x'],
  ['percent', 't.n["%PATH%"]', '%PATH%'],
  ['unicode', 't.n["Zürich – ü 日本 🎉"]', 'Ωμέγα'],
  ['empty id', 't.n["x"]', ''],
  ['a dash first', 't.n["-Force"]', '-Force'],
];

/** Ones no PowerShell line passes exactly: the block is printed instead. */
const blockCases: readonly (readonly [string, string, string, Shell[]])[] = [
  ['two spaces', 't.n["a  b"]', 'id', ['powershell']],
  ['no-break space', 't.n["x"]', 'a\u00a0b', ['powershell']],
  ['ideographic space', 't.n["x"]', '\u3000', ['powershell']],
  ['the stop-parsing token', 't.n["x"]', '--%', ['powershell']],
  ['a newline', 't.n["x"]', 'a\nb', ['bash', 'powershell']],
  ['a tab', 't.n["x"]', 'a\tb', ['bash', 'powershell']],
  [
    'an escape sequence',
    't.n["x"]',
    '\u001b]8;;https://evil.example\u0007x',
    ['bash', 'powershell'],
  ],
  ['a bidi override', 't.n["x"]', 'abc\u202edcb', ['bash', 'powershell']],
];

describe('PowerShell import commands against the model', () => {
  it.each(commandCases)('%s: one line that passes the exact arguments everywhere', (_n, to, id) => {
    const out = renderImportCommand('powershell', to, id);
    expect(out.endsWith('\n')).toBe(true);
    expect(out.slice(0, -1)).not.toContain('\n');
    const parsed = tokenize(out.slice(0, -1));
    for (const [name, argv] of Object.entries(environments)) {
      expect({ name, argv: argv(parsed) }).toEqual({ name, argv: ['import', to, id] });
    }
  });

  it.each(blockCases)('%s: the import block and the reason instead', async (_n, to, id, shells) => {
    for (const shell of ['bash', 'powershell'] as const) {
      const out = renderImportCommand(shell, to, id);
      if (!shells.includes(shell)) {
        expect(out).toMatch(/^terraform import /);
        continue;
      }
      expect(out).toMatch(/^# no (shell|PowerShell) command: the address or id .+; add this block/);
      // eslint-disable-next-line no-control-regex
      expect(out).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
      const hcl = (await parse('imports.tf', out)) as { import: { id: string }[] };
      expect(hcl.import[0]?.id).toBe(id);
    }
  });

  it('the model follows about_Parsing and catches what the old quoting got wrong', () => {
    // about_Parsing: 7.3 keeps embedded quotes and empty arguments; Legacy did not.
    const documented = tokenize(`terraform import 'c" "d' ''`);
    expect(environments['Windows PowerShell 5.1'](documented)).toEqual(['import', 'c d']);
    expect(environments['PowerShell 7.2, Linux'](documented)).toEqual(['import', 'c d']);
    expect(environments['PowerShell 7.4, Windows'](documented)).toEqual(['import', 'c" "d', '']);
    expect(environments['PowerShell 7.4, Linux'](documented)).toEqual(['import', 'c" "d', '']);
    // Before: '...' with ' doubled and " written \" : right for 5.1, wrong for 7.3+,
    // and a typographic quote ended the string early.
    const old = (a: string): string => `'${a.replaceAll("'", "''").replaceAll('"', '\\"')}'`;
    const parsed = tokenize(`terraform import ${old('t.n["a"]')} 'id'`);
    expect(environments['Windows PowerShell 5.1'](parsed)).toEqual(['import', 't.n["a"]', 'id']);
    expect(environments['PowerShell 7.4, Linux'](parsed)).toEqual(['import', 't.n[\\"a\\"]', 'id']);
    expect(() => tokenize(`terraform import ${old('t.n["’; calc; ‘"]')} 'id'`)).toThrow();
  });
});

describe('gcadopt import --commands --shell powershell', () => {
  it('prints lines the model runs as exactly the address and id, and a block where none exists', async () => {
    const keys = ['Sales ‘EMEA’; calc', 'R&D "core" $(x) `y`', 'a  b'];
    const guid = (i: number): string => `00000000-0000-4000-8000-00000000000${i}`;
    const emulator = await startTestEmulator({
      seed: { divisions: keys.map((name, i) => ({ id: guid(i), name })) },
    });
    const dir = await createTree({
      'main.tf': [
        'resource "genesyscloud_auth_division" "team" {',
        `  for_each = toset([${keys.map(quoteHclString).join(', ')}])`,
        '  name     = each.key',
        '}',
        '',
      ].join('\n'),
    });
    const io = createTestIo({ env: emulatorEnv(emulator) });
    expect(await main(['import', dir, '--commands', '--shell', 'powershell'], io)).toBe(0);
    const out = io.out();
    const commands = out.split('\n').filter((l) => /^(& \{ |terraform )/.test(l));
    const seen = commands.map((line) => {
      const parsed = tokenize(line);
      const argvs = Object.values(environments).map((argv) => argv(parsed));
      for (const argv of argvs) expect(argv).toEqual(argvs[0]);
      return argvs[0];
    });
    const address = (key: string): string =>
      `genesyscloud_auth_division.team[${quoteHclString(key)}]`;
    expect(seen).toEqual(
      [
        ['import', address(keys[1] ?? ''), guid(1)],
        ['import', address(keys[0] ?? ''), guid(0)],
      ].sort((a, b) => (a[1]! < b[1]! ? -1 : 1)),
    );
    expect(out).toContain(`# no PowerShell command: the address or id holds whitespace`);
    expect(out).toContain(`  to = ${address(keys[2] ?? '')}\n  id = "${guid(2)}"\n`);
  });
});

/** A stand-in `terraform` that prints its argv as JSON, first on PATH. */
function createFakeTerraform(): string {
  const dir = mkdtempSync(join(tmpdir(), 'gcadopt-fake-tf-'));
  const file = join(dir, 'terraform');
  writeFileSync(
    file,
    `#!${process.execPath}\nprocess.stdout.write(JSON.stringify(process.argv.slice(2)));\n`,
  );
  chmodSync(file, 0o755);
  return dir;
}

function has(program: string): boolean {
  return spawnSync(program, ['-c', 'exit 0'], { stdio: 'ignore' }).status === 0;
}

describe('real shells run the printed line', () => {
  const fake = process.platform === 'win32' ? undefined : createFakeTerraform();
  afterAll(() => {
    if (fake !== undefined) rmSync(fake, { recursive: true, force: true });
  });
  const env = { ...process.env, PATH: `${fake ?? ''}${delimiter}${process.env.PATH ?? ''}` };
  const pwsh = fake !== undefined && has('pwsh');
  const bash = fake !== undefined && has('bash');
  if (!pwsh) {
    console.log('notice: pwsh is not installed (or this is Windows): real PowerShell runs skipped');
  }

  it.skipIf(!bash).each(commandCases)('bash: %s', (_n, to, id) => {
    const line = renderImportCommand('bash', to, id);
    const run = spawnSync('bash', ['-c', line], { env, encoding: 'utf8' });
    expect(JSON.parse(run.stdout)).toEqual(['import', to, id]);
  });

  it.skipIf(!pwsh).each(commandCases)('pwsh: %s', (_n, to, id) => {
    const line = renderImportCommand('powershell', to, id);
    const run = spawnSync('pwsh', ['-NoLogo', '-NoProfile', '-NonInteractive', '-Command', line], {
      env,
      encoding: 'utf8',
    });
    expect(JSON.parse(run.stdout)).toEqual(['import', to, id]);
  });
});
