import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it, onTestFinished } from 'vitest';
import { emulatorEnv } from '../helpers/cli-env.js';
import { seedDivisions, startTestEmulator } from '../helpers/emulator.js';

const run = promisify(execFile);
const bin = fileURLToPath(new URL('../../bin/gcadopt.js', import.meta.url));
const root = fileURLToPath(new URL('../../', import.meta.url));

/**
 * What each file of the CLI bundle holds (esbuild's metafile, written by
 * scripts/build-cli.js): a loaded chunk stands for the packages and command
 * bodies bundled into it.
 */
const bundle = JSON.parse(readFileSync(join(root, 'dist/cli-bundle/meta.json'), 'utf8')) as {
  outputs: Record<string, { inputs: Record<string, unknown> }>;
};

/** A package name for a file of node_modules, a command body by its source path, else nothing. */
function whatLoaded(path: string): string | undefined {
  const pkg = /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(path)?.[1];
  if (pkg !== undefined) return pkg;
  return path.startsWith('src/cli/commands/') ? path : undefined;
}

/** The packages and command bodies one loaded file stands for. */
function contentsOf(url: string): string[] {
  if (!url.startsWith('file:')) return [];
  const path = relative(root, fileURLToPath(url)).split(sep).join('/');
  const inputs = bundle.outputs[path]?.inputs;
  const sources = inputs === undefined ? [path] : Object.keys(inputs);
  return sources.map(whatLoaded).filter((what) => what !== undefined);
}

/**
 * A module hook that appends every resolved file to a log: what a real process
 * of the built bin loads, as the user's machine would load it.
 */
const hook = `
import { appendFileSync } from 'node:fs';
let log;
export function initialize(data) { log = data.log; }
export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  appendFileSync(log, result.url + '\\n');
  return result;
}
`;

/** Runs the built bin with `args` and returns its stdout and the packages and command bodies it loaded. */
async function runTraced(
  args: readonly string[],
  env: Record<string, string>,
): Promise<{ stdout: string; packages: Set<string>; commands: Set<string> }> {
  const dir = mkdtempSync(join(tmpdir(), 'gcadopt-loading-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  const log = join(dir, 'loaded.txt');
  writeFileSync(log, '');
  writeFileSync(join(dir, 'hook.mjs'), hook);
  const register = join(dir, 'register.mjs');
  writeFileSync(
    register,
    `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(join(dir, 'hook.mjs')).href)}, { data: { log: ${JSON.stringify(log)} } });\n`,
  );
  // Only PATH is kept: a proxy variable of this machine must not change what loads.
  // Exit 2 (a blocking finding) is an answer too.
  const { stdout } = await run(process.execPath, ['--import', register, bin, ...args], {
    env: { PATH: process.env['PATH'] ?? '', ...env },
  }).catch((error: { code?: unknown; stdout?: string }) => {
    if (error.code !== 2) throw error;
    return { stdout: error.stdout ?? '' };
  });
  const loaded = readFileSync(log, 'utf8').split('\n').flatMap(contentsOf);
  const commands = new Set(loaded.filter((what) => what.startsWith('src/')));
  const packages = new Set(loaded.filter((what) => !commands.has(what)));
  return { stdout, packages, commands };
}

/** The packages alone, without the command bodies the trace also records. */
const packages = (traced: { packages: Set<string> }): string[] =>
  [...traced.packages].filter((p) => !p.includes('/dist/cli/commands/')).sort();

describe('what a command loads (built bin)', () => {
  it('lists divisions over Node’s own http module, without undici’s package or zod', async () => {
    const emulator = await startTestEmulator({ seed: { divisions: seedDivisions(250) } });
    const { stdout, packages } = await runTraced(
      ['divisions', 'list', '--format', 'json'],
      emulatorEnv(emulator),
    );
    const listed = JSON.parse(stdout) as { name: string }[];
    expect(listed).toHaveLength(251);
    expect(listed.map((d) => d.name)).toContain('Division 0250');
    expect([...packages].filter((p) => p !== 'commander' && p !== 'picocolors')).toEqual([]);
    expect(packages.has('undici')).toBe(false);
    expect(packages.has('zod')).toBe(false);
  });

  it('still loads undici when a proxy applies, and reaches a loopback API directly', async () => {
    const emulator = await startTestEmulator({ seed: { divisions: seedDivisions(3) } });
    // Nothing listens on this proxy: a request sent through it would fail.
    const { stdout, packages } = await runTraced(
      ['divisions', 'list', '--format', 'json'],
      emulatorEnv(emulator, {
        HTTPS_PROXY: 'http://127.0.0.1:9',
        HTTP_PROXY: 'http://127.0.0.1:9',
      }),
    );
    expect(JSON.parse(stdout)).toHaveLength(4);
    expect(packages.has('undici')).toBe(true);
  });

  it('checks a configuration with no state file without zod or yaml, and yamldecode still answers', async () => {
    const emulator = await startTestEmulator({ seed: { divisions: seedDivisions(3) } });
    const dir = mkdtempSync(join(tmpdir(), 'gcadopt-loading-config-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const check = ['--no-token-cache', 'check', dir, '--format', 'json'];
    const division = (name: string): string =>
      `resource "genesyscloud_auth_division" "d" {\n  name = ${name}\n}\n`;
    writeFileSync(join(dir, 'main.tf'), division('"Division 0001"'));
    const plain = await runTraced(check, emulatorEnv(emulator));
    expect(JSON.parse(plain.stdout)).toMatchObject({ summary: { blocking: 1, checked: 1 } });
    expect(packages(plain)).toEqual(['commander', 'picocolors']);
    expect([...plain.commands]).toEqual(['src/cli/commands/check.ts']);
    // The same name, read from YAML: the library loads when a function asks for it
    // (with require, which the hook does not see; the finding shows it answered).
    writeFileSync(join(dir, 'main.tf'), division('yamldecode("name: Division 0001").name'));
    const yaml = await runTraced(check, emulatorEnv(emulator));
    expect(JSON.parse(yaml.stdout)).toMatchObject({ summary: { blocking: 1, checked: 1 } });
  });

  it('prints help without loading any command’s dependencies', async () => {
    const { stdout, packages, commands } = await runTraced(['--help'], {});
    expect(stdout).toContain('Usage: gcadopt');
    expect([...packages].filter((p) => p !== 'commander')).toEqual([]);
    expect([...commands]).toEqual([]);
  });

  it.each([['check'], ['auth', 'status']])(
    'prints `%s --help`, example and exit codes included, without loading the command',
    async (...path) => {
      const { stdout, packages, commands } = await runTraced([...path, '--help'], {});
      expect(stdout).toContain(`Examples:\n  $ gcadopt ${path.join(' ')}`);
      expect(stdout).toContain('Exit codes:\n  0  ');
      expect([...packages].filter((p) => p !== 'commander')).toEqual([]);
      expect([...commands]).toEqual([]);
    },
  );
});
