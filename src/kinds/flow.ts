import type { Attributes } from '../model.js';
import { defineKind } from './define-kind.js';
import type { Kind } from './kind.js';
import { readFlowDefinition } from './flow-yaml.js';

// Marks attributes whose name and type were read from the flow's YAML; not an
// HCL identifier, so no attribute of the provider can ever hold it.
const fromYaml = '#yaml';

const base = defineKind({
  tfType: 'genesyscloud_flow',
  family: { path: '/api/v2/flows', noun: 'flow', plural: 'flows' },
  attributes: { type: { read: (e) => (typeof e.type === 'string' ? e.type : null) } },
  lookup: { filter: 'name' },
});

/**
 * `genesyscloud_flow`: the provider never POSTs a flow. Its create registers
 * an Architect job and uploads the YAML, and the job resolves the flow by the
 * name and type inside the file: an existing flow of that name and type is
 * silently overwritten and republished, with no 409 to stop the apply. So a
 * flow's key is name + type, read from the YAML at `filepath` after
 * `substitutions` (the resource's own `name` and `type` are for export only).
 */
export const flowKind: Kind = {
  ...base,
  desiredName: (attributes) =>
    attributes[fromYaml] === true
      ? attributes.name
      : { unknown: "its YAML file was not read (only check and import read the flow's file)" },
  namespace: (attributes) => (typeof attributes.type === 'string' ? attributes.type : undefined),
  takeover: (live) =>
    `the apply would overwrite and republish this ${String(live.attributes.type ?? '')} flow from the YAML file (no 409 stops it)`,
  async readFiles(attributes, root): Promise<Attributes> {
    const found = await readFlowDefinition(attributes, root);
    // The name and type the provider reads back into state after the job.
    return 'unknown' in found
      ? { ...attributes, [fromYaml]: true, name: found, type: found }
      : { ...attributes, [fromYaml]: true, name: found.name, type: found.type };
  },
  noGenerate:
    "a genesyscloud_flow block needs the flow's YAML file, which gcadopt does not export (the provider's genesyscloud_tf_export does)",
};
