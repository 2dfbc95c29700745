import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { InputError } from '../../errors.js';

/** Where `terraform init` put a module: its source as recorded and its folder (relative to the root). */
export interface InstalledModule {
  readonly source: string;
  readonly dir: string;
}

const manifestSchema = z.object({
  Modules: z
    .array(z.object({ Key: z.string(), Source: z.string().optional(), Dir: z.string() }).loose())
    .optional(),
});

const manifestPath = join('.terraform', 'modules', 'modules.json');

/**
 * Reads `.terraform/modules/modules.json`, the manifest `terraform init` writes:
 * module keys are the dotted call names (`a.b` for module "b" inside "a").
 * Absent when the folder was never initialised.
 */
export async function readModuleManifest(root: string): Promise<Map<string, InstalledModule>> {
  let text: string;
  try {
    text = await readFile(join(root, manifestPath), 'utf8');
  } catch {
    return new Map();
  }
  let parsed: z.infer<typeof manifestSchema>;
  try {
    parsed = manifestSchema.parse(JSON.parse(text));
  } catch {
    throw new InputError(
      `${manifestPath.split('\\').join('/')} is not a module manifest terraform wrote`,
      {
        file: manifestPath,
        hint: 'run terraform init again, or delete the .terraform folder',
      },
    );
  }
  return new Map(
    (parsed.Modules ?? []).map((m) => [
      m.Key,
      { source: m.Source ?? '', dir: m.Dir.split('\\').join('/') },
    ]),
  );
}

/** True when the recorded source is the one the configuration asks for (registry sources are stored with their host). */
export function isSameSource(recorded: string, configured: string): boolean {
  return recorded === configured || recorded === `registry.terraform.io/${configured}`;
}
