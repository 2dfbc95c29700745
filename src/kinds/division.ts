import type { GenesysClient } from '../genesys/client.js';
import { isUnknown, type Attributes, type LiveObject } from '../model.js';
import type { AttributeChange } from '../preflight/types.js';
import type { Kind } from './kind.js';

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/** `genesyscloud_auth_division`: divisions, with the home-division rules of the provider. */
export const divisionKind: Kind = {
  tfType: 'genesyscloud_auth_division',
  noun: 'division',
  plural: 'divisions',

  async list(client: GenesysClient, options) {
    const divisions = await client.divisions.list({ signal: options.signal });
    return divisions.map((d) => ({
      id: d.id,
      name: d.name,
      attributes: { name: d.name, description: d.description ?? null, home: d.homeDivision },
    }));
  },

  desiredName(attributes) {
    return attributes.name;
  },

  // The platform refuses a second division whose name differs only by case or
  // surrounding spaces, as far as anyone has observed (genesys-api.md marks the
  // exact rule unverified): such a name collides.
  matchKey(name) {
    return name.trim().toLowerCase();
  },

  compare(desired: Attributes, live: LiveObject): AttributeChange[] {
    const changes: AttributeChange[] = [];
    // Terraform sends a configuration's strings in Unicode NFC.
    const name = typeof desired.name === 'string' ? desired.name.normalize('NFC') : undefined;
    if (name !== undefined && name !== live.name) {
      changes.push({ attribute: 'name', live: live.name, desired: name });
    }
    const description = desired.description;
    // The provider writes an unset description as "" and reads "" back as unset:
    // null and "" are the same description.
    if (
      !isUnknown(description) &&
      (text(description) ?? '') !== (text(live.attributes.description) ?? '')
    ) {
      changes.push({
        attribute: 'description',
        live: text(live.attributes.description),
        desired: text(description),
      });
    }
    return changes;
  },

  toConfig(live) {
    const description = text(live.attributes.description);
    return {
      name: live.name,
      ...(description === null || description === '' ? {} : { description }),
      ...(live.attributes.home === true ? { home: true } : {}),
    };
  },

  // `home = true` makes the provider adopt the org's home division and PUT the
  // configured name/description onto it instead of POSTing a new division.
  adopts(desired, live) {
    return desired.home === true ? live.find((l) => l.attributes.home === true) : undefined;
  },

  // Importing the home division into a block without `home = true` makes the
  // next plan a replacement (`home` is ForceNew) whose create POSTs a second
  // division with the home name: the fix is `home = true`, never an import.
  collision(desired, live) {
    if (live.attributes.home !== true || desired.home === true) return undefined;
    return {
      kind: 'home',
      message: `"${live.name}" is the org's home division: the provider can only manage it with home = true (an import would be replaced on the next plan)`,
      fix: { set: { home: true } },
    };
  },

  singleton(desired) {
    return desired.home === true ? 'home = true' : undefined;
  },
};
