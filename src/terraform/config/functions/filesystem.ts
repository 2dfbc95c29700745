import { readdirSync, readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { isAbsolute, join, relative, sep } from 'node:path';
import { EvalError, type Value } from '../values.js';
import {
  asMap,
  asString,
  fail,
  nfc,
  UnknownResult,
  type CallContext,
  type FileAccess,
  type Fn,
} from './support.js';

/** Go's filepath.Clean on `/` paths. */
export function cleanPath(p: string): string {
  if (p === '') return '.';
  const rooted = p.startsWith('/');
  const out: string[] = [];
  for (const part of p.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..' && out.length > 0 && out.at(-1) !== '..') out.pop();
    else if (part === '..' && rooted) continue;
    else out.push(part);
  }
  const joined = out.join('/');
  return rooted ? `/${joined}` : joined === '' ? '.' : joined;
}

function basename(p: string): string {
  if (p === '') return '.';
  const trimmed = p.replace(/\/+$/, '');
  if (trimmed === '') return '/';
  return trimmed.slice(trimmed.lastIndexOf('/') + 1);
}

const dirname = (p: string): string => cleanPath(p.slice(0, p.lastIndexOf('/') + 1));

/** mitchellh/go-homedir's Expand: only `~` and `~/…`. */
function expandHome(p: string): string {
  if (!p.startsWith('~')) return p;
  if (p.length > 1 && p[1] !== '/' && p[1] !== '\\') fail('cannot expand user-specific home dir');
  return homedir() + p.slice(1);
}

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

const files = (ctx: CallContext): FileAccess => {
  if (ctx.files === undefined)
    throw new UnknownResult(
      'file functions read files only when gcadopt reads a configuration folder',
    );
  return ctx.files;
};

function readText(ctx: CallContext, path: string): string {
  try {
    return nfc(new TextDecoder('utf-8', { fatal: true }).decode(files(ctx).read(path)));
  } catch (error) {
    if (error instanceof TypeError)
      fail(
        `contents of ${path} are not valid UTF-8; use the filebase64 function to obtain the Base64 encoded contents`,
      );
    throw error;
  }
}

function templateVars(v: Value | undefined): { readonly [key: string]: Value } {
  const vars = asMap(v ?? {}, 'templatefile vars');
  for (const name of Object.keys(vars))
    if (!/^[\p{L}_][\p{L}\p{N}_-]*$/u.test(name))
      fail(
        `invalid template variable name ${JSON.stringify(name)}: must start with a letter, followed by zero or more letters, digits, and underscores`,
      );
  return vars;
}

/** Filesystem functions: paths relative to where terraform runs (the root module). */
export const filesystemFunctions: Readonly<Record<string, Fn>> = {
  abspath: ([p], ctx) => {
    const path = asString(p, 'abspath');
    return cleanPath(
      path.startsWith('/') ? path : `${files(ctx).cwd.split(sep).join('/')}/${path}`,
    );
  },
  basename: ([p]) => basename(asString(p, 'basename')),
  dirname: ([p]) => dirname(asString(p, 'dirname')),
  pathexpand: ([p]) => expandHome(asString(p, 'pathexpand')),
  file: ([p], ctx) => readText(ctx, asString(p, 'file path')),
  filebase64: ([p], ctx) => files(ctx).read(asString(p, 'filebase64 path')).toString('base64'),
  fileexists: ([p], ctx) => files(ctx).exists(asString(p, 'fileexists path')),
  fileset: ([p, pattern], ctx) =>
    files(ctx).glob(asString(p, 'fileset path'), asString(pattern, 'fileset pattern')),
  templatefile: ([p, v], ctx) => {
    const path = asString(p, 'templatefile path');
    return ctx.render(readText(ctx, path), path, templateVars(v));
  },
  templatestring: ([t, v], ctx) =>
    ctx.render(asString(t, 'templatestring template'), 'templatestring', templateVars(v)),
};
