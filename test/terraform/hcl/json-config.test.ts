import { describe, expect, it } from 'vitest';
import { parseJsonConfig } from '../../../src/terraform/config/json-config.js';

// Label counts from Terraform's configFileSchema (internal/configs/parser_config.go)
// and its query files' `list` block (internal/configs/query_file.go).
describe('.tf.json top-level blocks', () => {
  it.each([
    ['ephemeral', { random_password: { p: { length: 16 } } }, ['random_password', 'p']],
    [
      'action',
      { aws_lambda_invoke: { a: { config: { function_name: 'f' } } } },
      ['aws_lambda_invoke', 'a'],
    ],
    ['list', { aws_instance: { l: { provider: 'aws' } } }, ['aws_instance', 'l']],
  ])('reads a top-level "%s" block with its two labels', (type, value, labels) => {
    const file = parseJsonConfig(JSON.stringify({ [type]: value }), 'main.tf.json');
    expect(file.body.blocks.map((b) => [b.type, b.labels])).toEqual([[type, labels]]);
  });
});
