import { kindForType } from '../kinds/index.js';
import type { DesiredResource } from '../model.js';

/**
 * The desired resources with what their kinds read from files (a flow's
 * YAML), relative to `root`, the folder Terraform runs in. A configuration
 * without such kinds is returned as it is, with no promise per resource.
 */
export async function readKindFiles(
  desired: DesiredResource[],
  root: string,
): Promise<DesiredResource[]> {
  const reads = (d: DesiredResource): boolean =>
    kindForType(d.type)?.readFiles !== undefined && d.action !== 'delete' && d.action !== 'read';
  if (!desired.some(reads)) return desired;
  return Promise.all(
    desired.map(async (d) => {
      const kind = reads(d) ? kindForType(d.type) : undefined;
      if (kind?.readFiles === undefined) return d;
      return { ...d, attributes: await kind.readFiles(d.attributes, root) };
    }),
  );
}
