import { readFile, stat } from 'node:fs/promises';
import { InputError } from '../errors.js';

const maxBytes = 512 * 1024 * 1024;

/** Reads and parses a JSON file, with one clear line for every way that fails. */
export async function readJsonFile(path: string, what: string): Promise<unknown> {
  let text: string;
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new InputError(`${what} ${path} is not a file`, { file: path });
    if (info.size > maxBytes)
      throw new InputError(`${what} ${path} is larger than 512 MiB`, { file: path });
    text = await readFile(path, 'utf8');
  } catch (error) {
    if (error instanceof InputError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(
      `cannot read ${what} ${path}${code === 'ENOENT' ? ': no such file' : ''}`,
      { file: path, cause: error },
    );
  }
  return parseJsonText(text, path, what);
}

/** Parses JSON text; errors name the file and what was expected. */
export function parseJsonText(text: string, path: string, what: string): unknown {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === '') throw new InputError(`${what} ${path} is empty`, { file: path });
  try {
    return JSON.parse(body) as unknown;
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new InputError(`${what} ${path} is not valid JSON (${detail})`, {
      file: path,
      cause: error,
    });
  }
}

/** Formats zod-style issues as `path: message` lines. */
export function describeIssues(
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
): string[] {
  return issues
    .slice(0, 20)
    .map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`);
}
