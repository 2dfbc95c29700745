import { kinds as allKinds } from '../kinds/index.js';
import type { Kind } from '../kinds/kind.js';
import type { LiveObject } from '../model.js';
import { runCheck } from '../preflight/engine.js';
import type { CheckResult, FailOn } from '../preflight/types.js';
import type { ConfigImport } from '../terraform/config/index.js';
import { readCheckedTarget, startLogin, type CheckedTarget } from './client.js';
import type { CommandContext } from './context.js';
import { readInputs, type InputOptions, type Inputs } from './inputs.js';
import { parseKinds } from './kinds-option.js';
import { earlyListings, readLive } from './live.js';

/** Inputs, the live org and the engine's result: what check and import share. */
export interface Preflight {
  readonly inputs: Inputs;
  readonly live: ReadonlyMap<string, readonly LiveObject[]>;
  readonly kinds: ReadonlyMap<string, Kind>;
  readonly result: CheckResult;
  /** The org and API host listed; undefined when no kind needed the org. */
  readonly target: CheckedTarget | undefined;
}

const hasKnownId = (i: ConfigImport): boolean => typeof i.id === 'string';

/**
 * Reads inputs, lists the kinds they use (only those `--kinds` names, when
 * given), and runs the engine on those kinds alone.
 */
export async function runPreflight(
  ctx: CommandContext,
  dir: string,
  opts: InputOptions & { failOn?: FailOn; exactNames?: unknown; kinds?: unknown },
): Promise<Preflight> {
  const only = parseKinds(opts.kinds)?.map((k) => k.tfType);
  const checked = (type: string): boolean => allKinds.has(type) && (only?.includes(type) ?? true);
  // The first resource of a kind to check means the org will be asked: the
  // login and the org's name are fetched while the rest of the scan goes on.
  // A kind whose listing does not depend on the names starts listing then too.
  let early: Promise<CheckedTarget> | undefined;
  let stopLogin: (() => void) | undefined;
  const listings = earlyListings(ctx);
  const onResourceType = (type: string): void => {
    const kind = allKinds.get(type);
    if (kind === undefined || !checked(type)) return;
    if (early === undefined) {
      // The login first: the requests below wait for it inside the client.
      stopLogin = startLogin(ctx);
      early = readCheckedTarget(ctx);
      // Awaited below once the kinds are known; a failure is reported there.
      early.catch(() => undefined);
    }
    listings.start(kind);
  };
  try {
    const inputs = await readInputs(ctx, dir, { ...opts, requireConfig: true, onResourceType });
    const used = new Set([...inputs.desired, ...inputs.managed].map((r) => r.type));
    const kinds = new Map([...allKinds].filter(([type]) => used.has(type) && checked(type)));
    const [live, target] = await Promise.all([
      readLive(ctx, [...kinds.values()], inputs, listings),
      kinds.size === 0 ? undefined : (early ?? readCheckedTarget(ctx)),
    ]);
    return { inputs, live, kinds, target, result: check(inputs, live, kinds, opts) };
  } finally {
    listings.stop();
    stopLogin?.();
  }
}

function check(
  inputs: Inputs,
  live: ReadonlyMap<string, readonly LiveObject[]>,
  kinds: ReadonlyMap<string, Kind>,
  opts: { failOn?: FailOn; exactNames?: unknown },
): CheckResult {
  return runCheck({
    desired: inputs.desired,
    managed: inputs.managed,
    live,
    kinds,
    failOn: opts.failOn,
    names: opts.exactNames === true ? 'exact' : 'normalized',
    // A plan exists, so Terraform accepted its import blocks: only the
    // configuration alone can hold one that targets nothing.
    imports: inputs.mode === 'config' ? inputs.imports.filter(hasKnownId) : [],
  });
}
