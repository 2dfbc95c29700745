import { ApiError } from '../../genesys/api-error.js';
import { kinds } from '../../kinds/index.js';
import type { Kind } from '../../kinds/kind.js';
import { printable } from '../../report/printable.js';
import { createClientFromContext, type CliClient } from '../client.js';
import type { CommandContext } from '../context.js';

/**
 * `gcadopt auth status`: where the credentials came from, the endpoints, the
 * org, the token's expiry, and whether each kind can be listed. Exit 1 when
 * any of it is missing: a check would fail on it.
 */
export async function run(ctx: CommandContext): Promise<number> {
  const client = await createClientFromContext(ctx);
  const out = (line: string): void => void ctx.io.stdout.write(`${printable(line)}\n`);
  out(`credentials: from ${client.credentialsFrom}`);
  out(`region: ${client.region ?? '(none: the API URL is given)'}`);
  out(`api: ${client.apiUrl}`);
  out(`login: ${client.loginUrl}`);
  // The org comes first: it logs in, so a refused login ends the run here.
  const org = await client.organization.me({ signal: ctx.io.signal });
  out(`org: ${JSON.stringify(org.name)} (${org.id})`);
  out(`token: ${describeExpiry(client.tokenExpiresAt, Date.now())}`);
  const all = [...kinds.values()];
  const direct = all.filter((k) => parentPath(k) === undefined);
  const asked = new Map(
    await Promise.all(direct.map(async (k) => [k, await probe(ctx, client, k)] as const)),
  );
  // A kind listed per parent object (outbound routes per site) can only be
  // listed when its parents can: it says what its parents' probe said.
  const probes = all.map((k) => {
    const own = asked.get(k);
    if (own !== undefined) return own;
    const parent = direct.find((d) => d.family.path === parentPath(k));
    const via = parent === undefined ? undefined : asked.get(parent);
    if (parent === undefined || via === undefined)
      return { ok: true, text: `${k.plural}: not probed (listed per parent object)` };
    const text = via.ok ? 'permitted' : 'not permitted';
    return {
      ok: via.ok,
      text: `${k.plural}: ${text} (listed per ${parent.noun}, as ${parent.plural})`,
    };
  });
  out('listing:');
  for (const line of probes) out(`  ${line.text}`);
  return probes.every((p) => p.ok) ? 0 : 1;
}

/** The listing a nested family's path hangs from (`…/sites` of `…/sites/{siteId}/outboundroutes`). */
function parentPath(kind: Kind): string | undefined {
  const at = kind.family.path.indexOf('/{');
  return at < 0 ? undefined : kind.family.path.slice(0, at);
}

function describeExpiry(expiresAt: number | undefined, now: number): string {
  if (expiresAt === undefined) return 'given by GENESYSCLOUD_ACCESS_TOKEN (expiry unknown)';
  const minutes = Math.max(0, Math.round((expiresAt - now) / 60_000));
  const left = minutes >= 60 ? `${Math.floor(minutes / 60)}h ${minutes % 60}m` : `${minutes}m`;
  return `expires ${new Date(expiresAt).toISOString()} (in ${left})`;
}

/**
 * Asks for one kind's smallest page (one object, one request): whether it may
 * be listed, not what it holds. A 403 names the permission the API says is missing.
 */
async function probe(
  ctx: CommandContext,
  client: CliClient,
  kind: Kind,
): Promise<{ ok: boolean; text: string }> {
  try {
    await client.entities(kind.family).firstPage({ pageSize: 1, signal: ctx.io.signal });
    return { ok: true, text: `${kind.plural}: permitted` };
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 403) throw error;
    const missing = /permission\(s\):\s*\[?([^\]]+)\]?/i.exec(error.message)?.[1];
    const why = missing === undefined ? error.message : `missing permission ${missing.trim()}`;
    return { ok: false, text: `${kind.plural}: not permitted: ${why}` };
  }
}
