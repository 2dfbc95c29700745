import { readdirSync, readFileSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, sep } from 'node:path';
import { EvalError } from '../values.js';
import { cleanPath, expandHome } from './paths.js';
import { fail, UnknownResult, type FileAccess } from './support.js';

/** doublestar (v1) pattern as a RegExp over `/`-separated relative paths. */
function globRegExp(pattern: string): RegExp {
  const segments = cleanPath(pattern).split('/');
  let out = '';
  segments.forEach((seg, i) => {
    const joiner = i === 0 || segments[i - 1] === '**' ? '' : '/';
    if (seg === '**') {
      out += i === segments.length - 1 ? `${joiner}.*` : `${joiner}(?:[^/]+/)*`;
      return;
    }
    out += joiner;
    let braces = 0;
    for (let j = 0; j < seg.length; j++) {
      const c = seg[j] ?? '';
      if (c === '*') out += '[^/]*';
      else if (c === '?') out += '[^/]';
      else if (c === '\\') out += `\\u{${(seg.codePointAt(++j) ?? 0).toString(16)}}`;
      else if (c === '{') {
        braces++;
        out += '(?:';
      } else if (c === '}' && braces > 0) {
        braces--;
        out += ')';
      } else if (c === ',' && braces > 0) out += '|';
      else if (c === '[') {
        const end = seg.indexOf(']', j + 2);
        if (end === -1) fail(`failed to glob pattern ${pattern}: syntax error in pattern`);
        const body = seg.slice(j + 1, end).replace(/^!/, '^');
        out += `[${body.replace(/[\\\]]/g, '\\$&')}]`;
        j = end;
      } else out += `\\u{${(c.codePointAt(0) ?? 0).toString(16)}}`;
    }
  });
  return new RegExp(`^${out}$`, 'u');
}

const maxGlobEntries = 100_000;

/** File access rooted at `cwd` with one read per path, shared by a whole configuration. */
export function createFileAccess(cwd: string): FileAccess {
  const cache = new Map<string, Buffer | EvalError>();
  const resolvePath = (p: string): string => {
    const expanded = expandHome(p);
    return isAbsolute(expanded) ? expanded : join(cwd, expanded);
  };
  return {
    cwd,
    read(path) {
      const full = resolvePath(path);
      let entry = cache.get(full);
      if (entry === undefined) {
        try {
          entry = readFileSync(full);
        } catch (error) {
          const code = (error as NodeJS.ErrnoException).code;
          entry = new EvalError(
            code === 'ENOENT'
              ? `no file exists at ${JSON.stringify(path)}; this function works only with files that are distributed as part of the configuration source code`
              : code === 'EISDIR'
                ? `failed to read file: ${JSON.stringify(path)} is a directory`
                : `failed to read file ${JSON.stringify(path)}: ${code ?? 'error'}`,
          );
        }
        cache.set(full, entry);
      }
      if (entry instanceof EvalError) throw entry;
      return entry;
    },
    exists(path) {
      const info = statSync(resolvePath(path), { throwIfNoEntry: false });
      if (info === undefined) return false;
      if (info.isFile()) return true;
      return fail(
        `${path} is ${info.isDirectory() ? 'a directory, not a file' : 'not a regular file'}`,
      );
    },
    glob(dir, pattern) {
      const root = resolvePath(dir);
      const regex = globRegExp(pattern);
      const found: string[] = [];
      let seen = 0;
      const walk = (folder: string): void => {
        let entries;
        try {
          entries = readdirSync(folder, { withFileTypes: true });
        } catch {
          return;
        }
        for (const entry of entries) {
          if (++seen > maxGlobEntries)
            throw new UnknownResult(`fileset: more than ${maxGlobEntries} entries under ${dir}`);
          const full = join(folder, entry.name);
          const info = entry.isSymbolicLink() ? statSync(full, { throwIfNoEntry: false }) : entry;
          if (info?.isDirectory() === true) walk(full);
          else if (info?.isFile() === true) {
            const rel = relative(root, full).split(sep).join('/');
            if (regex.test(rel)) found.push(rel);
          }
        }
      };
      walk(root);
      return found.sort();
    },
  };
}
