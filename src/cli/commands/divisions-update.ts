import { GcadoptError } from '../../errors.js';
import { isAlreadyExists } from '../../genesys/api-error.js';
import type { Division, DivisionInput, DivisionsResource } from '../../genesys/client.js';
import { createClientFromContext } from '../client.js';
import type { CommandContext } from '../context.js';
import { hasValues, writeDivisionChecked } from '../division-write.js';
import { confirm } from '../prompt.js';
import { describeOwner, findTerraformOwners } from '../terraform-owners.js';
import { oneLine as printable } from '../../report/describe.js';

const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// The API compares division names case-insensitively after trimming, as far as
// anyone can tell (genesys-api.md): treat such a match as taken.
const nameKey = (name: string): string => name.trim().toLowerCase();

/**
 * `gcadopt divisions update ID|NAME`: read, diff, refuse a division Terraform
 * manages (unless --force), confirm, re-check, write, verify.
 */
export async function run(
  ctx: CommandContext,
  args: string[],
  opts: Record<string, unknown>,
): Promise<number> {
  const [selector = ''] = args;
  const name = typeof opts.name === 'string' ? opts.name : undefined;
  const description = typeof opts.description === 'string' ? opts.description : undefined;
  if (name === undefined && description === undefined) {
    throw new GcadoptError('usage', 'nothing to update: pass --name and/or --description');
  }
  if (name !== undefined && name.trim() === '')
    throw new GcadoptError('usage', '--name must not be empty');
  const client = await createClientFromContext(ctx);
  const signal = ctx.io.signal;
  const all = await client.divisions.list({ signal });
  const current = resolveDivision(all, selector);
  const wanted: DivisionInput = {
    name: name ?? current.name,
    description: description ?? current.description ?? '',
  };
  const changes = diff(current, wanted);
  const out = ctx.io.stdout;
  if (changes.length === 0) {
    out.write(
      `division "${printable(current.name)}" (${current.id}) already has these values: nothing to change\n`,
    );
    return 0;
  }
  const holder = all.find((d) => d.id !== current.id && nameKey(d.name) === nameKey(wanted.name));
  if (holder !== undefined) {
    throw new GcadoptError(
      'refused',
      `cannot rename to "${wanted.name}": division ${holder.id} is already named "${holder.name}"`,
      {
        hint: 'division names are unique in an org (case and surrounding spaces ignored)',
      },
    );
  }
  await checkTerraformOwners(ctx, current, opts);
  out.write(
    `division ${current.id}${current.homeDivision ? ' (home)' : ''}\n${changes.join('\n')}\n`,
  );
  if (opts.dryRun === true) {
    out.write('dry run: nothing written\n');
    return 0;
  }
  if (opts.yes !== true) {
    if (ctx.io.stdin?.isTTY !== true) {
      throw new GcadoptError('refused', 'not applying the update without confirmation', {
        hint: 'pass --yes to apply it, or --dry-run to only see the diff',
      });
    }
    if (!(await confirm(ctx, 'Apply this update?'))) {
      out.write('not applied\n');
      return 0;
    }
  }
  await applyUpdate(ctx, client.divisions, current, wanted, signal);
  return 0;
}

// A change made here to a division Terraform manages lasts only until the
// next apply writes the configuration's values back.
async function checkTerraformOwners(
  ctx: CommandContext,
  division: Division,
  opts: Record<string, unknown>,
): Promise<void> {
  const dir = typeof opts.dir === 'string' ? opts.dir : '.';
  const state = typeof opts.state === 'string' ? opts.state : undefined;
  const owners = await findTerraformOwners(ctx, division, dir, state);
  if (owners.length === 0) return;
  const what = `division "${printable(division.name)}" (${division.id}) is managed by Terraform: ${owners.map(describeOwner).join(', ')}`;
  if (opts.force !== true) {
    throw new GcadoptError('refused', `${what}; the next apply would revert this change`, {
      hint: 'change it in the configuration and apply, or pass --force to change it here anyway',
    });
  }
  ctx.io.stderr.write(
    `gcadopt: warning: ${what}; the next apply will revert this change unless the configuration says the same\n`,
  );
}

async function applyUpdate(
  ctx: CommandContext,
  divisions: DivisionsResource,
  before: Division,
  wanted: DivisionInput,
  signal: AbortSignal | undefined,
): Promise<void> {
  // Re-read just before writing: the diff the user approved must still be the truth.
  const fresh = await divisions.get(before.id, { signal });
  if (fresh.name !== before.name || (fresh.description ?? '') !== (before.description ?? '')) {
    throw new GcadoptError(
      'refused',
      `division ${before.id} changed since it was read ("${fresh.name}"); nothing written`,
      {
        hint: 'run the command again to see the current diff',
      },
    );
  }
  try {
    await writeDivisionChecked(divisions, before, wanted, signal, (line) => ctx.debug(line));
  } catch (error) {
    if (isAlreadyExists(error)) {
      throw new GcadoptError(
        'refused',
        `cannot rename to "${wanted.name}": another division took that name meanwhile`,
        { cause: error },
      );
    }
    throw error;
  }
  const after = await divisions.get(before.id, { signal });
  if (!hasValues(after, wanted)) {
    throw new GcadoptError(
      'api',
      `division ${before.id} was written but reads back as "${after.name}" / "${after.description ?? ''}"`,
    );
  }
  ctx.io.stdout.write(`updated division ${after.id}: verified\n`);
}

function resolveDivision(all: readonly Division[], selector: string): Division {
  if (guid.test(selector)) {
    const byId = all.find((d) => d.id.toLowerCase() === selector.toLowerCase());
    if (byId !== undefined) return byId;
  }
  const exact = all.filter((d) => d.name === selector);
  if (exact.length === 1 && exact[0] !== undefined) return exact[0];
  const candidates =
    exact.length > 1 ? exact : all.filter((d) => nameKey(d.name) === nameKey(selector));
  const list = candidates.map((d) => `"${d.name}" (${d.id})`).join(', ');
  if (exact.length > 1)
    throw new GcadoptError('refused', `"${selector}" names ${exact.length} divisions: ${list}`, {
      hint: 'pass the id instead',
    });
  throw new GcadoptError('usage', `no division with id or exact name "${selector}"`, {
    hint:
      candidates.length > 0 ? `did you mean ${list}?` : 'run `gcadopt divisions list` to see them',
  });
}

function diff(current: Division, wanted: DivisionInput): string[] {
  const lines: string[] = [];
  if (current.name !== wanted.name)
    lines.push(`  name:        "${printable(current.name)}" -> "${printable(wanted.name)}"`);
  // The API and the provider treat an absent and an empty description alike.
  if ((current.description ?? '') !== (wanted.description ?? '')) {
    lines.push(
      `  description: "${printable(current.description ?? '')}" -> "${printable(wanted.description ?? '')}"`,
    );
  }
  return lines;
}
