import { knownTypes } from '../../kinds/index.js';
import {
  configAddress,
  formatAddress,
  formatKey,
  parseAddress,
  type ResourceAddress,
} from '../../terraform/address.js';
import type { Body, Expr } from '../../terraform/hcl/ast.js';
import { resolveImportTarget } from '../../terraform/hcl-writer.js';
import type { FileBlock } from '../../terraform/owned-file.js';
import type { Inputs } from '../inputs.js';

/** A resource instance of the configuration; `[*]` or `unknownInstances` when its keys are unknown. */
interface Instance {
  readonly address: string;
  readonly unknownInstances?: string | undefined;
}

/** The address in an import block's `to`, when it is a plain traversal with literal keys. */
export function importTarget(body: Body): string[] {
  const to = body.attributes.get('to');
  if (to === undefined) return [];
  let text = '';
  let e: Expr = to.expr;
  for (;;) {
    if (e.k === 'var') {
      text = e.name + text;
      break;
    }
    if (e.k === 'attr') text = `.${e.name}${text}`;
    else if (
      e.k === 'index' &&
      e.key.k === 'lit' &&
      (typeof e.key.value === 'string' || typeof e.key.value === 'number')
    )
      text = formatKey(e.key.value) + text;
    else return [];
    e = e.obj;
  }
  try {
    return [resolveImportTarget(text)];
  } catch {
    return [];
  }
}

/**
 * gcadopt's import blocks that must go, with the reason: the address is no
 * longer an instance of the configuration (Terraform refuses an import to an
 * address the configuration does not declare), or an import block of the
 * user's now targets it (two would be a duplicate). Without a configuration,
 * or when its instances are unknown, nothing is removed.
 */
export function staleImports(
  owned: readonly FileBlock[],
  inputs: Inputs,
  fileName: string,
): Map<FileBlock, string> {
  const stale = new Map<FileBlock, string>();
  // With --plan the plan is the truth (it may use other variables than DIR's files).
  const instances: readonly Instance[] | undefined =
    inputs.mode === 'plan'
      ? inputs.desired.filter((d) => d.action !== 'delete')
      : inputs.scan?.resources;
  if (instances === undefined) return stale;
  const ownLines = new Set(owned.map((b) => b.line));
  const userTargets = new Set(
    inputs.imports
      .filter((i) => !(i.source.file === fileName && ownLines.has(i.source.line)))
      .map((i) => i.to),
  );
  for (const block of owned) {
    if (block.type !== 'import') continue;
    const [to] = importTarget(block.body);
    if (to === undefined) continue;
    if (userTargets.has(to)) stale.set(block, `another import block targets ${to}`);
    else if (isGone(parseAddress(to), instances))
      stale.set(block, `${to} is no longer an instance of the configuration`);
  }
  return stale;
}

/**
 * True only when the resource block still exists, all its instances are
 * known, and none is this address (a removed for_each or count key).
 */
function isGone(target: ResourceAddress, instances: readonly Instance[]): boolean {
  if (!knownTypes.has(target.type)) return false;
  const block = configAddress(target);
  const address = formatAddress(target);
  let found = false;
  for (const r of instances) {
    const wildcard = r.address.endsWith('[*]');
    let parsed: ResourceAddress;
    try {
      parsed = parseAddress(wildcard ? r.address.slice(0, -3) : r.address);
    } catch {
      return false;
    }
    if (configAddress(parsed) !== block) continue;
    if (wildcard || r.unknownInstances !== undefined) return false;
    const sameShape = parsed.module.every(
      (m, i) => (m.key === undefined) === (target.module[i]?.key === undefined),
    );
    if (!sameShape || formatAddress(parsed) === address) return false;
    found = true;
  }
  return found;
}
