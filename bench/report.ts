/** One line of the benchmark table: a figure measured against its baseline in the same run. */
export interface BenchRow {
  /** Section, e.g. `list`, `hcl`, `check`, `startup`. */
  readonly section: string;
  /** What was measured, one short phrase. */
  readonly name: string;
  /** gcadopt's figure. */
  readonly value: number;
  /** The baseline measured side by side in the same run. */
  readonly baseline: number;
  /** Unit of value and baseline, e.g. `ms`, `MB/s`, `requests`. */
  readonly unit: string;
  /** How many times better than the baseline (>1 is better), or the cost ratio where noted. */
  readonly ratio: number;
  /** The target the issue set, as text, e.g. `>= 10x`. */
  readonly target: string;
  /** Whether the target holds in this run. */
  readonly ok: boolean;
  /** Free-form details: sizes, request counts, memory. */
  readonly notes?: string;
}

/** Two decimals, for the table. */
export function round(n: number): number {
  return Math.round(n * 100) / 100;
}

/**
 * A row whose figure may be at most `most` times its baseline (a cost): the
 * ratio, target and verdict follow from the two figures.
 */
export function costRow(
  row: Pick<BenchRow, 'section' | 'name' | 'value' | 'baseline' | 'unit' | 'notes'>,
  most: number,
): BenchRow {
  const ratio = row.value / row.baseline;
  return {
    ...row,
    value: round(row.value),
    baseline: round(row.baseline),
    ratio: round(ratio),
    target: `<= ${most}x`,
    ok: ratio <= most,
  };
}
