// Bundles the CLI into dist/cli-bundle/: one file per command (code splitting
// keeps each command's dynamic import lazy) instead of dozens of modules, so a
// command starts without resolving and compiling each of them. The library
// (dist/index.js and its .d.ts) stays tsc's output. Packages that load only
// when a command needs them (undici, zod, yaml, gRPC, ...) stay outside.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { build } from 'esbuild';

const outdir = 'dist/cli-bundle';
const bundled = new Set(['commander', 'picocolors', 'yocto-spinner']);
const { dependencies, version } = JSON.parse(readFileSync('package.json', 'utf8'));

rmSync(outdir, { recursive: true, force: true });
const result = await build({
  entryPoints: { main: 'src/cli/main.ts', io: 'src/cli/io.ts' },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20.19',
  sourcemap: true,
  sourcesContent: false,
  metafile: true,
  logLevel: 'warning',
  chunkNames: '[name]-[hash]',
  external: Object.keys(dependencies).filter((name) => !bundled.has(name)),
  // src/cli/version.ts: the version is known here, so a command need not read package.json.
  define: { GCADOPT_VERSION: JSON.stringify(version) },
  // commander is CommonJS: its require() of Node's modules needs a real one,
  // made on first use (making one costs time, and most chunks never call it).
  // commander requires node:child_process as it loads, for executable
  // subcommands gcadopt never has: that module loads on first use instead.
  banner: {
    js: [
      "import { createRequire as __gcadoptCreateRequire } from 'node:module';",
      'let __gcadoptRequire;',
      'const __gcadoptLoad = (id) => (__gcadoptRequire ??= __gcadoptCreateRequire(import.meta.url))(id);',
      "const require = (id) => id === 'node:child_process' ? new Proxy({}, { get: (_, key) => __gcadoptLoad(id)[key] }) : __gcadoptLoad(id);",
    ].join('\n'),
  },
});
// Which source files and packages each output holds: test/cli/module-loading.test.ts
// reads it to tell what a command loaded. Not part of the package (see "files").
writeFileSync(`${outdir}/meta.json`, JSON.stringify(result.metafile));
