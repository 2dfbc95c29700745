import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** The package version, read from package.json (a self-reference, so it works from src, dist and bench builds). */
export const version: string = (require('gcadopt/package.json') as { version: string }).version;
