import type { Kind } from '../../kinds/kind.js';
import type { LiveObject } from '../../model.js';
import { createClientFromContext } from '../client.js';
import type { CommandContext } from '../context.js';
import { parseKind } from '../kinds-option.js';
import { withSpinner } from '../spinner.js';
import { renderTable, toCsv } from '../table.js';

type Scalar = string | number | boolean | null;

/**
 * `gcadopt list KIND`: the org's objects of one kind, built-in objects (the
 * home division, default roles) first, then by name. Columns: id, name and
 * the attributes the provider manages for that kind.
 */
export async function run(
  ctx: CommandContext,
  args: string[],
  opts: Record<string, unknown>,
): Promise<number> {
  await listKind(ctx, parseKind(args[0] ?? ''), String(opts.format));
  return 0;
}

/** Lists one kind to standard output in `format` (table, json or csv). */
export async function listKind(ctx: CommandContext, kind: Kind, format: string): Promise<void> {
  // The first collator loads ICU's collation data: milliseconds that pass while
  // the login is on the wire (the command starts after the login was sent; the
  // collator is made one turn of the event loop later), not before it goes out,
  // between it and the first page, nor after the last page.
  const collating = new Promise<Intl.Collator>((resolve) =>
    setImmediate(() => resolve(new Intl.Collator('en'))),
  );
  // The listing starts while the login is still on the wire: its first
  // request waits for the token inside the client, and goes out as it comes.
  const client = await createClientFromContext(ctx);
  const listing = withSpinner(ctx, `Listing ${kind.plural}`, () =>
    kind.list(client, { signal: ctx.io.signal }),
  );
  // A failure is thrown by the await below, after this turn of the event loop.
  listing.catch(() => undefined);
  const collator = await collating;
  const objects = await listing;
  // A built-in object is one a plain create of its name would collide with by
  // rule: asked once per object, not once per comparison.
  const ranked = objects.map((o) => ({ o, rank: kind.collision?.({}, o) === undefined ? 1 : 0 }));
  ranked.sort(
    (a, b) =>
      a.rank - b.rank || collator.compare(a.o.name, b.o.name) || a.o.id.localeCompare(b.o.id),
  );
  const sorted = ranked.map((r) => r.o);
  ctx.io.stdout.write(renderObjects(kind, sorted, format));
  ctx.debug(
    `${client.stats.requests} request(s), ${client.stats.retries} retr(ies), ${client.stats.logins} login(s)`,
  );
}

/**
 * The attribute columns: every listed object of a kind carries the same
 * attributes (name first), so the first one names them.
 */
function columnsOf(objects: readonly LiveObject[]): string[] {
  const names = Object.keys(objects[0]?.attributes ?? {}).filter((a) => a !== 'name');
  return ['name', ...names];
}

function cell(value: Scalar | undefined): string {
  if (value === true) return 'yes';
  if (value === false || value === null || value === undefined) return '';
  return String(value);
}

function renderObjects(kind: Kind, objects: readonly LiveObject[], format: string): string {
  const columns = columnsOf(objects);
  const valueOf = (o: LiveObject, column: string): Scalar =>
    column === 'name' ? o.name : (o.attributes[column] ?? null);
  if (format === 'json') {
    const rows = objects.map((o) => {
      const row: Record<string, Scalar> = { id: o.id };
      for (const c of columns) row[c] = valueOf(o, c);
      return row;
    });
    return `${JSON.stringify(rows, null, 2)}\n`;
  }
  const rows = objects.map((o) => [o.id, ...columns.map((c) => cell(valueOf(o, c)))]);
  if (format === 'csv') return toCsv(['id', ...columns], rows);
  const header = ['id', ...columns].map((c) => c.replaceAll('_', ' ').toUpperCase());
  return `${renderTable(header, rows)}${objects.length} ${kind.noun}(s)\n`;
}
