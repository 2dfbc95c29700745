import { kindForType } from '../kinds/index.js';
import type { DesiredResource } from '../model.js';

/**
 * The desired resources with what their kinds read from files (a flow's
 * YAML), relative to `root`, the folder Terraform runs in.
 */
export async function readKindFiles(
  desired: readonly DesiredResource[],
  root: string,
): Promise<DesiredResource[]> {
  return Promise.all(
    desired.map(async (d) => {
      const kind = kindForType(d.type);
      if (kind?.readFiles === undefined || d.action === 'delete' || d.action === 'read') return d;
      return { ...d, attributes: await kind.readFiles(d.attributes, root) };
    }),
  );
}
