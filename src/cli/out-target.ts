import { realpath } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { GcadoptError } from '../errors.js';
import { resolveInside } from './safe-write.js';

/** Where `import` or `generate` writes: standard output, or one `.tf` file of the root module. */
export type OutTarget =
  | { readonly stdout: true }
  | {
      readonly stdout: false;
      /** Absolute path, symlinks resolved in its folder. */
      readonly path: string;
      /** Relative to the root module folder, with `/`. */
      readonly name: string;
    };

/** What decides where a file may go. */
export interface OutTargetOptions {
  /** The folder `--out` is relative to. */
  readonly cwd: string;
  /** The root module folder (DIR). */
  readonly dir: string;
  /** The `--out` value; `-` is standard output. */
  readonly out: unknown;
  /** File name in DIR when there is no `--out`. */
  readonly fallback: string;
  /** Configuration files read, relative to DIR: their folders other than DIR are child modules. */
  readonly files: readonly string[];
}

/**
 * Resolves `--out`. Terraform reads import blocks only from the root module,
 * and reads only the `.tf` files of that folder: a file anywhere else would
 * be ignored (a subfolder), wrong (a child module's folder) or dangerous
 * (outside DIR), so it is refused with the reason.
 */
export async function resolveOutTarget(options: OutTargetOptions): Promise<OutTarget> {
  const { cwd, dir, out } = options;
  if (out === '-') return { stdout: true };
  const shown = typeof out === 'string' ? out : options.fallback;
  const path = typeof out === 'string' ? resolve(cwd, out) : join(dir, options.fallback);
  if (!basename(path).endsWith('.tf')) {
    throw new GcadoptError(
      'write',
      `refusing to write ${shown}: Terraform reads only files ending in .tf`,
      {
        hint: 'name the file *.tf, or pass --out - to print it',
      },
    );
  }
  const parent = await realpath(dirname(path)).catch(() => undefined);
  const root = await realpath(dir).catch(() => resolve(dir));
  const modules = new Set(
    await Promise.all(
      options.files
        .map((f) => dirname(f))
        .filter((d) => d !== '.')
        .map((d) => realpath(resolve(dir, d)).catch(() => resolve(dir, d))),
    ),
  );
  if (parent !== undefined && parent !== root && modules.has(parent)) {
    throw new GcadoptError(
      'write',
      `refusing to write ${shown}: ${relative(root, parent).split('\\').join('/')} is a child module's folder, and import blocks are only valid in the root module`,
      { hint: `write into ${dir} itself (the default), or pass --out - to print` },
    );
  }
  const final = await resolveInside(dir, path);
  if (dirname(final) !== root) {
    throw new GcadoptError(
      'write',
      `refusing to write ${shown}: Terraform reads only the .tf files of ${dir} itself, not of its subfolders`,
      { hint: `write into ${dir} itself (the default), or pass --out - to print` },
    );
  }
  return { stdout: false, path: final, name: basename(final) };
}
