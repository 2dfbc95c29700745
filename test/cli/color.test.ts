import { execFile, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { CliIo, OutStream } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';
import { emulatorEnv } from '../helpers/cli-env.js';
import { startTestEmulator } from '../helpers/emulator.js';
import { copyExample, startExampleOrg } from '../helpers/example.js';

const bin = fileURLToPath(new URL('../../bin/gcadopt.js', import.meta.url));
// eslint-disable-next-line no-control-regex
const sgr = /\u001b\[[0-9;]*m/;

/** A stream that records what is written; a terminal (with the cursor moves a spinner uses) when `tty`. */
function createStream(tty: boolean): OutStream & { text(): string } {
  let text = '';
  const stream = {
    isTTY: tty,
    columns: 80,
    write: (s: string) => (text += s),
    cursorTo: () => true,
    moveCursor: () => true,
    clearLine: () => true,
    text: () => text,
  };
  return stream;
}

async function run(args: string[], env: Record<string, string>, tty: boolean) {
  const stdout = createStream(tty);
  const stderr = createStream(tty);
  const io: CliIo = { stdout, stderr, env, cwd: process.cwd() };
  const code = await main(args, io);
  return { code, out: stdout.text(), err: stderr.text() };
}

const queues = { queues: [{ name: 'Support' }] };

describe('colour: --no-color, NO_COLOR and FORCE_COLOR', () => {
  it('shows the coloured spinner on a terminal, and none when colour is turned off', async () => {
    const emulator = await startTestEmulator({ seed: queues });
    const env = emulatorEnv(emulator);
    const shown = await run(['list', 'queues'], env, true);
    expect(shown.code).toBe(0);
    expect(shown.err).toContain('Listing queues');
    for (const [args, extra] of [
      [['--no-color'], {}],
      [[], { NO_COLOR: '1' }],
      [[], { FORCE_COLOR: '0' }],
      [[], { FORCE_COLOR: 'false' }],
    ] as const) {
      const off = await run(['list', 'queues', ...args], { ...env, ...extra }, true);
      expect(off.code).toBe(0);
      expect(off.out).toContain('Support');
      expect(off.err, JSON.stringify([args, extra])).toBe('');
    }
  });

  it.each([
    ['a terminal', true, true, {}],
    ['a pipe', false, false, {}],
    ['a pipe with FORCE_COLOR=1', true, false, { FORCE_COLOR: '1' }],
    ['a pipe with FORCE_COLOR=3', true, false, { FORCE_COLOR: '3' }],
    ['a pipe with an empty FORCE_COLOR', false, false, { FORCE_COLOR: '' }],
    ['a terminal with FORCE_COLOR=0', false, true, { FORCE_COLOR: '0' }],
    ['a terminal with NO_COLOR', false, true, { NO_COLOR: '1' }],
    ['a pipe with NO_COLOR and FORCE_COLOR=1', false, false, { NO_COLOR: '1', FORCE_COLOR: '1' }],
    ['a terminal with TERM=dumb', false, true, { TERM: 'dumb' }],
  ])('check on %s: coloured %s', async (_, coloured, tty, extra) => {
    const org = await startExampleOrg();
    const dir = await copyExample();
    const { code, out } = await run(
      ['check', dir, '--plan', join(dir, 'plan.json')],
      { ...emulatorEnv(org), ...extra },
      tty,
    );
    expect(code).toBe(2);
    expect(sgr.test(out)).toBe(coloured);
  });

  it('--no-color wins over FORCE_COLOR', async () => {
    const org = await startExampleOrg();
    const dir = await copyExample();
    const { out } = await run(
      ['check', dir, '--plan', join(dir, 'plan.json'), '--no-color'],
      { ...emulatorEnv(org), FORCE_COLOR: '1' },
      true,
    );
    expect(out).not.toMatch(sgr);
  });

  it('a real process colours its piped report with FORCE_COLOR=1 only', async () => {
    const org = await startExampleOrg();
    const dir = await copyExample();
    const report = async (extra: Record<string, string>) => {
      const env = { PATH: process.env.PATH ?? '', ...emulatorEnv(org), ...extra };
      const result = await promisify(execFile)(
        process.execPath,
        [bin, 'check', dir, '--plan', join(dir, 'plan.json')],
        { env, timeout: 20_000 },
      ).catch((error: { stdout: string; code: number }) => error);
      return result.stdout;
    };
    expect(await report({ FORCE_COLOR: '1' })).toMatch(sgr);
    expect(await report({})).not.toMatch(sgr);
  });
});

const script = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;
if (!script) console.warn('script(1) is not on PATH: skipping the spinner test on a real terminal');

describe.skipIf(!script)('the spinner of a real process on a terminal (script(1))', () => {
  /** Runs the built bin on a pseudo-terminal: stdout and stderr are both the terminal. */
  async function onTerminal(args: string[], env: Record<string, string>): Promise<string> {
    const command = [process.execPath, bin, ...args].map((a) => `'${a}'`).join(' ');
    const { stdout } = await promisify(execFile)('script', ['-qec', command, '/dev/null'], {
      env: { PATH: process.env.PATH ?? '', TERM: 'xterm-256color', ...env },
      timeout: 20_000,
    });
    return stdout;
  }

  it('is coloured, and gone with --no-color or NO_COLOR', async () => {
    const emulator = await startTestEmulator({ seed: queues });
    const env = emulatorEnv(emulator);
    const shown = await onTerminal(['list', 'queues'], env);
    expect(shown).toContain('Listing queues');
    expect(shown).toMatch(sgr);
    for (const [args, extra] of [
      [['--no-color'], {}],
      [[], { NO_COLOR: '1' }],
    ] as const) {
      const off = await onTerminal(['list', 'queues', ...args], { ...env, ...extra });
      expect(off).toContain('Support');
      expect(off).not.toContain('Listing queues');
      expect(off).not.toMatch(sgr);
    }
  });
});
