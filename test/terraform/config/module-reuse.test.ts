import { describe, expect, it } from 'vitest';
import { readConfig } from '../../../src/terraform/config/index.js';
import { divisionNames } from '../../helpers/config-names.js';
import { createTree } from '../../helpers/example.js';

/**
 * A module folder's parsed files are let go once the calls known to need
 * them are evaluated; a folder called again from elsewhere is read again.
 * Either way every call sees the same files.
 */
describe('a module folder called from several places', () => {
  const common =
    'variable "n" {}\nresource "genesyscloud_auth_division" "d" {\n  name = "${var.n} ${local.suffix}"\n}\nlocals {\n  suffix = "div"\n}\n';

  it('serves every call: siblings, a for_each, and calls from other modules', async () => {
    const dir = await createTree({
      'main.tf': [
        'module "one" {\n  source = "./common"\n  n      = "one"\n}',
        'module "many" {\n  source   = "./common"\n  for_each = toset(["x", "y"])\n  n        = each.key\n}',
        'module "a" {\n  source = "./a"\n}',
        'module "b" {\n  source = "./b"\n}',
        '',
      ].join('\n'),
      'common/main.tf': common,
      'a/main.tf': 'module "inner" {\n  source = "../common"\n  n      = "from a"\n}\n',
      'b/main.tf': 'module "inner" {\n  source = "../common"\n  n      = "from b"\n}\n',
    });
    expect(await divisionNames(dir)).toEqual({
      'module.one.genesyscloud_auth_division.d': 'one div',
      'module.many["x"].genesyscloud_auth_division.d': 'x div',
      'module.many["y"].genesyscloud_auth_division.d': 'y div',
      'module.a.module.inner.genesyscloud_auth_division.d': 'from a div',
      'module.b.module.inner.genesyscloud_auth_division.d': 'from b div',
    });
    const scan = await readConfig(dir);
    expect(scan.files).toEqual(['a/main.tf', 'b/main.tf', 'common/main.tf', 'main.tf']);
    expect(scan.locate('module.b.module.inner.genesyscloud_auth_division.d')).toEqual({
      file: 'common/main.tf',
      line: 2,
    });
  });
});
