import { GcadoptError } from '../../errors.js';
import type { CommandContext } from '../context.js';

/** Not built yet. */
export function run(
  _ctx: CommandContext,
  _args: string[],
  _opts: Record<string, unknown>,
): Promise<number> {
  return Promise.reject(new GcadoptError('usage', 'check: not built yet'));
}
