import type { LiveObject } from '../model.js';
import type { AttributeChange } from '../preflight/types.js';
import { importBlock, type HclBlock } from '../terraform/hcl-writer.js';
import { ownedMarker } from './safe-write.js';

/** One import block gcadopt writes. */
export interface PlannedImport {
  readonly to: string;
  readonly id: string;
  readonly live: LiveObject | undefined;
  readonly noun: string;
  readonly changes: readonly AttributeChange[];
}

/** The comment lines on top of a new imports file. */
export const importsHeader = [
  `${ownedMarker.replace(/^# /, '')} import: import blocks that adopt existing Genesys Cloud objects.`,
  'gcadopt rewrites only the blocks it marks "gcadopt:"; what you add here is kept as it is.',
  'After `terraform apply` has imported them, these blocks can be deleted.',
];

/** `gcadopt: division "Sales" (GUID)`: the marker line that makes a block gcadopt's. */
export function describeObject(noun: string, id: string, live: LiveObject | undefined): string {
  return `gcadopt: ${live === undefined ? `${noun} ${id}` : `${noun} "${live.name}" (${id})`}`;
}

function comments(p: PlannedImport): string[] {
  const lines = [describeObject(p.noun, p.id, p.live)];
  for (const c of p.changes) {
    lines.push(
      `note: the next apply changes ${c.attribute} ${JSON.stringify(c.live)} -> ${JSON.stringify(c.desired)}`,
    );
  }
  return lines;
}

/** Import blocks sorted by address: the same input gives the same bytes. */
export function planImportBlocks(imports: readonly PlannedImport[]): HclBlock[] {
  const sorted = [...imports].sort((a, b) => (a.to < b.to ? -1 : a.to > b.to ? 1 : 0));
  return sorted.map((p) => importBlock(p.to, p.id, comments(p)));
}
