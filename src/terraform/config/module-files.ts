import type { Dirent } from 'node:fs';
import { readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { InputError } from '../../errors.js';
import { maxConfigBytes, readTextFileSync } from '../../read-text-file.js';
import type { Block, Expr } from '../hcl/ast.js';
import { parseAttributeAt, parseHcl } from '../hcl/parser.js';
import { findBackend, type ConfigBackend } from './backend-block.js';
import { parseJsonConfig } from './json-config.js';

/** A block with the file it came from (path relative to the scanned root, `/`-separated). */
export interface SourcedBlock {
  readonly block: Block;
  readonly file: string;
  readonly line: number;
}

/** The parsed configuration files of one module folder. */
export interface ModuleFiles {
  readonly dir: string;
  readonly files: readonly string[];
  readonly blocks: readonly SourcedBlock[];
  /** The module's local values by name; each expression is built when first asked for. */
  readonly locals: ReadonlyMap<string, () => Expr>;
  /** The `backend` or `cloud` block of a `terraform` block, if any. */
  readonly backend: ConfigBackend | undefined;
}

const toPosix = (p: string): string => p.split(sep).join('/');

/** A function naming a folder's files relative to the scanned root, `/`-separated. */
function displayPaths(root: string, dir: string): (name: string) => string {
  const folder = toPosix(relative(root, dir));
  return folder === '' ? (name) => name : (name) => `${folder}/${name}`;
}

/**
 * A local value's expression. The file was parsed whole (so every syntax
 * error is found), but only the offset is kept: locals are often large maps
 * no resource refers to, and holding their trees costs memory and collection
 * time. The tree is built again on first use.
 */
function lazyLocal(text: string, path: string, start: number): () => Expr {
  let expr: Expr | undefined;
  return () => (expr ??= parseAttributeAt(text, path, start));
}

/**
 * What Terraform reads: `.tf` and `.tf.json` names, except hidden ones (an
 * editor's `.#main.tf` lock is a dangling symlink). Symlinks are followed,
 * as Terraform does; what is not a regular file is refused when read.
 */
function isConfigFile(entry: Dirent): boolean {
  return !entry.isDirectory() && /\.tf(\.json)?$/.test(entry.name) && !entry.name.startsWith('.');
}

/**
 * Parses every `.tf` and `.tf.json` file of a module folder (not its
 * subfolders: those are modules only when called). Every read and syntax
 * error of the folder is collected before failing.
 */
export async function readModuleFiles(
  dir: string,
  root: string,
  types?: ReadonlySet<string>,
): Promise<ModuleFiles> {
  let names: string[];
  try {
    // Listed synchronously, like the files are read: an asynchronous listing
    // waits for a thread of the pool, which a busy machine may not give at once.
    names = readdirSync(dir, { withFileTypes: true })
      .filter(isConfigFile)
      .map((e) => e.name);
  } catch (cause) {
    throw new InputError(`cannot read the configuration folder ${dir}`, { file: dir, cause });
  }
  names.sort();
  // One turn of the event loop per folder: answers to requests already made
  // (a listing started early) are taken in while the scan goes on.
  await new Promise((resolve) => setImmediate(resolve));
  const files: string[] = [];
  const blocks: SourcedBlock[] = [];
  const locals = new Map<string, () => Expr>();
  const displayPath = displayPaths(root, dir);
  const problems: string[] = [];
  let backend: ConfigBackend | undefined;
  // Read synchronously: a folder holds many small files, and each asynchronous
  // read costs four trips through the thread pool (open, stat, read, close)
  // plus their promises, several times the cost of the read itself.
  for (let i = 0; i < names.length; i += 64) {
    const batch = names.slice(i, i + 64);
    const texts = batch.map((name): unknown => {
      try {
        return readTextFileSync(join(dir, name), {
          what: 'configuration file',
          maxBytes: maxConfigBytes,
          display: displayPath(name),
        });
      } catch (error) {
        return error;
      }
    });
    batch.forEach((name, j) => {
      const rel = displayPath(name);
      try {
        const text = texts[j];
        if (typeof text !== 'string') throw text;
        const json = name.endsWith('.json');
        const file = json ? parseJsonConfig(text, rel) : parseHcl(text, rel, { lazyLocals: true });
        files.push(file.path);
        for (const block of file.body.blocks) {
          if (block.type === 'locals') {
            for (const [local, attr] of block.body.attributes)
              locals.set(local, json ? () => attr.expr : lazyLocal(text, rel, attr.start));
          } else if (block.type === 'terraform')
            backend ??= findBackend(block, file.path, (o) => file.lineOf(o));
          const kept = keep(block, types);
          if (kept !== undefined)
            blocks.push({ block: kept, file: file.path, line: file.lineOf(block.start) });
        }
      } catch (error) {
        if (isStackOverflow(error)) {
          problems.push(`${rel}: expressions nest too deeply to read`);
          return;
        }
        if (!(error instanceof InputError)) throw error;
        problems.push(error.message);
      }
    });
  }
  if (problems.length > 0) {
    throw new InputError(
      problems.length === 1
        ? (problems[0] ?? '')
        : `${problems.length} files have errors: ${problems.join('; ')}`,
      { problems },
    );
  }
  return { dir, files, blocks, locals, backend };
}

/** The parsers recurse into nested expressions; a file nested thousands deep exhausts the stack. */
function isStackOverflow(error: unknown): boolean {
  return error instanceof RangeError && /call stack/i.test(error.message);
}

const evaluated = new Set(['variable', 'module', 'import']);

/**
 * What evaluation needs of a block besides locals: variables, module calls, imports
 * and the resources of the types asked for. Everything else (other resources,
 * outputs, data sources, providers) is dropped right after parsing, so a large
 * tree is not held in memory.
 */
function keep(block: Block, types: ReadonlySet<string> | undefined): Block | undefined {
  if (evaluated.has(block.type)) return block;
  if (block.type !== 'resource') return undefined;
  return types === undefined || types.has(block.labels[0] ?? '') ? block : undefined;
}
