import { readConfig } from '../../src/terraform/config/index.js';

const divisions = new Set(['genesyscloud_auth_division']);

/** The division names a folder's configuration evaluates to, by address. */
export async function divisionNames(
  dir: string,
  options: Parameters<typeof readConfig>[1] = {},
): Promise<Record<string, unknown>> {
  const { resources } = await readConfig(dir, { types: divisions, ...options });
  return Object.fromEntries(resources.map((r) => [r.address, r.attributes.name]));
}
