import { describe, expect, it } from 'vitest';
import { parseHcl } from '../../../src/terraform/hcl/parser.js';
import { readConfig } from '../../../src/terraform/config/index.js';
import { divisionNames } from '../../helpers/config-names.js';
import { createTree } from '../../helpers/example.js';

/**
 * A module's locals are checked for syntax when its files are read, but
 * their trees are built only when a resource uses them: parseHcl's
 * `lazyLocals` parses them hollow (tuples and objects without items).
 */

const file = [
  'locals {',
  '  tags = {',
  '    "a" = ["x", "y"]',
  '    b   = { c = "d" }',
  '  }',
  '  names = ["Sales", "Ops"]',
  '}',
  'variable "v" {',
  '  default = { keep = ["all"] }',
  '}',
  '',
].join('\n');

describe('parseHcl with lazyLocals', () => {
  it('parses locals hollow, and everything else whole', () => {
    const whole = parseHcl(file, 'main.tf');
    const lazy = parseHcl(file, 'main.tf', { lazyLocals: true });
    const local = (f: typeof whole, name: string) =>
      f.body.blocks[0]?.body.attributes.get(name)?.expr;
    expect(local(whole, 'tags')).toMatchObject({ k: 'object', items: [{}, {}] });
    expect(local(lazy, 'tags')).toEqual({
      k: 'object',
      items: [],
      start: local(whole, 'tags')?.start,
    });
    expect(local(lazy, 'names')).toMatchObject({ k: 'tuple', items: [] });
    // The offsets match: each local can be read again from its own.
    expect(lazy.body.blocks[0]?.body.attributes.get('tags')?.start).toBe(
      whole.body.blocks[0]?.body.attributes.get('tags')?.start,
    );
    expect(lazy.body.blocks[1]).toEqual(whole.body.blocks[1]);
  });

  it.each([
    ['a missing value', '    "b" = \n', 3],
    ['an unclosed tuple', '    "b" = ["x",\n  }\n', 4],
    ['a bad object key separator', '    "b" - "x"\n', 3],
  ])('still reports %s inside a local, with its line', async (_, line, at) => {
    const text = `locals {\n  tags = {\n${line}  }\n}\n`;
    const hollow = () => parseHcl(text, 'main.tf', { lazyLocals: true });
    const whole = () => parseHcl(text, 'main.tf');
    expect(hollow).toThrow(new RegExp(`^main\\.tf:${at}:`));
    let wholeMessage = '';
    try {
      whole();
    } catch (error) {
      wholeMessage = (error as Error).message;
    }
    expect(hollow).toThrow(wholeMessage);
    const dir = await createTree({ 'main.tf': text });
    await expect(readConfig(dir)).rejects.toThrow(wholeMessage);
  });

  it('a local used by a resource is read in full', async () => {
    const dir = await createTree({
      'main.tf': `${file}resource "genesyscloud_auth_division" "d" {\n  for_each = toset(local.names)\n  name     = "\${each.key} \${local.tags.b.c}"\n}\n`,
    });
    expect(await divisionNames(dir)).toEqual({
      'genesyscloud_auth_division.d["Ops"]': 'Ops d',
      'genesyscloud_auth_division.d["Sales"]': 'Sales d',
    });
  });
});
