import type { Kind } from '../kinds/kind.js';
import type { DesiredResource } from '../model.js';
import {
  formatAddress,
  moduleAddress,
  parseAddress,
  type ResourceAddress,
} from '../terraform/address.js';
import type { Draft, ImportBlock } from './engine.js';

/**
 * Import blocks whose target the configuration does not declare: Terraform
 * refuses the whole plan ("Configuration for import target does not exist").
 * Only targets gcadopt can judge are reported: a kind it checks, in a module
 * instance it read, of a resource whose instances are known. A remote module
 * or an unknown `for_each` leaves the question open, and open is not an error.
 */
export function findOrphanImports(
  imports: readonly ImportBlock[],
  desired: readonly DesiredResource[],
  kinds: ReadonlyMap<string, Kind>,
): Draft[] {
  if (imports.length === 0) return [];
  const addresses = new Set(desired.map((d) => d.address));
  const modules = new Set<string>(['']);
  for (const d of desired) {
    const parsed = parse(d.address.replace(/\[\*\]$/, ''));
    if (parsed !== undefined) modules.add(moduleAddress(parsed));
  }
  const drafts: Draft[] = [];
  for (const block of imports) {
    const target = parse(block.to);
    const kind = target === undefined ? undefined : kinds.get(target.type);
    if (target === undefined || kind === undefined || target.mode !== 'managed') continue;
    if (addresses.has(block.to) || !modules.has(moduleAddress(target))) continue;
    const resource = formatAddress({ ...target, key: undefined });
    if (addresses.has(`${resource}[*]`)) continue;
    const declared = [...addresses].some((a) => a === resource || a.startsWith(`${resource}[`));
    drafts.push({
      kind: 'import-orphan',
      type: kind.tfType,
      address: block.to,
      source: block.source,
      message: declared
        ? `an import block targets ${block.to}, which is not an instance of ${resource} in the configuration: terraform plan would refuse it (remove the block, or add the key)`
        : `an import block targets ${block.to}, which the configuration does not declare: terraform plan would refuse it ("Configuration for import target does not exist")`,
    });
  }
  return drafts;
}

function parse(address: string): ResourceAddress | undefined {
  try {
    return parseAddress(address);
  } catch {
    return undefined;
  }
}
