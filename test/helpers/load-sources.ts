/**
 * Setup file of `vitest.mutate.config.ts`: loads every module under src/ before
 * the tests run. The CLI imports its commands (and they the renderers and safe
 * writes) lazily, inside a test; Stryker would then count a module-level
 * constant as covered by that one test only, and never run the others against
 * its mutants. Loaded here, such constants count as static and every test runs.
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../src/', import.meta.url));
const files = readdirSync(root, { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
  .sort();
// A module whose loading throws (a mutant can do that) must fail the tests that use it, as
// it would without this file, not the setup of every test file: the error stays cached in
// the module and is thrown again where a test imports it.
for (const file of files) await import(`${root}${file}`).catch(() => undefined);
