import { describe, expect, it } from 'vitest';
import { parseFlowDefinition, readFlowDefinition } from '../../src/kinds/flow-yaml.js';
import type { AttributeValue } from '../../src/model.js';
import { createTree } from '../helpers/example.js';

const main = 'inboundCall:\n  name: "{{flow_name}}"\n  defaultLanguage: en-us\n';

describe('parseFlowDefinition: the name and type the Architect job publishes', () => {
  it.each<[string, string, AttributeValue | undefined, unknown]>([
    [
      'a plain inbound call flow',
      'inboundCall:\n  name: Main\n',
      undefined,
      { name: 'Main', type: 'INBOUNDCALL' },
    ],
    // The provider's own example writes `inqueueCall:`; the key's case does not matter.
    [
      'the lower-case q of the provider example',
      'inqueueCall:\n  name: In-Queue Flow\n',
      undefined,
      { name: 'In-Queue Flow', type: 'INQUEUECALL' },
    ],
    ['a workflow', 'workflow:\n  name: Nightly\n', {}, { name: 'Nightly', type: 'WORKFLOW' }],
    [
      'a name as written (no number)',
      'commonModule:\n  name: 2024\n',
      undefined,
      { name: '2024', type: 'COMMONMODULE' },
    ],
    [
      'a substitution, every occurrence',
      main,
      { flow_name: 'Sales IVR' },
      { name: 'Sales IVR', type: 'INBOUNDCALL' },
    ],
    [
      'a substitution of the type key',
      '{{kind}}:\n  name: Main\n',
      { kind: 'inboundEmail' },
      { name: 'Main', type: 'INBOUNDEMAIL' },
    ],
    [
      'a number substitution',
      'bot:\n  name: Bot {{n}}\n',
      { n: 7 },
      { name: 'Bot 7', type: 'BOT' },
    ],
    [
      'an unknown substitution the name does not use',
      'outboundCall:\n  name: Dialer\n  contactList: "{{list}}"\n',
      {
        list: {
          unknown: 'known only after apply (depends on genesyscloud_outbound_contact_list.x.name)',
        },
      },
      { name: 'Dialer', type: 'OUTBOUNDCALL' },
    ],
  ])('%s', async (_what, text, substitutions, expected) => {
    expect(await parseFlowDefinition(text, substitutions, 'flows/x.yaml')).toEqual(expected);
  });

  it.each<[string, string, AttributeValue | undefined, RegExp]>([
    [
      'an unknown substitution in the name',
      main,
      { flow_name: { unknown: 'known only after apply (depends on random_id.x.hex)' } },
      /substitution "flow_name" is not known: known only after apply \(depends on random_id\.x\.hex\)/,
    ],
    [
      'substitutions wholly unknown while the file has {{',
      main,
      { unknown: 'known only after apply' },
      /its substitutions are not known/,
    ],
    [
      'a {{key}} no substitution replaces',
      main,
      { other: 'x' },
      /holds \{\{flow_name\}\}, which no substitution replaces/,
    ],
    [
      'a value holding another key (Go map order decides)',
      main,
      { flow_name: '{{x}}', x: 'y' },
      /depends on the order/,
    ],
    [
      'a YAML error, with file:line:col',
      'inboundCall:\n  name: [Main\n',
      undefined,
      /^flows\/x\.yaml:\d+:\d+: the YAML cannot be read: /,
    ],
    [
      'two flow keys',
      'inboundCall:\n  name: A\ninboundEmail:\n  name: B\n',
      undefined,
      /one top-level flow type key .* not "inboundCall", "inboundEmail"/,
    ],
    ['no flow key', 'flow:\n  name: A\n', undefined, /not "flow"/],
    [
      'a flow without a name',
      'inboundCall:\n  description: x\n',
      undefined,
      /names no inboundCall flow: inboundCall\.name is missing/,
    ],
    ['a list, not a flow', '- a\n- b\n', undefined, /holds no flow/],
    [
      'an alias bomb',
      `a: &a [x, x, x, x, x, x, x, x, x, x]\n${Array.from(
        { length: 8 },
        (_, i) =>
          `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(10)
            .fill(`*${String.fromCharCode(97 + i)}`)
            .join(', ')}]`,
      ).join('\n')}\ninboundCall:\n  name: Main\n`,
      undefined,
      /^flows\/x\.yaml: the YAML cannot be read: .*alias/i,
    ],
  ])('unknown: %s', async (_what, text, substitutions, reason) => {
    const found = await parseFlowDefinition(text, substitutions, 'flows/x.yaml');
    expect(found).toEqual({ unknown: expect.stringMatching(reason) as string });
  });

  it('an unknown substitution that breaks the YAML names the substitution, not the YAML', async () => {
    const text = 'inboundCall:\n  name: Main\n{{list}}\n';
    const found = await parseFlowDefinition(text, { list: { unknown: 'later' } }, 'f.yaml');
    expect(found).toEqual({ unknown: 'substitution "list" is not known: later' });
  });
});

describe('readFlowDefinition: the file at filepath, from the folder Terraform runs in', () => {
  it('reads a relative path (as ${path.module} gives it) against the root', async () => {
    const root = await createTree({ 'modules/ivr/flows/main.yaml': main });
    const attributes = {
      filepath: 'modules/ivr/flows/main.yaml',
      substitutions: { flow_name: 'Main' },
    };
    expect(await readFlowDefinition(attributes, root)).toEqual({
      name: 'Main',
      type: 'INBOUNDCALL',
    });
  });

  it.each<[string, Record<string, AttributeValue>, RegExp]>([
    [
      'a missing file',
      { filepath: './flows/gone.yaml' },
      /^its YAML file flows\/gone\.yaml does not exist \(apply would fail\)$/,
    ],
    ['an S3 path', { filepath: 's3://bucket/flows/main.yaml' }, /downloaded at apply/],
    ['an https URL', { filepath: 'https://example.test/main.yaml' }, /downloaded at apply/],
    [
      'an unknown filepath',
      { filepath: { unknown: 'variable "dir" is not declared' } },
      /its filepath is not known: variable "dir" is not declared/,
    ],
    ['no filepath', {}, /it has no filepath/],
    ['a folder', { filepath: 'flows' }, /flows cannot be read \(EISDIR\)/],
  ])('unknown: %s', async (_what, attributes, reason) => {
    const root = await createTree({ 'flows/main.yaml': main });
    expect(await readFlowDefinition(attributes, root)).toEqual({
      unknown: expect.stringMatching(reason) as string,
    });
  });
});
