import { divisionKind, kinds } from '../../kinds/index.js';
import { importIdOf, type Kind } from '../../kinds/kind.js';
import { parseKinds } from '../kinds-option.js';
import type { LiveObject } from '../../model.js';
import type { HclBlock } from '../../terraform/hcl-writer.js';
import type { FileBlock } from '../../terraform/owned-file.js';
import { assignLabels } from '../../terraform/labels.js';
import type { CommandContext } from '../context.js';
import { addDivisionBlock, collectDivisionRefs } from '../division-refs.js';
import { findTakenLabels, findUnmanaged, planResourceBlocks } from '../generate-blocks.js';
import { readInputs, type Inputs } from '../inputs.js';
import { readLive } from '../live.js';
import { resolveOutTarget } from '../out-target.js';
import { describeMerge, mergeFile, readCurrentFile, writeMerge } from '../owned-write.js';
import { ownedMarker } from '../safe-write.js';
import { importTarget } from './import-stale.js';

const header = [
  `${ownedMarker.replace(/^# /, '')} generate: resources for live objects no configuration managed.`,
  'Each resource has an import block so that terraform plan adopts instead of creating.',
  'gcadopt rewrites only the blocks it marks "gcadopt:"; what you add here is kept as it is.',
];

/**
 * `gcadopt generate`: resource + import blocks for live objects no
 * configuration manages or plans. A rerun keeps every block it wrote before,
 * adds blocks for new objects, and removes blocks of objects gone from the
 * org only with --prune.
 */
export async function run(
  ctx: CommandContext,
  args: string[],
  opts: Record<string, unknown>,
): Promise<number> {
  // Divisions first: the blocks of the other kinds refer to theirs.
  const selected = (parseKinds(opts.kinds) ?? [...kinds.values()]).sort(
    (a, b) => Number(b === divisionKind) - Number(a === divisionKind),
  );
  const inputs = await readInputs(ctx, args[0] ?? '.', opts);
  const target = await resolveOutTarget({
    cwd: ctx.io.cwd,
    dir: inputs.dir,
    out: opts.out,
    fallback: 'generated.tf',
    files: inputs.scan?.files ?? [],
  });
  const current = await readCurrentFile(target);
  // The divisions are listed even when not generated: a division_id names its division.
  const live = await readLive(ctx, [...new Set([...selected, divisionKind])]);
  const owned = current.owned.map((block) => ({ block, ...describeOwned(block) }));
  // The configuration without gcadopt's own blocks in this file: those are rewritten here.
  const ownLines = new Set(current.owned.map((b) => b.line));
  const mine = (s: { file: string; line: number } | undefined): boolean =>
    !target.stdout && s?.file === target.name && ownLines.has(s.line);
  const others = {
    desired: inputs.desired.filter((d) => !mine(d.source)),
    managed: inputs.managed,
    imports: inputs.imports.filter((i) => !mine(i.source)),
  } satisfies Pick<Inputs, 'desired' | 'managed' | 'imports'>;
  const { drop, added, gone } = planChanges(selected, live, owned, others, opts.prune === true);
  const where = target.stdout ? '' : `${target.name}: `;
  for (const marker of gone.values()) {
    ctx.io.stderr.write(
      opts.prune === true
        ? `gcadopt: ${where}removing the blocks of ${marker}: it no longer exists in the org\n`
        : `gcadopt: ${where}${marker} no longer exists in the org; pass --prune to remove its blocks\n`,
    );
  }
  const merge = mergeFile(current, header, drop, added);
  const wrote = await writeMerge(ctx, target, merge, opts.dryRun === true);
  if (!wrote && opts.dryRun !== true) {
    const state = target.stdout ? '' : `; ${describeMerge(target.name, merge)}`;
    ctx.io.stderr.write(
      `every live object is already managed or planned: nothing to generate${state}\n`,
    );
  }
  return 0;
}

/**
 * Per kind: objects gone from the org (their blocks dropped when pruning)
 * and blocks for the new ones, whose labels avoid every label in use.
 */
function planChanges(
  selected: readonly Kind[],
  live: ReadonlyMap<string, readonly LiveObject[]>,
  owned: readonly (OwnedObject & { block: FileBlock })[],
  others: Pick<Inputs, 'desired' | 'managed' | 'imports'>,
  prune: boolean,
): { drop: Set<FileBlock>; added: HclBlock[]; gone: Map<string, string> } {
  const drop = new Set<FileBlock>();
  const added: HclBlock[] = [];
  const gone = new Map<string, string>();
  const refs = collectDivisionRefs(others, live.get(divisionKind.tfType) ?? []);
  for (const o of owned)
    if (o.type === divisionKind.tfType && o.id !== undefined && o.label !== undefined)
      addDivisionBlock(refs, o.id, o.label);
  for (const kind of selected) {
    const objects = live.get(kind.tfType) ?? [];
    const idsOf = (o: LiveObject): string[] =>
      [o.id, importIdOf(kind, o)].map((id) => id.toLowerCase());
    const liveIds = new Set(objects.flatMap(idsOf));
    const ofKind = owned.filter((o) => o.type === kind.tfType);
    for (const o of ofKind) {
      if (o.id === undefined || liveIds.has(o.id.toLowerCase())) continue;
      gone.set(o.id, o.block.marker);
      if (prune) drop.add(o.block);
    }
    const ownIds = new Set(ofKind.map((o) => o.id?.toLowerCase()));
    const fresh = findUnmanaged(kind, others, objects).filter(
      (o) => !idsOf(o).some((id) => ownIds.has(id)),
    );
    const taken = findTakenLabels(kind, others);
    for (const o of ofKind) if (o.label !== undefined) taken.add(o.label);
    const named = fresh.map((o) => ({ id: o.id, name: kind.labelName?.(o, objects) ?? o.name }));
    const labels = assignLabels(named, taken);
    if (kind === divisionKind) for (const [id, label] of labels) addDivisionBlock(refs, id, label);
    added.push(...planResourceBlocks(kind, fresh, labels, refs));
  }
  return { drop, added, gone };
}

/**
 * The resource type, object id and label of one of gcadopt's blocks: an
 * import block names them in `to` and `id`; a resource block in its labels and
 * its marker line (`division "Sales" (ID)`).
 */
interface OwnedObject {
  readonly type: string | undefined;
  readonly id: string | undefined;
  readonly label: string | undefined;
}

function describeOwned(block: FileBlock): OwnedObject {
  const fromMarker = /\(([^()\s]+)\)$/.exec(block.marker)?.[1];
  if (block.type === 'resource' || block.type === 'data') {
    const [type, label] = block.labels;
    return { type, label, id: fromMarker };
  }
  const id = block.body.attributes.get('id')?.expr;
  const [to] = importTarget(block.body);
  return {
    type: to === undefined ? undefined : /^([^.]+)\./.exec(to)?.[1],
    id: id?.k === 'lit' && typeof id.value === 'string' ? id.value : fromMarker,
    label: undefined,
  };
}
