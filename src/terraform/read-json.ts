import { InputError } from '../errors.js';
import { maxJsonBytes, readTextFile } from '../read-text-file.js';

/**
 * Reads and parses a JSON file (`what` names it in messages, e.g. "plan"),
 * with one clear InputError line for every way that fails: missing, not a
 * regular file, larger than `maxJsonBytes`, empty, not JSON or truncated.
 */
export async function readJsonFile(path: string, what: string): Promise<unknown> {
  return parseJsonText(await readTextFile(path, { what, maxBytes: maxJsonBytes }), path, what);
}

/** Parses JSON text (a leading BOM is allowed); errors name the file, line and column. */
export function parseJsonText(text: string, path: string, what: string): unknown {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === '') throw new InputError(`${what} ${path} is empty`, { file: path });
  // `terraform plan -out` writes a zip archive; its JSON comes from `terraform show -json`.
  if (body.startsWith('PK\u0003\u0004')) {
    throw new InputError(`${what} ${path} is a saved plan file (a zip archive), not JSON`, {
      file: path,
      hint: `Write its JSON with \`terraform show -json ${path} > plan.json\` and pass that.`,
    });
  }
  try {
    return JSON.parse(body) as unknown;
  } catch (error) {
    throw new InputError(`${what} ${path} is not valid JSON (${describeJsonError(error, body)})`, {
      file: path,
      cause: error,
      hint: `Is the file complete? Write only the JSON to it, e.g. \`${what === 'plan' ? 'terraform show -json plan.out > plan.json' : 'terraform state pull > state.json'}\`.`,
    });
  }
}

/** V8's message, with its position as line:column and any quoted source kept to one line. */
function describeJsonError(error: unknown, body: string): string {
  const message = error instanceof Error ? error.message : String(error);
  const at = /^(.*) in JSON at position (\d+)/.exec(message);
  if (at !== null) {
    const offset = Number(at[2]);
    const before = body.slice(0, offset);
    const line = before.split('\n').length;
    const column = offset - before.lastIndexOf('\n');
    const end = offset >= body.trimEnd().length ? ', the file ends too early' : '';
    return `${at[1]} at line ${line} column ${column}${end}`;
  }
  // "Unexpected token 'x', "<source>" is not valid JSON": the source may span lines.
  const flat = message.replace(/\s+/g, ' ');
  return flat.length > 120 ? `${flat.slice(0, 117)}...` : flat;
}

/**
 * Zod-style issues as `path: message` lines, paths like
 * `resource_changes.3.change.actions`; at most `limit` of them.
 */
export function describeIssues(
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
  limit = 100,
): string[] {
  const lines = issues
    .slice(0, limit)
    .map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`);
  if (issues.length > limit) lines.push(`and ${issues.length - limit} more`);
  return lines;
}

/**
 * One InputError for a file whose JSON has the wrong shape: the first few
 * problems in the message, all of them in `problems`.
 */
export function createShapeError(
  file: string,
  what: string,
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
): InputError {
  const problems = describeIssues(issues);
  const shown = problems.slice(0, 3).join('; ');
  const extra = issues.length - 3;
  const more = extra > 0 ? ` (and ${extra} more problem${extra === 1 ? '' : 's'})` : '';
  return new InputError(`${file} is not a valid ${what}: ${shown}${more}`, { file, problems });
}

/**
 * Values of the resources gcadopt reads that nest deeper than this are
 * refused: provider schemas nest a few dozen levels at most, and the walks
 * over values (unknown marks, comparisons, reports) recurse.
 */
export const maxValueDepth = 256;

/** True when `value` nests arrays and objects deeper than `limit` (walked without recursion). */
export function isDeeperThan(value: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    const [current, depth] = item;
    if (typeof current !== 'object' || current === null) continue;
    if (depth >= limit) return true;
    for (const child of Object.values(current)) {
      if (typeof child === 'object' && child !== null) stack.push([child, depth + 1]);
    }
  }
  return false;
}

/** Refuses a resource's values that nest deeper than `maxValueDepth`. */
export function checkValueDepth(file: string, address: string, ...values: unknown[]): void {
  if (values.some((v) => isDeeperThan(v, maxValueDepth))) {
    throw new InputError(
      `${file}: the values of ${address} nest deeper than ${maxValueDepth} levels, more than gcadopt reads`,
      { file },
    );
  }
}
