import type { Division } from '../../genesys/client.js';
import { createClientFromContext } from '../client.js';
import type { CommandContext } from '../context.js';
import { withSpinner } from '../spinner.js';
import { renderTable, toCsv } from '../table.js';

/** `gcadopt divisions list`: the org's divisions, home first, then by name. */
export async function run(
  ctx: CommandContext,
  _args: string[],
  opts: Record<string, unknown>,
): Promise<number> {
  const client = await createClientFromContext(ctx);
  const divisions = await withSpinner(ctx, 'Listing divisions', () =>
    client.divisions.list({ signal: ctx.io.signal }),
  );
  const sorted = [...divisions].sort(
    (a, b) =>
      Number(b.homeDivision) - Number(a.homeDivision) ||
      a.name.localeCompare(b.name, 'en') ||
      a.id.localeCompare(b.id),
  );
  ctx.io.stdout.write(render(sorted, String(opts.format)));
  ctx.debug(
    `${client.stats.requests} request(s), ${client.stats.retries} retr(ies), ${client.stats.logins} login(s)`,
  );
  return 0;
}

function render(divisions: readonly Division[], format: string): string {
  if (format === 'json') {
    const rows = divisions.map((d) => ({
      id: d.id,
      name: d.name,
      description: d.description ?? null,
      home: d.homeDivision,
    }));
    return `${JSON.stringify(rows, null, 2)}\n`;
  }
  const rows = divisions.map((d) => [
    d.id,
    d.name,
    d.description ?? '',
    d.homeDivision ? 'yes' : '',
  ]);
  if (format === 'csv') return toCsv(['id', 'name', 'description', 'home'], rows);
  return `${renderTable(['ID', 'NAME', 'DESCRIPTION', 'HOME'], rows)}${divisions.length} division(s)\n`;
}
