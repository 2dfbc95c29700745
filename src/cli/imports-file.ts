import type { LiveObject } from '../model.js';
import type { AttributeChange } from '../preflight/types.js';
import { importBlock, renderFile } from '../terraform/hcl-writer.js';
import { ownedMarker } from './safe-write.js';

/** One import block gcadopt writes. */
export interface PlannedImport {
  readonly to: string;
  readonly id: string;
  readonly live: LiveObject | undefined;
  readonly noun: string;
  readonly changes: readonly AttributeChange[];
}

const header = [
  `${ownedMarker.replace(/^# /, '')} import: import blocks that adopt existing Genesys Cloud objects.`,
  'gcadopt rewrites this file; it never touches a file it did not write.',
  'After `terraform apply` has imported them, these blocks can be deleted.',
];

function comments(p: PlannedImport): string[] {
  const lines = [
    p.live === undefined ? `${p.noun} ${p.id}` : `${p.noun} "${p.live.name}" (${p.id})`,
  ];
  for (const c of p.changes) {
    lines.push(
      `note: the next apply changes ${c.attribute} ${JSON.stringify(c.live)} -> ${JSON.stringify(c.desired)}`,
    );
  }
  return lines;
}

/** The whole imports file, blocks sorted by address: the same input gives the same bytes. */
export function renderImportsFile(imports: readonly PlannedImport[]): string {
  const sorted = [...imports].sort((a, b) => (a.to < b.to ? -1 : a.to > b.to ? 1 : 0));
  return renderFile(
    sorted.map((p) => importBlock(p.to, p.id, comments(p))),
    header,
  );
}
