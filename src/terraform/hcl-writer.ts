import { InputError } from '../errors.js';
import { formatAddress, parseAddress } from './address.js';
import { graphemeSegments } from './graphemes.js';
import { quoteHclString } from './hcl-string.js';

/** A value the printer can write. */
export type HclValue =
  string | number | boolean | null | readonly HclValue[] | { readonly [key: string]: HclValue };

/**
 * An attribute, or a raw expression such as a resource address (written
 * unquoted: build one with {@link resourceReference}, never from raw text).
 * `comment` is a `#` comment after a single-line value.
 */
export type HclAttribute = (
  | { readonly name: string; readonly value: HclValue }
  | { readonly name: string; readonly expression: string }
) & { readonly comment?: string | undefined };

/** One top-level block, e.g. `resource "t" "n" { ... }` or `import { ... }`. */
export interface HclBlock {
  readonly type: string;
  readonly labels?: readonly string[] | undefined;
  readonly attributes: readonly HclAttribute[];
  /** `# ...` lines written above the block. */
  readonly comments?: readonly string[] | undefined;
}

const identifier = /^[A-Za-z_][A-Za-z0-9_-]*$/;
/** A managed resource of the root module: `type.name`, the type neither `data` nor `module`. */
const plainAddress = /^(?!(?:data|module)\.)[A-Za-z_][A-Za-z0-9_-]*\.[A-Za-z_][A-Za-z0-9_-]*$/;

function renderValue(value: HclValue, indent: string): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return quoteHclString(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`cannot write ${value} in HCL`);
    return String(value);
  }
  if (typeof value === 'boolean') return String(value);
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    const items = value as readonly HclValue[];
    if (items.length === 0) return '[]';
    return `[\n${items.map((v) => `${inner}${renderValue(v, inner)},`).join('\n')}\n${indent}]`;
  }
  const entries = Object.entries(value as Record<string, HclValue>).sort(([a], [b]) =>
    a < b ? -1 : a > b ? 1 : 0,
  );
  if (entries.length === 0) return '{}';
  // Keys are always quoted: a bare key such as `for` or `if` would not parse.
  const lines = entries.map(([k, v]) => [quoteHclString(k), renderValue(v, inner)] as const);
  return `{\n${align(lines, inner).join('\n')}\n${indent}}`;
}

/** Columns as hclwrite counts them for alignment: grapheme clusters. */
function columns(text: string): number {
  if (/^[\x20-\x7e]*$/.test(text)) return text.length;
  let n = 0;
  for (const _ of graphemeSegments(text)) n += 1;
  return n;
}

/**
 * `terraform fmt` alignment: within a run of consecutive single-line
 * attributes the `=` signs line up; an attribute whose value spans lines
 * stands alone and ends the run.
 */
function align(lines: readonly (readonly [string, string, string?])[], indent: string): string[] {
  const out: string[] = [];
  let run: (readonly [string, string, string?])[] = [];
  const flush = (): void => {
    const keys = run.map(([k]) => columns(k));
    const width = Math.max(0, ...keys);
    const assign = (i: number): string => {
      const [k = '', v = ''] = run[i] ?? [];
      return `${k}${' '.repeat(width - (keys[i] ?? 0))} = ${v}`;
    };
    for (let i = 0; i < run.length;) {
      if (run[i]?.[2] === undefined) {
        out.push(`${indent}${assign(i)}`);
        i += 1;
        continue;
      }
      // hclwrite lines up the comments of consecutive commented lines, one space after the longest.
      const chain: [string, string][] = [];
      for (; run[i]?.[2] !== undefined; i += 1) chain.push([assign(i), run[i]?.[2] ?? '']);
      const at = Math.max(0, ...chain.map(([a]) => columns(a)));
      for (const [a, c] of chain) out.push(`${indent}${a}${' '.repeat(at - columns(a))} ${c}`);
    }
    run = [];
  };
  for (const line of lines) {
    if (line[1].includes('\n')) {
      flush();
      out.push(`${indent}${line[0]} = ${line[1]}`);
    } else {
      run.push(line);
    }
  }
  flush();
  return out;
}

/** What a comment shows as it is: letters, marks, numbers, punctuation, symbols, spaces. */
const unprintable = /[^\p{L}\p{M}\p{N}\p{P}\p{S} ]/gu;
const printableAscii = /^[\x20-\x7e]*$/;

/**
 * A `#` comment that stays one line and shows what it holds: line breaks
 * become spaces; other non-printable code points (a bidi override could make
 * the file read differently from what it is) are shown as `\uNNNN`.
 */
function commentLine(text: string): string {
  // Most comments are plain ASCII: `generate` writes one per object.
  const shown = printableAscii.test(text)
    ? text
    : text
        .replace(/[\r\n\u2028\u2029]+/g, ' ')
        .replace(
          unprintable,
          (ch) => `\\u${(ch.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}`,
        );
  return `# ${shown}`.trimEnd();
}

/** One block in canonical layout. */
export function renderBlock(block: HclBlock): string {
  for (const a of block.attributes) {
    if (!identifier.test(a.name)) throw new Error(`invalid attribute name ${a.name}`);
  }
  const head = [block.type, ...(block.labels ?? []).map((l) => quoteHclString(l))].join(' ');
  const lines = block.attributes.map((a) => {
    const value = 'expression' in a ? a.expression : renderValue(a.value, '  ');
    if (a.comment === undefined) return [a.name, value] as const;
    if (value.includes('\n')) throw new Error(`cannot comment the multi-line ${a.name}`);
    return [a.name, value, commentLine(a.comment)] as const;
  });
  // One join: a flat string, not a tree of pieces (generate keeps thousands until it writes).
  return [
    ...(block.comments ?? []).map(commentLine),
    `${head} {`,
    ...align(lines, '  '),
    '}\n',
  ].join('\n');
}

/**
 * A whole file: blocks (or blocks already rendered by renderBlock) separated
 * by one blank line, LF endings, a trailing newline.
 */
export function renderFile(
  blocks: readonly (HclBlock | string)[],
  header: readonly string[] = [],
): string {
  const top = header.length === 0 ? '' : `${header.map(commentLine).join('\n')}\n\n`;
  return top + blocks.map((b) => (typeof b === 'string' ? b : renderBlock(b))).join('\n');
}

/**
 * The address an import block may target, as Terraform prints it. `to` is
 * written unquoted, so a label from a plan or a `.tf.json` file that is not an
 * identifier (`x\n}\nresource ...`) could inject HCL: every segment is checked
 * and keys are re-quoted. Throws an InputError for anything else.
 */
export function resolveImportTarget(to: string): string {
  // `type.name` in the root module prints as it reads (`generate` writes thousands).
  if (plainAddress.test(to)) return to;
  let address;
  try {
    address = parseAddress(to);
  } catch (cause) {
    throw new InputError(
      `refusing to write an import block to ${JSON.stringify(to)}: it is not a valid resource address`,
      {
        hint: 'module, type and resource names must be a letter or _ then letters, digits, _ or -',
        cause,
      },
    );
  }
  if (address.mode !== 'managed') {
    throw new InputError(`refusing to write an import block to ${to}: it is a data source`);
  }
  return formatAddress(address);
}

/**
 * `ADDRESS.ATTRIBUTE` as an expression, e.g. `genesyscloud_auth_division.sales.id`:
 * a reference Terraform resolves (and orders the apply by), where a string would
 * only copy today's value. Only a managed resource of the root module can be
 * referenced from a root-module file; the address is parsed and re-printed, so
 * no text of a label or key reaches the file unescaped. Throws an InputError
 * for anything else.
 */
export function resourceReference(address: string, attribute: string): string {
  let parsed;
  try {
    parsed = parseAddress(address);
  } catch (cause) {
    throw new InputError(`cannot refer to ${JSON.stringify(address)}: not a resource address`, {
      cause,
    });
  }
  if (parsed.mode !== 'managed' || parsed.module.length > 0)
    throw new InputError(`cannot refer to ${address}: not a resource of the root module`);
  if (!identifier.test(attribute)) throw new Error(`invalid attribute name ${attribute}`);
  return `${formatAddress(parsed)}.${attribute}`;
}

/** An `import { to = ADDRESS  id = "ID" }` block (Terraform 1.5+); refuses an invalid address. */
export function importBlock(to: string, id: string, comments: readonly string[] = []): HclBlock {
  return {
    type: 'import',
    comments,
    attributes: [
      { name: 'to', expression: resolveImportTarget(to) },
      { name: 'id', value: id },
    ],
  };
}
