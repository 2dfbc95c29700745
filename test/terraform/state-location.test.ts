import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { readConfig } from '../../src/terraform/config/index.js';
import { locateState } from '../../src/terraform/state-location.js';
import { createTree } from '../helpers/example.js';

async function locate(files: Record<string, string>, env: Record<string, string> = {}) {
  const dir = await createTree(files);
  const scan = await readConfig(dir);
  return { dir, location: await locateState({ dir, backend: scan.backend, env }) };
}

describe('locateState', () => {
  it('is DIR/terraform.tfstate with no backend and no init', async () => {
    const { dir, location } = await locate({ 'main.tf': '' });
    expect(location).toEqual({
      kind: 'local',
      path: join(dir, 'terraform.tfstate'),
      workspace: 'default',
    });
  });

  it('names the backend and the block that declares it, in native and JSON syntax', async () => {
    expect(
      (
        await locate({
          'a.tf': '',
          'b.tf':
            'terraform {\n  required_version = ">= 1.5"\n}\nterraform {\n  backend "consul" {}\n}\n',
        })
      ).location,
    ).toEqual({ kind: 'remote', backend: 'consul', declaredIn: 'b.tf:5' });
    expect(
      (
        await locate({
          'main.tf.json': '{\n  "terraform": {\n    "cloud": {"organization": "o"}\n  }\n}\n',
        })
      ).location,
    ).toMatchObject({ kind: 'remote', backend: 'cloud' });
  });

  it('reads a local backend path given in JSON syntax', async () => {
    const { dir, location } = await locate({
      'main.tf.json': '{"terraform": {"backend": {"local": {"path": "x/y.tfstate"}}}}',
    });
    expect(location).toMatchObject({ kind: 'local', path: join(dir, 'x', 'y.tfstate') });
  });

  it.each([
    ['not JSON', '{"version": 3,', /terraform\.tfstate is not valid JSON/],
    [
      'a backend with no type',
      '{"version": 3, "backend": {"config": {}}}',
      /"backend" has no type/,
    ],
  ])(
    'refuses backend settings that are %s, with one line and the way out',
    async (_what, text, message) => {
      const error = await locate({ 'main.tf': '', '.terraform/terraform.tfstate': text }).catch(
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(InputError);
      expect((error as InputError).message).toMatch(message);
      expect((error as InputError).message).not.toContain('\n');
      expect((error as InputError).hint).toBe('run terraform init again');
    },
  );

  it('refuses a backend path that is not a string', async () => {
    const error = await locate({
      'main.tf': 'terraform {\n  backend "local" {\n    path = 3\n  }\n}\n',
    }).catch((e: unknown) => e);
    expect((error as InputError).message).toBe("main.tf:2: the backend's path must be a string");
  });
});
