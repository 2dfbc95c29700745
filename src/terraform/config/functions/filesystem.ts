import { sep } from 'node:path';
import type { Value } from '../values.js';
import { basename, cleanPath, dirname, expandHome } from './paths.js';
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
