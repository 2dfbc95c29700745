#!/usr/bin/env node
// The CLI is bundled (scripts/build-cli.js): with --debug, stack traces name
// the source files, which needs source maps on before the bundle loads.
if (process.argv.includes('--debug')) process.setSourceMapsEnabled(true);
const [{ createProcessIo }, { main }] = await Promise.all([
  import('../dist/cli-bundle/io.js'),
  import('../dist/cli-bundle/main.js'),
]);

process.exitCode = await main(process.argv.slice(2), createProcessIo());
