import { configDefaults, defineConfig, mergeConfig } from 'vitest/config';
import { config } from './vitest.config.js';

/**
 * The suite Stryker runs against each mutant (`npm run mutate`): the in-process tests only.
 * Files that only spawn the built bin exercise `dist/`, which Stryker does not mutate, so they
 * cannot kill a mutant and would only slow every run down. (`npm run mutate` builds first, so
 * bin tests kept in mixed files still pass the initial run.) Every source module is loaded
 * before the tests (see test/helpers/load-sources.ts) so lazily imported ones are mutated
 * fairly.
 */
export const mutateConfig = mergeConfig(
  config,
  defineConfig({
    test: {
      exclude: [
        ...configDefaults.exclude,
        'test/cli/demo.test.ts',
        'test/robustness/writes.test.ts',
      ],
      setupFiles: ['test/helpers/load-sources.ts'],
    },
  }),
);

export default mutateConfig;
