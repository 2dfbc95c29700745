import { describe, expect, it, vi } from 'vitest';
import { readConfig } from '../../../src/terraform/config/index.js';
import type * as ModuleFilesModule from '../../../src/terraform/config/module-files.js';
import { createTree } from '../../helpers/example.js';

/**
 * How often the scan reads each module folder. Folders are let go once the
 * calls that need them are done; the instances of one call (for_each, count)
 * share one read of every folder below them.
 */
const reads = vi.hoisted(() => new Map<string, number>());
vi.mock('../../../src/terraform/config/module-files.js', async (original) => {
  const actual = await original<typeof ModuleFilesModule>();
  return {
    ...actual,
    readModuleFiles: (dir: string, ...rest: [string, ReadonlySet<string>?]) => {
      reads.set(dir, (reads.get(dir) ?? 0) + 1);
      return actual.readModuleFiles(dir, ...rest);
    },
  };
});

const byFolder = (root: string): Record<string, number> =>
  Object.fromEntries([...reads].map(([dir, n]) => [dir.slice(root.length) || '/', n]));

describe('module folders read by the scan', () => {
  it('once for all instances of a call, however deep the folders below it', async () => {
    reads.clear();
    const dir = await createTree({
      'main.tf':
        'module "o" {\n  source   = "./outer"\n  for_each = toset(["a", "b", "c"])\n  n        = each.key\n}\n',
      'outer/main.tf':
        'variable "n" {}\nmodule "i" {\n  source = "../inner"\n  count  = 2\n  n      = "${var.n}${count.index}"\n}\n',
      'inner/main.tf':
        'variable "n" {}\nmodule "leaf" {\n  source = "../leaf"\n  n      = var.n\n}\n',
      'leaf/main.tf':
        'variable "n" {}\nresource "genesyscloud_auth_division" "d" {\n  name = var.n\n}\n',
    });
    const scan = await readConfig(dir);
    expect(scan.resources.map((r) => r.attributes.name).sort()).toEqual([
      'a0',
      'a1',
      'b0',
      'b1',
      'c0',
      'c1',
    ]);
    expect(byFolder(dir)).toEqual({ '/': 1, '/outer': 1, '/inner': 1, '/leaf': 1 });
  });

  it('again for a folder called from a second module after the first was done with it', async () => {
    reads.clear();
    const dir = await createTree({
      'main.tf': 'module "a" {\n  source = "./a"\n}\nmodule "b" {\n  source = "./b"\n}\n',
      'a/main.tf': 'module "c" {\n  source = "../common"\n}\n',
      'b/main.tf': 'module "c" {\n  source = "../common"\n}\n',
      'common/main.tf': 'resource "genesyscloud_auth_division" "d" {\n  name = "x"\n}\n',
    });
    expect((await readConfig(dir)).resources).toHaveLength(2);
    expect(byFolder(dir)).toEqual({ '/': 1, '/a': 1, '/b': 1, '/common': 2 });
  });
});
