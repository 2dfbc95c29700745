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
export function tokenize(line: string): {
  mode: string | undefined;
  program: string;
  args: string[];
} {
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
    else parts.push(`"${arg}${/\\*$/.exec(arg)?.[0] ?? ''}"`);
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
export const environments = {
  'Windows PowerShell 5.1': ({ args }: Parsed) => splitOnWindows(legacyCommandLine(args, 5)),
  'PowerShell 7.2, Windows': ({ args }: Parsed) => splitOnWindows(legacyCommandLine(args, 6)),
  'PowerShell 7.2, Linux': ({ args }: Parsed) =>
    splitCommandLine(legacyCommandLine(args, 6), 'dotnet'),
  'PowerShell 7.4, Windows': ({ mode = 'Windows', args }: Parsed) =>
    splitOnWindows(mode === 'Legacy' ? legacyCommandLine(args, 6) : pasteArguments(args)),
  'PowerShell 7.4, Linux': ({ mode = 'Standard', args }: Parsed) =>
    mode === 'Legacy' ? splitCommandLine(legacyCommandLine(args, 6), 'dotnet') : [...args],
};
/** A printed line as PowerShell reads it. */
export type Parsed = ReturnType<typeof tokenize>;
