import { describe, expect, it } from 'vitest';
import { parseJsonConfig } from '../../../src/terraform/config/json-config.js';

// Label counts from Terraform's configFileSchema (internal/configs/parser_config.go)
// and its query files' `list` block (internal/configs/query_file.go).
describe('.tf.json top-level blocks', () => {
  it.each([
    ['terraform', { required_version: '>= 1.5' }, []],
    ['locals', { a: 1 }, []],
    ['moved', { from: 'a.b', to: 'a.c' }, []],
    ['removed', { from: 'a.b' }, []],
    ['import', { to: 'a.b', id: 'x' }, []],
    ['provider', { aws: { region: 'r' } }, ['aws']],
    ['variable', { v: { default: 1 } }, ['v']],
    ['output', { o: { value: 1 } }, ['o']],
    ['module', { m: { source: './m' } }, ['m']],
    ['check', { c: { assert: { condition: true } } }, ['c']],
    ['resource', { t: { n: { a: 1 } } }, ['t', 'n']],
    ['data', { t: { n: { a: 1 } } }, ['t', 'n']],
    ['ephemeral', { random_password: { p: { length: 16 } } }, ['random_password', 'p']],
    [
      'action',
      { aws_lambda_invoke: { a: { config: { function_name: 'f' } } } },
      ['aws_lambda_invoke', 'a'],
    ],
    ['list', { aws_instance: { l: { provider: 'aws' } } }, ['aws_instance', 'l']],
  ])('reads a %s block with its labels', (type, value, labels) => {
    const file = parseJsonConfig(JSON.stringify({ [type]: value }), 'main.tf.json');
    expect(file.body.blocks.map((b) => [b.type, b.labels])).toEqual([[type, labels]]);
  });

  it('rejects a block type Terraform does not know', () => {
    expect(() => parseJsonConfig('{"resources": {}}', 'main.tf.json')).toThrow(
      /main\.tf\.json: unknown block type "resources"/,
    );
  });
});
