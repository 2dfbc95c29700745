import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

/** The package version, read from package.json (a self-reference, so it works from src, dist and bench builds). */
export const version: string = (require('gcadopt/package.json') as { version: string }).version;

/**
 * A file of the package by its path from the package root: the same from src,
 * dist, the CLI bundle and bench builds, wherever the module itself lies.
 */
export function packageFile(path: string): string {
  return join(dirname(require.resolve('gcadopt/package.json')), path);
}
