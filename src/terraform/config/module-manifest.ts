import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { InputError } from '../../errors.js';

/** Where `terraform init` put a module: its source as recorded and its folder (relative to the root). */
export interface InstalledModule {
  readonly source: string;
  readonly dir: string;
}

interface ManifestEntry {
  readonly Key: string;
  readonly Source?: string | undefined;
  readonly Dir: string;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The manifest's entries, or undefined when it is not the shape terraform writes. */
function manifestEntries(json: unknown): ManifestEntry[] | undefined {
  if (!isRecord(json)) return undefined;
  const modules = json['Modules'];
  if (modules === undefined) return [];
  if (!Array.isArray(modules)) return undefined;
  const entries: ManifestEntry[] = [];
  for (const m of modules as unknown[]) {
    if (!isRecord(m)) return undefined;
    const { Key: key, Source: source, Dir: dir } = m;
    if (typeof key !== 'string' || typeof dir !== 'string') return undefined;
    if (source !== undefined && typeof source !== 'string') return undefined;
    entries.push({ Key: key, Source: source, Dir: dir });
  }
  return entries;
}

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
  let entries: ManifestEntry[] | undefined;
  try {
    entries = manifestEntries(JSON.parse(text));
  } catch {
    entries = undefined;
  }
  if (entries === undefined) {
    throw new InputError(
      `${manifestPath.split('\\').join('/')} is not a module manifest terraform wrote`,
      {
        file: manifestPath,
        hint: 'run terraform init again, or delete the .terraform folder',
      },
    );
  }
  return new Map(
    entries.map((m) => [m.Key, { source: m.Source ?? '', dir: m.Dir.split('\\').join('/') }]),
  );
}

/** True when the recorded source is the one the configuration asks for (registry sources are stored with their host). */
export function isSameSource(recorded: string, configured: string): boolean {
  return recorded === configured || recorded === `registry.terraform.io/${configured}`;
}
