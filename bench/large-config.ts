import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** What was written. */
export interface LargeConfig {
  readonly files: number;
  readonly bytes: number;
  readonly instances: number;
}

const modules = 40;
const filesPerModule = 51;
const resourcesPerFile = 3;
const countPerResource = 5;

/** One module file: three counted divisions and the locals a real file carries (~4 KB). */
function moduleFile(m: number, f: number): string {
  const resources = Array.from(
    { length: resourcesPerFile },
    (_, k) =>
      `# Divisions of team ${m}-${f}-${k}: one per environment slot.\n` +
      `resource "genesyscloud_auth_division" "team_${f}_${k}" {\n` +
      `  count       = ${countPerResource}\n` +
      `  name        = format("m${m} f${f} k${k} %02d", count.index)\n` +
      `  description = "\${var.prefix} team ${f}-${k}, slot \${count.index}"\n` +
      `}\n`,
  );
  const tags = Array.from({ length: 95 }, (_, i) => `    "tag-${m}-${f}-${i}" = "value ${i}"`);
  return `${resources.join('\n')}\nlocals {\n  labels_${f} = {\n${tags.join('\n')}\n  }\n}\n`;
}

/**
 * A root module calling 40 local modules of 51 files each (2,041 files, ~8 MB,
 * 30,000 division instances through count), written under `dir`.
 */
export async function writeLargeConfig(dir: string): Promise<LargeConfig> {
  let files = 0;
  let bytes = 0;
  const put = async (path: string, text: string): Promise<void> => {
    await writeFile(path, text);
    files += 1;
    bytes += Buffer.byteLength(text);
  };
  const calls: string[] = [];
  for (let m = 0; m < modules; m++) {
    const folder = join(dir, 'modules', `m${m}`);
    await mkdir(folder, { recursive: true });
    await put(join(folder, 'variables.tf'), 'variable "prefix" {\n  type = string\n}\n');
    for (let f = 1; f < filesPerModule; f++)
      await put(join(folder, `team-${f}.tf`), moduleFile(m, f));
    calls.push(`module "m${m}" {\n  source = "./modules/m${m}"\n  prefix = "unit ${m}"\n}\n`);
  }
  await put(join(dir, 'main.tf'), calls.join('\n'));
  const instances = modules * (filesPerModule - 1) * resourcesPerFile * countPerResource;
  return { files, bytes, instances };
}
