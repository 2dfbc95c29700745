import { relative, resolve } from 'node:path';
import { GcadoptError } from '../../errors.js';
import { kinds as allKinds } from '../../kinds/index.js';
import type { Kind } from '../../kinds/kind.js';
import type { LiveObject } from '../../model.js';
import { importBlock, renderFile, type HclBlock } from '../../terraform/hcl-writer.js';
import { assignLabels } from '../../terraform/labels.js';
import type { CommandContext } from '../context.js';
import { readInputs, type Inputs } from '../inputs.js';
import { readLive } from '../live.js';
import { ownedMarker, readIfExists, resolveInside, writeAtomic } from '../safe-write.js';

const kindNames = new Map([...allKinds.values()].map((k) => [k.noun, k]));

/** `gcadopt generate`: resource + import blocks for live objects no configuration manages or plans. */
export async function run(
  ctx: CommandContext,
  args: string[],
  opts: Record<string, unknown>,
): Promise<number> {
  const selected = (typeof opts.kinds === 'string' ? opts.kinds : 'division')
    .split(',')
    .map((k) => k.trim())
    .filter(Boolean)
    .map((name) => kindNames.get(name) ?? unknownKind(name));
  const inputs = await readInputs(ctx, args[0] ?? '.', opts);
  const live = await readLive(ctx, selected);
  const blocks = selected.flatMap((kind) =>
    blocksFor(kind, unmanaged(kind, inputs, live.get(kind.tfType) ?? []), inputs),
  );
  const target = await resolveInside(
    inputs.dir,
    typeof opts.out === 'string' ? resolve(ctx.io.cwd, opts.out) : 'generated.tf',
  );
  const existing = await readIfExists(target);
  const name = relative(inputs.dir, target).split('\\').join('/');
  if (existing !== undefined && !existing.startsWith(ownedMarker)) {
    throw new GcadoptError('write', `refusing to overwrite ${name}: gcadopt did not write it`, {
      hint: 'pass --out with another file name',
    });
  }
  const content = renderFile(blocks, [
    `${ownedMarker.replace(/^# /, '')} generate: resources for live objects no configuration managed.`,
    'Each resource has an import block so that terraform plan adopts instead of creating.',
  ]);
  if (opts.dryRun === true || blocks.length === 0) {
    if (blocks.length > 0) ctx.io.stdout.write(content);
    ctx.io.stderr.write(
      blocks.length === 0
        ? 'every live object is already managed or planned: nothing to generate\n'
        : 'dry run: nothing written\n',
    );
    return 0;
  }
  await writeAtomic(target, content);
  ctx.io.stdout.write(
    `wrote ${blocks.filter((b) => b.type === 'resource').length} resource(s) with their imports to ${name}\n`,
  );
  return 0;
}

function unknownKind(name: string): never {
  throw new GcadoptError('usage', `unknown kind "${name}"`, {
    hint: `use one of: ${[...kindNames.keys()].join(', ')}`,
  });
}

/** Live objects that no state entry manages, no resource plans and no import block targets. */
function unmanaged(kind: Kind, inputs: Inputs, live: readonly LiveObject[]): LiveObject[] {
  const managedIds = new Set(
    inputs.managed.filter((m) => m.type === kind.tfType).map((m) => m.id.toLowerCase()),
  );
  const imported = new Set(
    inputs.imports.map((i) => (typeof i.id === 'string' ? i.id.toLowerCase() : '')),
  );
  const desired = inputs.desired.filter((d) => d.type === kind.tfType);
  const planned = new Set(
    desired
      .map((d) => kind.desiredName(d.attributes))
      .filter((n): n is string => typeof n === 'string')
      .map((n) => kind.matchKey(n)),
  );
  const adopted = new Set(
    desired
      .map((d) => kind.adopts?.(d.attributes, live)?.id)
      .filter((id): id is string => id !== undefined),
  );
  for (const d of desired) if (d.importId !== undefined) imported.add(d.importId.toLowerCase());
  return live.filter(
    (l) =>
      !managedIds.has(l.id.toLowerCase()) &&
      !imported.has(l.id.toLowerCase()) &&
      !planned.has(kind.matchKey(l.name)) &&
      !adopted.has(l.id),
  );
}

function blocksFor(kind: Kind, objects: readonly LiveObject[], inputs: Inputs): HclBlock[] {
  // Labels of root-module resources of this type (an address may end in [*] when its instances are unknown).
  const taken = new Set(
    [...inputs.desired, ...inputs.managed]
      .filter((r) => r.type === kind.tfType && !r.address.startsWith('module.'))
      .map((r) => /^[^.]+\.([^.[]+)/.exec(r.address)?.[1])
      .filter((label): label is string => label !== undefined),
  );
  const labels = assignLabels(objects, taken);
  const sorted = [...objects].sort((a, b) => {
    const la = labels.get(a.id) ?? '';
    const lb = labels.get(b.id) ?? '';
    return la < lb ? -1 : la > lb ? 1 : 0;
  });
  return sorted.flatMap((live) => {
    const label = labels.get(live.id) ?? '_';
    const config = kind.toConfig(live);
    const resource: HclBlock = {
      type: 'resource',
      labels: [kind.tfType, label],
      comments: [`${kind.noun} "${live.name}" (${live.id})`],
      attributes: Object.entries(config).map(([name, value]) => ({ name, value })),
    };
    const address = `${kind.tfType}.${label}`;
    // A resource that adopts by itself (home = true) needs no import block.
    if (kind.adopts?.(config, [live]) !== undefined) return [resource];
    return [resource, importBlock(address, live.id)];
  });
}
