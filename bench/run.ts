import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { BenchRow } from './report.js';
import { benchCheck } from './check.js';
import { benchCheckKinds } from './check-kinds.js';
import { benchHcl } from './hcl.js';
import { benchKindsCost } from './kinds-cost.js';
import { benchList } from './list.js';
import { benchProcess } from './process.js';
import { benchRunTask } from './run-task.js';
import { benchStartup } from './startup.js';

/** Every benchmark section, in the order the table shows them. */
const sections: { name: string; run: () => BenchRow[] | Promise<BenchRow[]> }[] = [
  { name: 'list', run: () => benchList() },
  { name: 'hcl', run: () => benchHcl() },
  { name: 'check', run: () => benchCheck() },
  { name: 'check-kinds', run: () => benchCheckKinds() },
  { name: 'kinds-cost', run: () => benchKindsCost() },
  { name: 'startup', run: () => benchStartup() },
  { name: 'run-task', run: () => benchRunTask() },
  { name: 'process', run: () => benchProcess() },
];

function renderTable(rows: readonly BenchRow[]): string {
  const header = ['section', 'measure', 'gcadopt', 'baseline', 'unit', 'ratio', 'target', 'ok'];
  const body = rows.map((r) => [
    r.section,
    r.name,
    String(r.value),
    String(r.baseline),
    r.unit,
    `${r.ratio}x`,
    r.target,
    r.ok ? 'yes' : 'NO',
  ]);
  const widths = header.map((h, i) =>
    Math.max(h.length, ...body.map((row) => row[i]?.length ?? 0)),
  );
  const line = (cells: string[]): string =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n');
}

async function runAll(): Promise<void> {
  const only = process.argv.slice(2);
  const rows: BenchRow[] = [];
  for (const section of sections) {
    if (only.length > 0 && !only.includes(section.name)) continue;
    process.stderr.write(`bench: ${section.name}...\n`);
    rows.push(...(await section.run()));
  }
  process.stdout.write(`${renderTable(rows)}\n`);
  for (const r of rows.filter((row) => row.notes !== undefined)) {
    process.stdout.write(`  ${r.section}/${r.name}: ${r.notes}\n`);
  }
  const out = fileURLToPath(new URL('../../bench/results.json', import.meta.url));
  mkdirSync(fileURLToPath(new URL('../../bench/', import.meta.url)), { recursive: true });
  const report = { date: new Date().toISOString(), node: process.version, rows };
  writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
  process.stdout.write(`written: bench/results.json\n`);
  if (rows.some((r) => !r.ok)) process.exitCode = 2;
}

await runAll();
