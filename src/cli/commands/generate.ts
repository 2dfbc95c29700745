import { divisionKind, kinds } from '../../kinds/index.js';
import { importIdOf, type Kind } from '../../kinds/kind.js';
import { parseKinds } from '../kinds-option.js';
import type { LiveObject } from '../../model.js';
import { renderBlock } from '../../terraform/hcl-writer.js';
import type { FileBlock } from '../../terraform/owned-file.js';
import { assignLabels } from '../../terraform/labels.js';
import type { CommandContext } from '../context.js';
import { addDivisionBlock, collectDivisionRefs, type DivisionRefs } from '../division-refs.js';
import { findTakenLabels, findUnmanaged, planResourceBlocks } from '../generate-blocks.js';
import { readInputs, type Inputs } from '../inputs.js';
import { describeListing, startListings } from '../live.js';
import { withSpinner } from '../spinner.js';
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
  const named = parseKinds(opts.kinds);
  // A kind generate cannot write is skipped: with a note when it was asked for.
  for (const kind of named ?? [])
    if (kind.noGenerate !== undefined)
      ctx.io.stderr.write(`gcadopt: generate skips ${kind.plural}: ${kind.noGenerate}\n`);
  const selected = (named ?? [...kinds.values()])
    .filter((k) => k.noGenerate === undefined)
    .sort((a, b) => Number(b === divisionKind) - Number(a === divisionKind));
  const inputs = await readInputs(ctx, args[0] ?? '.', opts);
  const target = await resolveOutTarget({
    cwd: ctx.io.cwd,
    dir: inputs.dir,
    out: opts.out,
    fallback: 'generated.tf',
    files: inputs.scan?.files ?? [],
  });
  const current = await readCurrentFile(target);
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
  // The divisions are listed even when not generated: a division_id names its division.
  const listed = [...new Set([...selected, divisionKind])];
  const listings = await startListings(ctx, listed);
  const planned = planChanges(selected, listings, owned, others, opts.prune === true);
  const { drop, added, gone } = await withSpinner(ctx, describeListing(listed), () => planned);
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

/** One kind's part of the file: its blocks rendered, the blocks to drop, the objects gone. */
interface KindChanges {
  readonly drop: readonly FileBlock[];
  readonly added: readonly string[];
  readonly gone: readonly (readonly [string, string])[];
}

/**
 * Per kind: objects gone from the org (their blocks dropped when pruning)
 * and blocks for the new ones, whose labels avoid every label in use. Each
 * kind is planned and rendered as soon as its listing is in (the divisions
 * first: the other blocks refer to theirs), while the others still page.
 */
async function planChanges(
  selected: readonly Kind[],
  listings: ReadonlyMap<string, Promise<readonly LiveObject[]>>,
  owned: readonly (OwnedObject & { block: FileBlock })[],
  others: Pick<Inputs, 'desired' | 'managed' | 'imports'>,
  prune: boolean,
): Promise<{ drop: Set<FileBlock>; added: string[]; gone: Map<string, string> }> {
  const listing = (kind: Kind): Promise<readonly LiveObject[]> =>
    listings.get(kind.tfType) ?? Promise.resolve([]);
  const planKind = (kind: Kind, objects: readonly LiveObject[], refs: DivisionRefs) =>
    planKindChanges(kind, objects, owned, others, prune, refs);
  // Every listing is awaited from here on, so none fails unobserved.
  const divisions = listing(divisionKind).then((live) => {
    const refs = collectDivisionRefs(others, live);
    for (const o of owned)
      if (o.type === divisionKind.tfType && o.id !== undefined && o.label !== undefined)
        addDivisionBlock(refs, o.id, o.label);
    const changes = selected.includes(divisionKind)
      ? planKind(divisionKind, live, refs)
      : undefined;
    return { refs, changes };
  });
  const perKind = await Promise.all(
    selected.map(async (kind) => {
      if (kind === divisionKind) return (await divisions).changes;
      const [objects, { refs }] = await Promise.all([listing(kind), divisions]);
      return planKind(kind, objects, refs);
    }),
  );
  const drop = new Set<FileBlock>();
  const added: string[] = [];
  const gone = new Map<string, string>();
  for (const changes of perKind) {
    if (changes === undefined) continue;
    for (const block of changes.drop) drop.add(block);
    added.push(...changes.added);
    for (const [id, marker] of changes.gone) gone.set(id, marker);
  }
  return { drop, added, gone };
}

/** One kind's changes; a division's label is recorded in `refs` for the other kinds. */
function planKindChanges(
  kind: Kind,
  objects: readonly LiveObject[],
  owned: readonly (OwnedObject & { block: FileBlock })[],
  others: Pick<Inputs, 'desired' | 'managed' | 'imports'>,
  prune: boolean,
  refs: DivisionRefs,
): KindChanges {
  const drop: FileBlock[] = [];
  const gone: [string, string][] = [];
  const idsOf = (o: LiveObject): string[] =>
    [o.id, importIdOf(kind, o)].map((id) => id.toLowerCase());
  const liveIds = new Set(objects.flatMap(idsOf));
  const ofKind = owned.filter((o) => o.type === kind.tfType);
  for (const o of ofKind) {
    if (o.id === undefined || liveIds.has(o.id.toLowerCase())) continue;
    gone.push([o.id, o.block.marker]);
    if (prune) drop.push(o.block);
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
  return { drop, gone, added: planResourceBlocks(kind, fresh, labels, refs).map(renderBlock) };
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
