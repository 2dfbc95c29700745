import { describe, expect, it } from 'vitest';
import { flowKind } from '../../src/kinds/flow.js';
import type { Attributes, DesiredResource, LiveObject } from '../../src/model.js';
import { runCheck } from '../../src/preflight/engine.js';
import { createTree } from '../helpers/example.js';

const T = 'genesyscloud_flow';
const flow = (id: string, name: string, type: string): LiveObject => ({
  id,
  name,
  attributes: { name, type },
});
const org = [
  flow('88888888-0000-4000-8000-000000000001', 'Main', 'INBOUNDCALL'),
  flow('88888888-0000-4000-8000-000000000002', 'Main', 'INBOUNDEMAIL'),
];
const want = (address: string, attributes: Attributes): DesiredResource => ({
  type: T,
  address,
  action: 'create',
  attributes,
});
const check = (desired: DesiredResource[]) =>
  runCheck({ desired, managed: [], live: new Map([[T, org]]), kinds: new Map([[T, flowKind]]) });

describe('flowKind: the key is the YAML name within the YAML type', () => {
  it('a flow whose files were not read (a plan checked by serve) is unknown, never matched by its export-only name', () => {
    const result = check([
      want('genesyscloud_flow.a', { filepath: 'a.yaml', name: 'Main', type: 'INBOUNDCALL' }),
    ]);
    expect(result.findings).toEqual([
      expect.objectContaining({
        kind: 'unknown',
        severity: 'warning',
        message:
          "the flow name is not known before apply: its YAML file was not read (only check and import read the flow's file); gcadopt cannot check it",
      }),
    ]);
  });

  it('reads the name and type from the file, whatever the resource says for export', async () => {
    const root = await createTree({ 'a.yaml': 'inboundEmail:\n  name: Main\n' });
    const attributes = await flowKind.readFiles!(
      { filepath: 'a.yaml', name: 'Other', type: 'INBOUNDCALL' },
      root,
    );
    expect(attributes).toMatchObject({ name: 'Main', type: 'INBOUNDEMAIL' });
    expect(check([want('genesyscloud_flow.a', attributes)]).findings).toEqual([
      expect.objectContaining({
        kind: 'takeover',
        severity: 'error',
        live: { id: org[1]!.id, name: 'Main', type: 'INBOUNDEMAIL' },
        fix: { import: { to: 'genesyscloud_flow.a', id: org[1]!.id } },
      }),
    ]);
  });

  it('a file it cannot read makes both name and type unknown, with the reason', async () => {
    const root = await createTree({});
    const attributes = await flowKind.readFiles!({ filepath: 'gone.yaml' }, root);
    const unknown = { unknown: 'its YAML file gone.yaml does not exist (apply would fail)' };
    expect(attributes).toMatchObject({ name: unknown, type: unknown });
  });

  it('a name free in its type is safe, though another type holds it', async () => {
    const root = await createTree({ 'a.yaml': 'inboundChat:\n  name: main\n' });
    const attributes = await flowKind.readFiles!({ filepath: 'a.yaml' }, root);
    expect(check([want('genesyscloud_flow.a', attributes)]).findings).toEqual([]);
  });
});
