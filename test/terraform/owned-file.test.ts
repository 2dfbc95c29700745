import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderBlock, importBlock } from '../../src/terraform/hcl-writer.js';
import { readOwnedFile, rewriteOwnedFile } from '../../src/terraform/owned-file.js';

const header = '# Written by gcadopt import: test.\n\n';

function owned(name: string): string {
  return renderBlock(importBlock(`t.n["${name}"]`, `id-${name}`, [`gcadopt: thing ${name}`]));
}

/** User blocks whose braces hide in strings, comments and heredocs. */
const tricky = [
  'resource "t" "a" {\n  name = "} {"\n  # }\n}\n',
  'resource "t" "b" {\n  name = <<-EOT\n    }\n    /* not a comment }\n    EOT\n  tags = { a = "}" }\n}\n',
  'moved {\n  from = t.old\n  to   = t.b\n} # trailing } comment\n',
  'resource "t" "c" {\n  name = "}/*"\n}\n# */\n',
  '/* a block comment above\n   with } braces */\nimport {\n  to = t.n["x"]\n  id = var.x\n}\n',
  'resource "t" "d" {\r\n  name = "crlf"\r\n}\r\n',
];

describe('readOwnedFile', () => {
  it("finds the exact range of every block and which ones are gcadopt's", () => {
    const parts = [header, owned('a'), '\n', ...tricky.flatMap((t) => [t, '\n']), owned('b')];
    const text = parts.join('');
    const file = readOwnedFile(text, 'imports.tf');
    expect(file.blocks.map((b) => b.owned)).toEqual([
      true,
      false,
      false,
      false,
      false,
      false,
      false,
      true,
    ]);
    const user = file.blocks.filter((b) => !b.owned).map((b) => text.slice(b.start, b.end));
    // A block ends with its `}` line; a comment after the brace or below it is outside.
    expect(user).toEqual([
      tricky[0],
      tricky[1],
      'moved {\n  from = t.old\n  to   = t.b\n}',
      'resource "t" "c" {\n  name = "}/*"\n}\n',
      'import {\n  to = t.n["x"]\n  id = var.x\n}\n',
      tricky[5],
    ]);
    expect(file.blocks[0]?.marker).toBe('thing a');
    expect(text.slice(file.blocks[0]?.start, file.blocks[0]?.end)).toBe(owned('a'));
  });

  it("counts a user comment above the marker as the user's, and a block without the marker too", () => {
    const text = `${header}# mine\n${owned('a')}\n# thing b\nimport {\n  to = t.n["b"]\n  id = "b"\n}\n`;
    const file = readOwnedFile(text, 'imports.tf');
    expect(file.blocks.map((b) => b.owned)).toEqual([true, false]);
    const rewritten = rewriteOwnedFile(file, new Set([file.blocks[0]!]), []);
    expect(rewritten).toBe(
      `${header}# mine\n# thing b\nimport {\n  to = t.n["b"]\n  id = "b"\n}\n`,
    );
  });

  it('keeps every byte outside the blocks it drops, whatever it drops and adds', () => {
    const pieces = [owned('a'), ...tricky, owned('b'), owned('c')];
    fc.assert(
      fc.property(
        fc.shuffledSubarray(pieces, { minLength: 1 }),
        fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }),
        fc.boolean(),
        (chosen, dropMask, add) => {
          const text = header + chosen.join('\n');
          const file = readOwnedFile(text, 'f.tf');
          const drop = new Set(file.blocks.filter((b, i) => b.owned && dropMask[i] === true));
          const added = add ? [owned('new')] : [];
          const out = rewriteOwnedFile(file, drop, added);
          const again = readOwnedFile(out, 'f.tf');
          const texts = (f: typeof file) =>
            f.blocks.map((b) => f.text.slice(b.start, b.end).trimEnd());
          const kept = file.blocks.filter((b) => !drop.has(b));
          expect(texts(again)).toEqual([
            ...texts({ ...file, blocks: kept }),
            ...(add ? [owned('new').trimEnd()] : []),
          ]);
          expect(out.startsWith(header.trimEnd())).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });
});
