import { InputError } from '../../errors.js';
import type { SourceLocation } from '../../model.js';
import type { Block, Expr } from '../hcl/ast.js';
import { evaluate } from './evaluate.js';
import { constantScope } from './variables.js';

/** Where a root module says its state lives: `terraform { backend "x" {} }` or `terraform { cloud {} }`. */
export interface ConfigBackend {
  /** The backend type (`local`, `s3`, `remote`, ...), or `cloud` for a `cloud` block (HCP Terraform). */
  readonly type: string;
  /** A local backend's `path`. @default terraform.tfstate */
  readonly path?: string | undefined;
  /** A local backend's `workspace_dir`. @default terraform.tfstate.d */
  readonly workspaceDir?: string | undefined;
  /** The block that says so. */
  readonly source: SourceLocation;
}

/**
 * The backend a `terraform` block declares, in native syntax (`backend "s3"
 * {}` blocks) or JSON syntax (a `backend` object keyed by type), if any.
 */
export function findBackend(
  block: Block,
  file: string,
  lineOf: (offset: number) => number,
): ConfigBackend | undefined {
  const source = (start: number): SourceLocation => ({ file, line: lineOf(start) });
  for (const inner of block.body.blocks) {
    if (inner.type === 'cloud') return { type: 'cloud', source: source(inner.start) };
    if (inner.type === 'backend' && inner.labels[0] !== undefined) {
      const at = source(inner.start);
      const setting = (name: string): string | undefined =>
        readSetting(inner.body.attributes.get(name)?.expr, name, at);
      return {
        type: inner.labels[0],
        path: setting('path'),
        workspaceDir: setting('workspace_dir'),
        source: at,
      };
    }
  }
  const cloud = block.body.attributes.get('cloud');
  if (cloud !== undefined) return { type: 'cloud', source: source(cloud.start) };
  const backend = block.body.attributes.get('backend')?.expr;
  const first = backend?.k === 'object' ? backend.items[0] : undefined;
  if (first === undefined || first.key.k !== 'lit' || typeof first.key.value !== 'string')
    return undefined;
  const at = source(first.key.start);
  const setting = (name: string): string | undefined => {
    const item =
      first.value.k === 'object'
        ? first.value.items.find((i) => i.key.k === 'lit' && i.key.value === name)
        : undefined;
    return readSetting(item?.value, name, at);
  };
  return {
    type: first.key.value,
    path: setting('path'),
    workspaceDir: setting('workspace_dir'),
    source: at,
  };
}

/** Backend settings are literals (Terraform allows no references there). */
function readSetting(expr: Expr | undefined, name: string, at: SourceLocation): string | undefined {
  if (expr === undefined) return undefined;
  const value = evaluate(expr, constantScope);
  if (value === null) return undefined;
  if (typeof value !== 'string')
    throw new InputError(`${at.file}:${at.line}: the backend's ${name} must be a string`, {
      file: at.file,
    });
  return value;
}
