import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { readConfig } from '../src/terraform/config/index.js';
import { parseJsonConfig } from '../src/terraform/config/json-config.js';
import { parseHcl } from '../src/terraform/hcl/parser.js';

const parseFile = (name: string, text: string): unknown =>
  (name.endsWith('.json') ? parseJsonConfig : parseHcl)(text, name);

/**
 * One measurement in a process of its own, so its peak memory is its own:
 * `parse` (the raw parser over the folder: every file read from disk in
 * batches, as the scan reads them, and parsed, every AST kept), `parse-memory`
 * (the same on text already in memory), `scan` (read + parse + evaluation) and
 * `wasm` (HashiCorp's parser via @cdktn/hcl2json). Prints `{ms, files, bytes, maxRssMb}`.
 */
async function measure(phase: string, dir: string): Promise<void> {
  const names = (await readdir(dir)).filter((n) => /\.tf(\.json)?$/.test(n)).sort();
  const texts = await Promise.all(
    names.map(async (n) => [n, await readFile(join(dir, n), 'utf8')] as const),
  );
  const bytes = texts.reduce((sum, [, t]) => sum + Buffer.byteLength(t), 0);
  const kept: unknown[] = [];
  const start = performance.now();
  if (phase === 'parse') {
    for (let i = 0; i < names.length; i += 64) {
      const batch = names.slice(i, i + 64);
      const fresh = await Promise.all(batch.map((n) => readFile(join(dir, n), 'utf8')));
      batch.forEach((n, j) => kept.push(parseFile(n, fresh[j] ?? '')));
    }
  } else if (phase === 'parse-memory') {
    for (const [name, text] of texts) kept.push(parseFile(name, text));
  } else if (phase === 'scan') {
    const scan = await readConfig(dir, { types: new Set(['genesyscloud_auth_division']) });
    kept.push(scan);
  } else {
    const { parse } = await import('@cdktn/hcl2json');
    for (const [name, text] of texts.filter(([n]) => !n.endsWith('.json')))
      kept.push(await parse(name, text));
  }
  const ms = performance.now() - start;
  if (kept.length === 0) throw new Error(`${phase}: nothing measured`);
  const maxRssMb = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(JSON.stringify({ ms, files: names.length, bytes, maxRssMb }));
}

const [phase = 'parse', dir = '.'] = process.argv.slice(2);
await measure(phase, dir);
