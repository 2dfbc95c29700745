import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** Set by the CLI bundle's build (scripts/build-cli.js); absent in src, dist and bench builds. */
declare const GCADOPT_VERSION: string | undefined;

/**
 * The package version: written into the CLI bundle when it is built, so a
 * command does not resolve and read package.json to start; elsewhere read
 * from package.json (a self-reference, so it works from src, dist and bench
 * builds).
 */
export const version: string =
  typeof GCADOPT_VERSION === 'string'
    ? GCADOPT_VERSION
    : (packageRequire()('gcadopt/package.json') as { version: string }).version;

/**
 * A file of the package by its path from the package root: the same from src,
 * dist, the CLI bundle and bench builds, wherever the module itself lies.
 */
export function packageFile(path: string): string {
  return join(dirname(packageRequire().resolve('gcadopt/package.json')), path);
}

function packageRequire(): NodeJS.Require {
  return createRequire(import.meta.url);
}
