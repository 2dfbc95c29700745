import { InputError } from '../errors.js';
import type { Body } from './hcl/ast.js';
import { Cursor } from './hcl/cursor.js';
import { parseHcl } from './hcl/parser.js';

/**
 * The comment line that starts every block gcadopt writes into a file of its
 * own. Whatever lacks it (a block, a comment, a blank line) is the user's and
 * is kept byte for byte.
 */
export const blockMarker = '# gcadopt:';

/** One top-level block of a file gcadopt writes. */
export interface FileBlock {
  readonly type: string;
  readonly labels: readonly string[];
  readonly body: Body;
  /** 1-based line of the block keyword (what the configuration reader reports). */
  readonly line: number;
  /** True when the block carries gcadopt's marker comment. */
  readonly owned: boolean;
  /** The marker line without `# gcadopt:`, trimmed; '' for the user's blocks. */
  readonly marker: string;
  /** Offsets of the block's text: from its marker line (owned) or keyword to after its `}` line. */
  readonly start: number;
  readonly end: number;
}

/** A parsed file: its text and top-level blocks in file order. */
export interface OwnedFile {
  readonly text: string;
  readonly blocks: readonly FileBlock[];
}

/**
 * Splits a file into gcadopt's blocks and the user's, with the byte range of
 * each so that a rewrite can replace the former and keep the latter.
 * Throws an InputError when the file does not parse.
 */
export function readOwnedFile(text: string, path: string): OwnedFile {
  const parsed = parseHcl(text, path);
  const starts = [
    ...parsed.body.blocks.map((b) => b.start),
    ...[...parsed.body.attributes.values()].map((a) => a.start),
  ].sort((a, b) => a - b);
  const blocks = parsed.body.blocks.map((block): FileBlock => {
    const bound = starts.find((s) => s > block.start) ?? text.length;
    const close = findClose(text, path, block.start, bound);
    const end = close + (/^[ \t]*\r?\n/.exec(text.slice(close))?.[0].length ?? 0);
    const marker = findMarker(text, block.start);
    const markerEnd = marker === undefined ? -1 : text.indexOf('\n', marker);
    return {
      type: block.type,
      labels: block.labels,
      body: block.body,
      line: parsed.lineOf(block.start),
      owned: marker !== undefined,
      marker: marker === undefined ? '' : text.slice(marker + blockMarker.length, markerEnd).trim(),
      start: marker ?? block.start,
      end,
    };
  });
  return { text, blocks };
}

/**
 * The offset just after a block's closing brace. The parser gives starts only:
 * the brace is the first `}` after which nothing but blanks and comments comes
 * before the next top-level item, and whose block parses on its own (a `}` in
 * a string followed by a comment opener cannot fool it).
 */
function findClose(text: string, path: string, start: number, bound: number): number {
  for (let p = text.indexOf('}', start); p >= 0 && p < bound; p = text.indexOf('}', p + 1)) {
    const rest = new Cursor(text.slice(p + 1, bound), path);
    try {
      rest.skip(true);
    } catch {
      continue;
    }
    if (!rest.eof()) continue;
    try {
      if (parseHcl(text.slice(start, p + 1), path).body.blocks.length === 1) return p + 1;
    } catch {
      // Not this brace: it sits inside a string or a comment of the block.
    }
  }
  throw new InputError(`${path}: cannot find the end of the block at offset ${start}`);
}

/** The offset of the marker line among the comment lines right above a block, if any. */
function findMarker(text: string, blockStart: number): number | undefined {
  if (blockStart > 0 && text[blockStart - 1] !== '\n') return undefined;
  let lineStart = blockStart;
  while (lineStart > 0) {
    const above = text.lastIndexOf('\n', lineStart - 2) + 1;
    const line = text.slice(above, lineStart - 1).replace(/\r$/, '');
    if (!line.startsWith('#')) return undefined;
    if (line.startsWith(blockMarker)) return above;
    lineStart = above;
  }
  return undefined;
}

/**
 * The file with the owned blocks `drop` removed (each with one blank line
 * beside it) and `added` rendered blocks appended, one blank line apart.
 * Everything else stays byte for byte.
 */
export function rewriteOwnedFile(
  file: OwnedFile,
  drop: ReadonlySet<FileBlock>,
  added: readonly string[],
): string {
  let text = '';
  let pos = 0;
  for (const block of file.blocks) {
    if (!drop.has(block)) continue;
    let start = block.start;
    let end = block.end;
    const blankAfter = /^\r?\n/.exec(file.text.slice(end))?.[0].length ?? 0;
    if (blankAfter > 0) end += blankAfter;
    else if (/\n\r?\n$/.test(file.text.slice(pos, start)))
      start -= file.text[start - 2] === '\r' ? 2 : 1;
    text += file.text.slice(pos, start);
    pos = end;
  }
  text += file.text.slice(pos);
  if (added.length === 0) return text;
  if (text !== '' && !text.endsWith('\n')) text += '\n';
  const gap = text === '' || /\n\r?\n$/.test(text) ? '' : '\n';
  return text + gap + added.join('\n');
}
