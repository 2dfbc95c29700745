import { spawnSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { renderText } from '../../src/report/index.js';
import { evaluate } from '../../src/terraform/config/evaluate.js';
import { constantScope } from '../../src/terraform/config/variables.js';
import { parseHcl } from '../../src/terraform/hcl/parser.js';
import { quoteHclString } from '../../src/terraform/hcl-string.js';
import { emulatorEnv } from '../helpers/cli-env.js';
import { startTestEmulator } from '../helpers/emulator.js';
import { createTree } from '../helpers/example.js';
import { createTestIo } from '../helpers/io.js';
import { createFinding, createResult } from '../report/sample-findings.js';

const terraformOnPath =
  spawnSync('terraform', ['version'], { env: { PATH: process.env.PATH } }).status === 0;
if (!terraformOnPath)
  console.warn('terraform is not on PATH: skipping the terraform fmt check of pasted fixes');

/** Every `fix:` block of a text report, as a user copies it: the lines under `fix:`, dedented. */
function pastedFixes(report: string): string[] {
  const blocks: string[] = [];
  const lines = report.split('\n');
  lines.forEach((line, i) => {
    if (line.trim() !== 'fix:') return;
    const end = lines.findIndex((l, j) => j > i && l.trim() === '}');
    const block = lines.slice(i + 1, end + 1);
    const indent = /^ */.exec(block[0] ?? '')?.[0].length ?? 0;
    blocks.push(`${block.map((l) => l.slice(indent)).join('\n')}\n`);
  });
  return blocks;
}

/** The `to` and `id` of the one import block in `text`, read back by the project's parser. */
function readImport(text: string): { id: unknown; attributes: string[] } {
  const file = parseHcl(text, 'pasted.tf');
  expect(file.body.blocks.map((b) => b.type)).toEqual(['import']);
  const body = file.body.blocks[0]!.body;
  return {
    id: evaluate(body.attributes.get('id')!.expr, constantScope),
    attributes: [...body.attributes.keys()],
  };
}

/** A for_each key needing every kind of escape: quotes, backslash, template sequences, a bidi override. */
const hostileKey = 'Tier "2" ${x} %{y} \\ \u202e';
const hclKey = JSON.stringify(hostileKey).replace(/([$%])\{/g, '$1$1{');

describe("the text report's fix, pasted", () => {
  it('is an import block that parses back to the live id, and that check then reads as an import', async () => {
    const emulator = await startTestEmulator({ seed: { divisions: [{ name: hostileKey }] } });
    const dir = await createTree({
      'main.tf': `resource "genesyscloud_auth_division" "team" {\n  for_each = toset([${hclKey}])\n  name     = each.key\n}\n`,
    });
    const io = createTestIo({ env: emulatorEnv(emulator) });
    expect(await main(['check', dir], io)).toBe(2);
    const [pasted, ...more] = pastedFixes(io.out());
    expect(more).toEqual([]);
    const live = emulator.store.list().find((d) => d.name === hostileKey);
    expect(readImport(pasted!)).toEqual({ id: live?.id, attributes: ['to', 'id'] });
    // The report stays printable: the bidi override is escaped, never shown raw.
    expect(io.out()).not.toContain('\u202e');

    await writeFile(join(dir, 'imports.tf'), pasted!);
    const again = createTestIo({ env: emulatorEnv(emulator) });
    expect(await main(['check', dir, '--format', 'json'], again)).toBe(0);
    const { findings } = JSON.parse(again.out()) as { findings: { kind: string }[] };
    expect(findings.map((f) => f.kind)).not.toContain('conflict');
  });

  it('escapes an id that holds quotes and template sequences', () => {
    const id = 'a"b ${c} %{d} \\e';
    const finding = createFinding({
      kind: 'conflict',
      address: 'genesyscloud_auth_division.x',
      message: 'exists',
      fix: { import: { to: 'genesyscloud_auth_division.x', id } },
    });
    const [pasted] = pastedFixes(renderText(createResult([finding])));
    expect(pasted).toBe(
      'import {\n  to = genesyscloud_auth_division.x\n  id = "a\\"b $${c} %%{d} \\\\e"\n}\n',
    );
    expect(readImport(pasted!).id).toBe(id);
  });

  it.skipIf(!terraformOnPath)('is what terraform fmt writes', async () => {
    const to = `module.bu[${quoteHclString(hostileKey)}].genesyscloud_auth_division.team`;
    const finding = createFinding({
      kind: 'conflict',
      address: to,
      message: 'exists',
      fix: { import: { to, id: 'a"b ${c} \\e' } },
    });
    const [pasted] = pastedFixes(renderText(createResult([finding])));
    const dir = await createTree({ 'imports.tf': pasted! });
    const fmt = spawnSync('terraform', ['fmt', '-check', '-diff', 'imports.tf'], {
      cwd: dir,
      encoding: 'utf8',
      env: { PATH: process.env.PATH, HOME: dir, CHECKPOINT_DISABLE: '1' },
    });
    expect(fmt.stdout + fmt.stderr).toBe('');
    expect(fmt.status).toBe(0);
  });
});
