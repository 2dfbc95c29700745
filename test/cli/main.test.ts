import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { createTestIo } from '../helpers/io.js';

describe('main', () => {
  it('prints help for the program and exits 0', async () => {
    const io = createTestIo();
    expect(await main(['--help'], io)).toBe(0);
    expect(io.out()).toContain('Usage: gcadopt');
    expect(io.out()).toMatch(/check .*\[dir\]/);
  });

  it('prints the version', async () => {
    const io = createTestIo();
    expect(await main(['--version'], io)).toBe(0);
    expect(io.out()).toMatch(/^\d+\.\d+\.\d+\n$/);
  });

  it('rejects an unknown option with exit 1 and no stack', async () => {
    const io = createTestIo();
    expect(await main(['check', '--bogus'], io)).toBe(1);
    expect(io.err()).toContain("unknown option '--bogus'");
    expect(io.err()).not.toMatch(/\n\s+at /);
  });

  it('rejects a bad choice for --format', async () => {
    const io = createTestIo();
    expect(await main(['divisions', 'list', '--format', 'xml'], io)).toBe(1);
    expect(io.err()).toContain('xml');
  });
});
