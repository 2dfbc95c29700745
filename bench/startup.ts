import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { costRow, type BenchRow } from './report.js';

const bin = fileURLToPath(new URL('../../bin/gcadopt.js', import.meta.url));

function timeOnce(args: string[]): number {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { stdio: 'ignore' });
  if (result.status !== 0) throw new Error(`node ${args.join(' ')} exited ${result.status}`);
  return Number(process.hrtime.bigint() - start) / 1e6;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

/**
 * `gcadopt --help` against a bare `node -e 0`, runs interleaved so both see the
 * same machine load; medians of `runs` each.
 */
export function benchStartup(runs = 21): BenchRow[] {
  const bare: number[] = [];
  const help: number[] = [];
  timeOnce(['-e', '0']);
  timeOnce([bin, '--help']);
  for (let i = 0; i < runs; i++) {
    bare.push(timeOnce(['-e', '0']));
    help.push(timeOnce([bin, '--help']));
  }
  const value = median(help);
  const baseline = median(bare);
  return [
    costRow(
      {
        section: 'startup',
        name: '`gcadopt --help` vs bare `node -e 0` (cost)',
        value,
        baseline,
        unit: 'ms',
        notes: `median of ${runs} interleaved runs`,
      },
      1.5,
    ),
  ];
}
