import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * HashiCorp's parser alone (WASM, @cdktn/hcl2json) reading and parsing every
 * `.tf` file under a folder, as a process of its own: the baseline of the
 * whole-process `check` measurement. Prints the number of files parsed.
 */
async function parseTree(dir: string): Promise<void> {
  const { parse } = await import('@cdktn/hcl2json');
  const files = (await readdir(dir, { recursive: true })).filter((n) => n.endsWith('.tf')).sort();
  const kept: unknown[] = [];
  for (const name of files) kept.push(await parse(name, await readFile(join(dir, name), 'utf8')));
  process.stdout.write(`${kept.length}\n`);
}

await parseTree(process.argv[2] ?? '.');
