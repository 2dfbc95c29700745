import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { createTestIo } from '../helpers/io.js';

async function help(path: readonly string[]): Promise<string> {
  const io = createTestIo({ env: {} });
  expect(await main([...path, '--help'], io)).toBe(0);
  expect(io.err()).toBe('');
  return io.out();
}

/** The commands a help page lists (`help` aside). */
function listedCommands(page: string): string[] {
  const section = page.split('\nCommands:\n')[1] ?? '';
  return [...section.matchAll(/^ {2}([a-z]+)\b/gm)]
    .map((m) => m[1] ?? '')
    .filter((name) => name !== 'help');
}

/** Every command a user can run, groups expanded: `check`, ..., `auth status`. */
async function everyCommand(): Promise<string[][]> {
  const paths: string[][] = [];
  for (const name of listedCommands(await help([]))) {
    const page = await help([name]);
    const subcommands = listedCommands(page);
    if (subcommands.length === 0) paths.push([name]);
    else for (const sub of subcommands) paths.push([name, sub]);
  }
  return paths;
}

/** The rows of one section (`Exit codes:`) of a help page. */
function section(page: string, title: string): string[] {
  const body = page.split(`\n${title}:\n`)[1] ?? '';
  return body
    .split('\n\n')[0]!
    .split('\n')
    .filter((l) => l !== '');
}

const apiCommands = [
  'check',
  'import',
  'generate',
  'list',
  'adopt',
  'auth status',
  'divisions list',
  'divisions update',
];

describe('each command’s --help', () => {
  it('shows an example, the environment it reads and its exit codes', async () => {
    const paths = await everyCommand();
    expect(paths.map((p) => p.join(' '))).toEqual(
      expect.arrayContaining([...apiCommands, 'emulator', 'serve', 'provider', 'demo']),
    );
    for (const path of paths) {
      const name = path.join(' ');
      const page = await help(path);
      const examples = section(page, 'Examples');
      expect(examples.length, name).toBeGreaterThan(0);
      for (const line of examples)
        expect(line, name).toMatch(new RegExp(`^ {2}\\$ gcadopt ${name}\\b`));
      expect(section(page, 'Environment').length, name).toBeGreaterThan(0);
      const codes = section(page, 'Exit codes').map((l) => /^ {2}(\d+) {2}\S/.exec(l)?.[1]);
      expect(codes, name).toContain('0');
      expect(codes, name).toContain('1');
      expect(codes, name).not.toContain(undefined);
    }
  });

  it.each(apiCommands)('%s names the credential variables', async (name) => {
    const env = section(await help(name.split(' ')), 'Environment').join('\n');
    expect(env).toContain('GENESYSCLOUD_OAUTHCLIENT_ID');
    expect(env).toContain('GENESYSCLOUD_REGION');
    expect(env).toContain('GCADOPT_API_URL');
  });

  it('check says what exit code 2 means', async () => {
    expect(section(await help(['check']), 'Exit codes')).toEqual([
      '  0  no finding at or above --fail-on: apply will not collide',
      '  2  findings at or above --fail-on: terraform apply would fail',
      '  1  error (bad input, credentials, network): one line on stderr',
    ]);
  });
});
