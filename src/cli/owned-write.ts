import { GcadoptError } from '../errors.js';
import { renderBlock, renderFile, type HclBlock } from '../terraform/hcl-writer.js';
import {
  readOwnedFile,
  rewriteOwnedFile,
  type FileBlock,
  type OwnedFile,
} from '../terraform/owned-file.js';
import type { CommandContext } from './context.js';
import type { OutTarget } from './out-target.js';
import { ownedMarker, readIfExists, writeAtomic } from './safe-write.js';

/** A file gcadopt writes, as it is now. */
export interface CurrentFile {
  /** Undefined when the file does not exist yet (or output goes to stdout). */
  readonly file: OwnedFile | undefined;
  /** gcadopt's blocks in it. */
  readonly owned: readonly FileBlock[];
}

/** Leading comment lines name gcadopt as the writer; a user's comment above them is fine. */
function isOwnedText(text: string): boolean {
  for (const line of text.replace(/^\ufeff/, '').split('\n')) {
    if (line.startsWith(ownedMarker)) return true;
    if (line.trim() !== '' && !line.trimStart().startsWith('#')) return false;
  }
  return false;
}

/**
 * Reads the target file, refusing one gcadopt did not write or one that no
 * longer parses (rewriting it could lose what the user typed).
 */
export async function readCurrentFile(target: OutTarget): Promise<CurrentFile> {
  if (target.stdout) return { file: undefined, owned: [] };
  const text = await readIfExists(target.path);
  if (text === undefined) return { file: undefined, owned: [] };
  if (!isOwnedText(text)) {
    throw new GcadoptError(
      'write',
      `refusing to overwrite ${target.name}: gcadopt did not write it`,
      {
        hint: 'pass --out with another file name, or move that file away',
      },
    );
  }
  let file: OwnedFile;
  try {
    file = readOwnedFile(text, target.name);
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new GcadoptError(
      'write',
      `refusing to rewrite ${target.name}: it does not parse (${reason})`,
      {
        hint: 'fix the file (terraform validate shows where), then run again',
        cause,
      },
    );
  }
  return { file, owned: file.blocks.filter((b) => b.owned) };
}

/** What a rewrite does, for the summary line. */
export interface Merge {
  readonly content: string;
  readonly changed: boolean;
  readonly added: number;
  readonly kept: number;
  readonly removed: number;
  readonly user: number;
}

/**
 * The new text: `drop` removed, `added` appended (blocks, or blocks rendered
 * by renderBlock); a new file gets `header`.
 */
export function mergeFile(
  current: CurrentFile,
  header: readonly string[],
  drop: ReadonlySet<FileBlock>,
  added: readonly (HclBlock | string)[],
): Merge {
  const rendered = added.map((b) => (typeof b === 'string' ? b : renderBlock(b)));
  const content =
    current.file === undefined
      ? renderFile(rendered, header)
      : rewriteOwnedFile(current.file, drop, rendered);
  return {
    content,
    changed: current.file === undefined ? added.length > 0 : content !== current.file.text,
    added: added.length,
    kept: current.owned.length - drop.size,
    removed: drop.size,
    user: (current.file?.blocks.length ?? 0) - current.owned.length,
  };
}

/** `imports.tf: 3 block(s) added, 12 kept, 2 user block(s) untouched`. */
export function describeMerge(name: string, merge: Merge): string {
  const parts = [`${merge.added} block(s) added`, `${merge.kept} kept`];
  if (merge.removed > 0) parts.push(`${merge.removed} removed`);
  parts.push(`${merge.user} user block(s) untouched`);
  return `${name}: ${parts.join(', ')}`;
}

/**
 * Prints (stdout, --dry-run) or writes the merged file, and says what
 * changed. Returns false when there was nothing to write.
 */
export async function writeMerge(
  ctx: CommandContext,
  target: OutTarget,
  merge: Merge,
  dryRun: boolean,
): Promise<boolean> {
  if (target.stdout) {
    if (merge.added > 0) ctx.io.stdout.write(merge.content);
    return merge.added > 0;
  }
  if (dryRun) {
    if (merge.changed) ctx.io.stdout.write(merge.content);
    ctx.io.stderr.write(`dry run: ${describeMerge(target.name, merge)}; nothing written\n`);
    return false;
  }
  if (!merge.changed) return false;
  await writeAtomic(target.path, merge.content);
  ctx.io.stdout.write(`${describeMerge(target.name, merge)}\n`);
  return true;
}
