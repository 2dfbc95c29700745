import { homedir } from 'node:os';
import { fail } from './support.js';

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

/** Go's filepath.Base. */
export function basename(p: string): string {
  if (p === '') return '.';
  const trimmed = p.replace(/\/+$/, '');
  if (trimmed === '') return '/';
  return trimmed.slice(trimmed.lastIndexOf('/') + 1);
}

/** Go's filepath.Dir. */
export const dirname = (p: string): string => cleanPath(p.slice(0, p.lastIndexOf('/') + 1));

/** mitchellh/go-homedir's Expand: only `~` and `~/…`. */
export function expandHome(p: string): string {
  if (!p.startsWith('~')) return p;
  if (p.length > 1 && p[1] !== '/' && p[1] !== '\\') fail('cannot expand user-specific home dir');
  return homedir() + p.slice(1);
}
