import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { readConfig } from '../src/terraform/config/index.js';
import { readModuleFiles } from '../src/terraform/config/module-files.js';
import { parseHcl } from '../src/terraform/hcl/parser.js';
import { parseJsonConfig } from '../src/terraform/config/json-config.js';

/**
 * One measurement in a process of its own, so its peak memory is its own:
 * `parse` (reading and parsing the folder), `parse-memory` (parsing text already in memory), `scan` (parse + evaluation), `wasm` (HashiCorp's
 * parser via @cdktn/hcl2json). Prints `{ms, files, bytes, maxRssMb}`.
 */
async function measure(phase: string, dir: string): Promise<void> {
  const names = (await readdir(dir)).filter((n) => /\.tf(\.json)?$/.test(n)).sort();
  const texts = await Promise.all(
    names.map(async (n) => [n, await readFile(join(dir, n), 'utf8')] as const),
  );
  const bytes = texts.reduce((sum, [, t]) => sum + Buffer.byteLength(t), 0);
  const start = performance.now();
  if (phase === 'parse') {
    // Read + parse of the folder: exactly what the scan does before evaluating.
    await readModuleFiles(dir, dir);
  } else if (phase === 'parse-memory') {
    for (const [name, text] of texts)
      (name.endsWith('.json') ? parseJsonConfig : parseHcl)(text, name);
  } else if (phase === 'scan') {
    const scan = await readConfig(dir, { types: new Set(['genesyscloud_auth_division']) });
    if (scan.resources.length === 0) throw new Error('scan found nothing');
  } else {
    const { parse } = await import('@cdktn/hcl2json');
    for (const [name, text] of texts.filter(([n]) => !n.endsWith('.json'))) await parse(name, text);
  }
  const ms = performance.now() - start;
  const maxRssMb = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(JSON.stringify({ ms, files: names.length, bytes, maxRssMb }));
}

const [phase = 'parse', dir = '.'] = process.argv.slice(2);
await measure(phase, dir);
