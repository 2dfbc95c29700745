import { describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main.js';
import { parseJsonConfig } from '../../../src/terraform/config/json-config.js';
import { emulatorEnv } from '../../helpers/cli-env.js';
import { createTree, startExampleOrg } from '../../helpers/example.js';
import { createTestIo } from '../../helpers/io.js';

// Terraform hands the API NFC strings (cty normalises every string), so a name
// typed with a combining mark collides with the live, precomposed one.
describe('names typed in decomposed Unicode', () => {
  it.each([
    [
      'main.tf',
      'resource "genesyscloud_auth_division" "z" {\n  name = "Zu\u0308rich Operations"\n}\n',
    ],
    [
      'main.tf',
      'resource "genesyscloud_auth_division" "z" {\n  name = "Zu\\u0308rich ${"Operations"}"\n}\n',
    ],
    [
      'main.tf.json',
      JSON.stringify({
        resource: { genesyscloud_auth_division: { z: { name: 'Zu\u0308rich Operations' } } },
      }),
    ],
  ])('reach check as NFC: %s %j conflicts with "Zürich Operations"', async (file, text) => {
    const org = await startExampleOrg();
    const dir = await createTree({ [file]: text });
    const io = createTestIo({ env: emulatorEnv(org) });
    const code = await main(['check', dir, '--format', 'json'], io);
    expect(io.err()).toBe('');
    expect(code).toBe(2);
    const report = JSON.parse(io.out()) as { findings: { kind: string; name: string }[] };
    expect(report.findings).toContainEqual(
      expect.objectContaining({ kind: 'conflict', name: 'Z\u00fcrich Operations' }),
    );
  });

  it('are NFC in .tf.json strings', () => {
    const file = parseJsonConfig(
      '{"locals": {"a": "Cafe\u0301", "b": "${x} Cafe\u0301"}}',
      'n.tf.json',
    );
    const body = file.body.blocks[0]?.body;
    expect(body?.attributes.get('a')?.expr).toMatchObject({ k: 'lit', value: 'Caf\u00e9' });
    expect(body?.attributes.get('b')?.expr).toMatchObject({
      k: 'template',
      parts: [{ k: 'interp' }, { k: 'text', text: ' Caf\u00e9' }],
    });
  });
});
