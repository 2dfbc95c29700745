import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateTfFile, generateTfJsonFile } from './corpus.js';
import { round, type BenchRow } from './report.js';

interface Measured {
  readonly ms: number;
  readonly files: number;
  readonly bytes: number;
  readonly maxRssMb: number;
}

const child = fileURLToPath(new URL('./hcl-child.js', import.meta.url));

function run(phase: string, dir: string): Measured {
  const result = spawnSync(process.execPath, [child, phase, dir], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  if (result.status !== 0) throw new Error(`hcl bench ${phase} failed: ${result.stderr}`);
  return JSON.parse(result.stdout) as Measured;
}

/** The best of `n` runs (least disturbed by the machine). */
function best(phase: string, dir: string, n: number): Measured {
  const runs = Array.from({ length: n }, () => run(phase, dir));
  return runs.reduce((a, b) => (b.ms < a.ms ? b : a));
}

/**
 * HCL folder scanning on a generated tree of 2,000 files (~20 MB): our raw
 * parse, the full scan (parse + evaluation) and HashiCorp's parser (WASM).
 */
export async function benchHcl(): Promise<BenchRow[]> {
  const dir = await mkdtemp(join(tmpdir(), 'gcadopt-hcl-bench-'));
  try {
    for (let i = 0; i < 2000; i++) {
      await writeFile(
        join(dir, `f${String(i).padStart(4, '0')}${i % 50 === 49 ? '.tf.json' : '.tf'}`),
        i % 50 === 49 ? generateTfJsonFile(i) : generateTfFile(i, 10_000),
      );
    }
    await mkdir(join(dir, 'modules', 'unit'), { recursive: true });
    await writeFile(
      join(dir, 'modules', 'unit', 'main.tf'),
      'variable "name" {}\nresource "genesyscloud_auth_division" "u" {\n  name = "unit ${var.name}"\n}\n',
    );
    const parse = best('parse', dir, 3);
    const inMemory = best('parse-memory', dir, 3);
    const scan = best('scan', dir, 3);
    const wasm = run('wasm', dir);
    const mb = parse.bytes / 1e6;
    const mbps = (m: Measured): number => round(mb / (m.ms / 1000));
    return [
      {
        section: 'hcl',
        name: `scan (read + parse + evaluate) vs read + raw parse, ${parse.files} files (cost)`,
        value: round(scan.ms),
        baseline: round(parse.ms),
        unit: 'ms',
        ratio: round(scan.ms / parse.ms),
        target: '<= 1.5x',
        ok: scan.ms / parse.ms <= 1.5,
        notes: `${round(mb)} MB; scan ${mbps(scan)} MB/s, ${round(parse.files / (scan.ms / 1000))} files/s; read + parse ${mbps(parse)} MB/s; parse from memory ${mbps(inMemory)} MB/s`,
      },
      {
        section: 'hcl',
        name: 'scan peak memory (RSS)',
        value: round(scan.maxRssMb),
        baseline: 1024,
        unit: 'MB',
        ratio: round(scan.maxRssMb / 1024),
        target: '< 1 GB',
        ok: scan.maxRssMb < 1024,
        notes: `raw parse peak ${round(parse.maxRssMb)} MB; WASM parser peak ${round(wasm.maxRssMb)} MB`,
      },
      {
        section: 'hcl',
        name: "our parser vs HashiCorp's via WASM (@cdktn/hcl2json)",
        value: mbps(inMemory),
        baseline: round(((wasm.bytes / 1e6) * 1000) / wasm.ms),
        unit: 'MB/s',
        ratio: round(wasm.ms / wasm.bytes / (inMemory.ms / inMemory.bytes)),
        target: '>= 10x',
        ok: wasm.ms / wasm.bytes / (inMemory.ms / inMemory.bytes) >= 10,
        notes: `WASM parsed the ${wasm.files - parse.files / 50} .tf files in ${round(wasm.ms)} ms`,
      },
    ];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
