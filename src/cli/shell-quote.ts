import { printable } from '../report/printable.js';
import { importBlock, renderBlock } from '../terraform/hcl-writer.js';

/** The shells `gcadopt import --commands` writes for. */
export type Shell = 'bash' | 'powershell';

/** A `terraform import` argument for POSIX shells: single quotes, `'` as `'\''`. */
export function quoteBash(arg: string): string {
  return /^[A-Za-z0-9_./:@=-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", "'\\''")}'`;
}

/**
 * A PowerShell verbatim string. PowerShell takes U+2018-U+201B as single
 * quotes too (about_Quoting_Rules), so each of them is doubled like `'`:
 * otherwise a key holding one would end the string and the rest would run.
 */
function quotePowerShell(value: string): string {
  return `'${value.replace(/['\u2018-\u201b]/g, '$&$&')}'`;
}

/** What .NET's char.IsWhiteSpace accepts: where PowerShell's legacy passing adds quotes. */
const whitespace = /[\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/;

/**
 * `value` written for how Windows programs (terraform.exe's Go runtime, like
 * the MSVC runtime) and .NET on Unix split a command line into arguments: `"`
 * toggles quoting, `\"` is a literal quote, backslashes double only before a
 * quote. Each space is quoted on its own (`" "`), so cutting the result at its
 * spaces gives pieces without whitespace, and joining them with single spaces
 * puts every space back inside its quotes.
 */
function encodeCommandLineArgument(value: string): string {
  if (value === '') return '""';
  let out = '';
  let backslashes = 0;
  for (const ch of value) {
    if (ch === '\\') {
      backslashes += 1;
      continue;
    }
    const before = '\\'.repeat(ch === '"' || ch === ' ' ? backslashes * 2 : backslashes);
    out += before + (ch === '"' ? '\\"' : ch === ' ' ? '" "' : ch);
    backslashes = 0;
  }
  return out + '\\'.repeat(backslashes);
}

/**
 * The PowerShell form of a `terraform import` line, or why there is none.
 *
 * Windows PowerShell 5.1 (and 7.0-7.2) build one command line from the
 * arguments ($PSNativeCommandArgumentPassing "Legacy"), quoting one that holds
 * whitespace but never escaping a `"` in it; 7.3+ pass each argument exactly
 * ("Standard", and "Windows" mode for an .exe), so a `\"` written for the old
 * rule reaches Terraform as it is (about_Parsing). No argument holding `"`
 * means the same to both. An address without quotes or whitespace does, and is
 * written plain; any other is passed with the legacy rule chosen for that one
 * command (`& { ... }` keeps the setting local) and written for it: the
 * Windows command-line encoding, cut at its spaces into arguments that hold no
 * whitespace, so neither the 5.1 nor the 7.x binder adds quotes, and PowerShell
 * joins them with exactly those spaces.
 */
function renderPowerShell(args: readonly string[]): { line: string } | { reason: string } {
  if (args.includes('--%')) return { reason: "is PowerShell's stop-parsing token --%" };
  if (args.every((a) => a !== '' && !a.includes('"') && !whitespace.test(a))) {
    return { line: `terraform import ${args.map(quotePowerShell).join(' ')}` };
  }
  // Two spaces in a row would need an empty piece between them, which Legacy drops.
  if (args.some((a) => whitespace.test(a.replaceAll(/(?<! ) (?! )/g, '')))) {
    return { reason: 'holds whitespace other than single spaces, which PowerShell cannot pass' };
  }
  const pieces = args.flatMap((a) => encodeCommandLineArgument(a).split(' '));
  return {
    line: `& { $PSNativeCommandArgumentPassing = 'Legacy'; terraform import ${pieces.map(quotePowerShell).join(' ')} }`,
  };
}

/**
 * One `terraform import ADDRESS ID` command for `shell`, ending in a newline.
 * When no command line would pass the address and id exactly and run nothing
 * else (controls, bidi marks or invalid text in them, or for PowerShell
 * whitespace it cannot pass), the import block to paste instead, after a
 * comment saying why.
 */
export function renderImportCommand(shell: Shell, to: string, id: string): string {
  const args = [to, id];
  const unsafe = (a: string): boolean => printable(a) !== a || /\p{Cs}/u.test(a);
  let why: string | undefined;
  if (args.some(unsafe)) {
    why = 'holds control, bidi or invalid characters a terminal would not show as they are';
  } else if (shell === 'bash') {
    return `terraform import ${args.map(quoteBash).join(' ')}\n`;
  } else {
    const ps = renderPowerShell(args);
    if ('line' in ps) return `${ps.line}\n`;
    why = ps.reason;
  }
  const note = `no ${shell === 'bash' ? 'shell' : 'PowerShell'} command: the address or id ${why}; add this block to a .tf file instead`;
  // `to` is written as it came; a raw control in it must not reach the terminal either.
  return renderBlock(importBlock(to, id, [note]))
    .split('\n')
    .map(printable)
    .join('\n');
}
