import { join } from 'node:path';
import type { Division } from '../genesys/client.js';
import { divisionKind } from '../kinds/division.js';
import type { SourceLocation } from '../model.js';
import type { CommandContext } from './context.js';
import { readInputs } from './inputs.js';

/** A resource of a Terraform folder that manages a live division. */
export interface TerraformOwner {
  readonly address: string;
  /** Where the resource block is, relative to the working folder. */
  readonly source: SourceLocation | undefined;
  /** `state`: the state holds its id; `config`: the configuration names it (or imports it). */
  readonly by: 'state' | 'config';
}

/**
 * The resources of the Terraform folder `dirArg` (its configuration and its
 * state) that manage `division`: by id in state, by import id, by name, and
 * `home = true` for the home division. The next apply writes their values
 * back, so a change made outside Terraform would be reverted.
 */
export async function findTerraformOwners(
  ctx: CommandContext,
  division: Division,
  dirArg: string,
  statePath: string | undefined,
): Promise<TerraformOwner[]> {
  const inputs = await readInputs(ctx, dirArg, { state: statePath });
  const type = divisionKind.tfType;
  const id = division.id.toLowerCase();
  const owners = new Map<string, TerraformOwner>();
  const locate = (source: SourceLocation | undefined): SourceLocation | undefined =>
    source === undefined ? undefined : { ...source, file: join(dirArg, source.file) };
  for (const managed of inputs.managed) {
    if (managed.type !== type || managed.id.toLowerCase() !== id) continue;
    const declared = inputs.desired.find((d) => d.address === managed.address)?.source;
    owners.set(managed.address, {
      address: managed.address,
      source: locate(declared ?? inputs.scan?.locate(managed.address)),
      by: 'state',
    });
  }
  const key = divisionKind.matchKey(division.name);
  for (const desired of inputs.desired) {
    if (desired.type !== type || owners.has(desired.address)) continue;
    const name = desired.attributes.name;
    const claims =
      desired.importId?.toLowerCase() === id ||
      (typeof name === 'string' && divisionKind.matchKey(name) === key) ||
      (division.homeDivision && desired.attributes.home === true);
    if (claims) {
      owners.set(desired.address, {
        address: desired.address,
        source: locate(desired.source),
        by: 'config',
      });
    }
  }
  return [...owners.values()];
}

/** `module.x.genesyscloud_auth_division.y (main.tf:3, in state)`. */
export function describeOwner(owner: TerraformOwner): string {
  const where = owner.source === undefined ? '' : `${owner.source.file}:${owner.source.line}, `;
  return `${owner.address} (${where}${owner.by === 'state' ? 'in state' : 'in the configuration'})`;
}
