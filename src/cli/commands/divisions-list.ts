import { divisionKind } from '../../kinds/index.js';
import type { CommandContext } from '../context.js';
import { listKind } from './list.js';

/** `gcadopt divisions list`: the same as `gcadopt list divisions`. */
export async function run(
  ctx: CommandContext,
  _args: string[],
  opts: Record<string, unknown>,
): Promise<number> {
  await listKind(ctx, divisionKind, String(opts.format));
  return 0;
}
