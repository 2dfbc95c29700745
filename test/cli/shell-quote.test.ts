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

/*
 * A model of what happens to a printed command line between the user's paste
 * and Terraform's argv, written from the documented rules:
 * - PowerShell's tokenizer for the one shape gcadopt prints (about_Quoting_Rules:
 *   verbatim strings, where ' and U+2018-U+201B all quote and two in a row are one),
 * - the two ways PowerShell hands arguments to a native program
 *   (about_Parsing, $PSNativeCommandArgumentPassing): Legacy builds one command
 *   line, quoting an argument that holds whitespace (5.1 counts every `"` to
 *   decide; 6+ skips `\"` and doubles trailing backslashes); Standard passes
 *   each argument as it is (on Windows .NET encodes them for the program),
 * - how the program splits the command line: terraform.exe's Go runtime
 *   (`""` inside quotes is a quote and ends them, the pre-2008 MSVCRT rule)
 *   and .NET on Unix for PowerShell 7 in Legacy mode (`""` is a quote and
 *   stays inside, the 2008 rule).
 */

const singleQuotes = "'\u2018\u2019\u201a\u201b";
const isSingleQuote = (c: string | undefined): boolean =>
  c !== undefined && c.length === 1 && singleQuotes.includes(c);

/** The one shape gcadopt prints: `terraform import 'a' 'b' ...`, optionally inside `& { $Pref = 'Mode'; ... }`. */
function tokenize(line: string): { mode: string | undefined; program: string; args: string[] } {
  let pos = 0;
  const expect = (text: string): void => {
    if (!line.startsWith(text, pos)) throw new Error(`expected ${JSON.stringify(text)} at ${pos}`);
    pos += text.length;
  };
  const verbatim = (): string => {
    if (!isSingleQuote(line[pos])) throw new Error(`expected a string at ${pos}`);
    pos += 1;
    let value = '';
    for (;;) {
      const ch = line[pos];
      if (ch === undefined) throw new Error('unterminated string');
      pos += 1;
      if (isSingleQuote(ch)) {
        if (!isSingleQuote(line[pos])) return value;
        value += line[pos];
        pos += 1;
      } else value += ch;
    }
  };
  let mode: string | undefined;
  const wrapped = line.startsWith('& {');
  if (wrapped) {
    expect('& { $PSNativeCommandArgumentPassing = ');
    mode = verbatim();
    expect('; ');
  }
  expect('terraform import');
  const args: string[] = ['import'];
  const end = wrapped ? ' }' : '';
  while (pos < line.length && line.slice(pos) !== end) {
    expect(' ');
    args.push(verbatim());
  }
  expect(end);
  return { mode, program: 'terraform', args };
}

/** char.IsWhiteSpace. */
const isWhiteSpace = (c: string): boolean =>
  /[\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/.test(c);

/** Legacy passing: one command line; `variant` 5 is Windows PowerShell 5.1, 6 is PowerShell 6+. */
function legacyCommandLine(args: readonly string[], variant: 5 | 6): string {
  const parts: string[] = [];
  for (const arg of args) {
    if (arg === '') continue; // Legacy drops empty arguments.
    let quotes = 0;
    let needQuotes = false;
    for (let i = 0; i < arg.length; i++) {
      const c = arg[i] ?? '';
      if (c === '"' && (variant === 5 || arg[i - 1] !== '\\')) quotes += 1;
      else if (isWhiteSpace(c) && quotes % 2 === 0) needQuotes = true;
    }
    if (!needQuotes) parts.push(arg);
    else if (variant === 5) parts.push(`"${arg}"`);
    else parts.push(`"${arg}${(/\\*$/.exec(arg)?.[0] ?? '').toString()}"`);
  }
  return parts.join(' ');
}

/** .NET's PasteArguments (Standard mode on Windows): quote when needed, escape `"` and backslashes before it. */
function pasteArguments(args: readonly string[]): string {
  return args
    .map((arg) => {
      if (arg !== '' && ![...arg].some((c) => c === '"' || isWhiteSpace(c))) return arg;
      return `"${arg.replace(/(\\*)"/g, '$1$1\\"').replace(/(\\+)$/, '$1$1')}"`;
    })
    .join(' ');
}

/** Splits a command line as Go's runtime (`dialect` 'go') or .NET on Unix ('dotnet') does. */
function splitCommandLine(line: string, dialect: 'go' | 'dotnet'): string[] {
  const args: string[] = [];
  let i = 0;
  for (;;) {
    while (line[i] === ' ' || line[i] === '\t') i++;
    if (i >= line.length) return args;
    let arg = '';
    let inQuotes = false;
    while (i < line.length) {
      const c = line[i] ?? '';
      if (c === '\\') {
        let n = 0;
        while (line[i] === '\\') {
          n++;
          i++;
        }
        if (line[i] !== '"') arg += '\\'.repeat(n);
        else {
          arg += '\\'.repeat(n >> 1);
          // An odd count escapes the quote; after an even one it is a real quote, read next.
          if (n % 2 === 1) {
            arg += '"';
            i++;
          }
        }
      } else if (c === '"') {
        if (inQuotes && line[i + 1] === '"') {
          arg += '"';
          i += 2;
          if (dialect === 'go') inQuotes = false;
        } else {
          inQuotes = !inQuotes;
          i++;
        }
      } else if ((c === ' ' || c === '\t') && !inQuotes) break;
      else {
        arg += c;
        i++;
      }
    }
    args.push(arg);
  }
}

/**
 * terraform.exe splits with Go's rules; a line must mean the same under the
 * MSVCRT 2008 rules too (the .NET ones), so no Go release that adopts them
 * changes what Terraform receives.
 */
function splitOnWindows(line: string): string[] {
  const go = splitCommandLine(line, 'go');
  const crt = splitCommandLine(line, 'dotnet');
  return JSON.stringify(go) === JSON.stringify(crt) ? go : ['Go and MSVCRT rules disagree', line];
}

/** The programs' argv in each PowerShell gcadopt supports. */
const environments = {
  'Windows PowerShell 5.1': ({ args }: Parsed) => splitOnWindows(legacyCommandLine(args, 5)),
  'PowerShell 7.2, Windows': ({ args }: Parsed) => splitOnWindows(legacyCommandLine(args, 6)),
  'PowerShell 7.2, Linux': ({ args }: Parsed) =>
    splitCommandLine(legacyCommandLine(args, 6), 'dotnet'),
  'PowerShell 7.4, Windows': ({ mode = 'Windows', args }: Parsed) =>
    splitOnWindows(mode === 'Legacy' ? legacyCommandLine(args, 6) : pasteArguments(args)),
  'PowerShell 7.4, Linux': ({ mode = 'Standard', args }: Parsed) =>
    mode === 'Legacy' ? splitCommandLine(legacyCommandLine(args, 6), 'dotnet') : [...args],
};
type Parsed = ReturnType<typeof tokenize>;

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
  ['no-break space', 'id', 'a\u00a0b', ['powershell']],
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

  it('the model catches what the old quoting got wrong', () => {
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
