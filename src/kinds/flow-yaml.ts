import { readFile } from 'node:fs/promises';
import { isAbsolute, relative, resolve } from 'node:path';
import { isUnknown, type AttributeValue, type UnknownValue } from '../model.js';

/** A flow's key as the Architect job resolves it: `name` and the API's `type`. */
export interface FlowDefinition {
  readonly name: string;
  /** The API's flow type: `INBOUNDCALL`. */
  readonly type: string;
}

/**
 * The API's flow types (`Flow.type`). A flow file's single top-level key names
 * its type in Archy's camelCase (`inboundCall:`, `inQueueCall:`, and the
 * provider's own examples write `inqueueCall:`): the key, upper-cased, is the type.
 */
export const flowTypes: ReadonlySet<string> = new Set([
  'BOT',
  'COMMONMODULE',
  'DIGITALBOT',
  'INBOUNDCALL',
  'INBOUNDCHAT',
  'INBOUNDEMAIL',
  'INBOUNDSHORTMESSAGE',
  'INQUEUECALL',
  'INQUEUEEMAIL',
  'INQUEUESHORTMESSAGE',
  'OUTBOUNDCALL',
  'SECURECALL',
  'SPEECH',
  'SURVEYINVITE',
  'VOICE',
  'VOICEMAIL',
  'VOICESURVEY',
  'WORKFLOW',
  'WORKITEM',
]);

const unknown = (reason: string): UnknownValue => ({ unknown: reason });

/**
 * The name and type a `genesyscloud_flow` publishes, from its `filepath` and
 * `substitutions` attributes. A relative `filepath` is read from `root`, where
 * Terraform (and so the provider) runs; `${path.module}` already names the
 * module's folder from there.
 */
export async function readFlowDefinition(
  attributes: Readonly<Record<string, AttributeValue>>,
  root: string,
): Promise<FlowDefinition | UnknownValue> {
  const path = attributes.filepath;
  if (isUnknown(path)) return unknown(`its filepath is not known: ${path.unknown}`);
  if (typeof path !== 'string' || path === '') return unknown('it has no filepath');
  // The provider downloads s3:// and http(s):// paths at apply; gcadopt reads local files only.
  if (/^[a-z][a-z0-9+.-]+:/i.test(path))
    return unknown(`its YAML file ${path} is downloaded at apply, and gcadopt reads local files`);
  const full = isAbsolute(path) ? path : resolve(root, path);
  const shown = isAbsolute(path) ? path : relative(root, full).split('\\').join('/');
  let text: string;
  try {
    text = await readFile(full, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return unknown(
      code === 'ENOENT'
        ? `its YAML file ${shown} does not exist (apply would fail)`
        : `its YAML file ${shown} cannot be read (${code ?? 'error'})`,
    );
  }
  return parseFlowDefinition(text, attributes.substitutions, shown);
}

/**
 * The name and type of a flow file's text once the provider has substituted
 * it: every `{{key}}` becomes its value, literally, for each key of
 * `substitutions` (the provider's `strings.Replace`). Values not known before
 * apply stand in as placeholders: they matter only if the name or type holds one.
 */
export async function parseFlowDefinition(
  text: string,
  substitutions: AttributeValue | undefined,
  file: string,
): Promise<FlowDefinition | UnknownValue> {
  const substituted = substitute(text, substitutions);
  if ('unknown' in substituted) return substituted;
  const { parseDocument } = await import('yaml');
  // failsafe: every scalar stays the string it is written as (`name: 2024` is "2024").
  const doc = parseDocument(substituted.text, { schema: 'failsafe' });
  const error = doc.errors[0];
  if (error !== undefined) {
    const placeholder = substituted.placeholders.find((p) => substituted.text.includes(p.mark));
    if (placeholder !== undefined) return unknown(placeholder.reason);
    const at = error.linePos?.[0];
    const where = at === undefined ? file : `${file}:${at.line}:${at.col}`;
    return unknown(`${where}: the YAML cannot be read: ${firstLine(error.message)}`);
  }
  let root: unknown;
  try {
    root = doc.toJS();
  } catch (thrown) {
    // An alias bomb ("billion laughs") stops at the yaml package's alias limit.
    return unknown(`${file}: the YAML cannot be read: ${(thrown as Error).message}`);
  }
  return readKey(root, substituted.placeholders, file);
}

interface Placeholder {
  readonly mark: string;
  readonly reason: string;
}

function substitute(
  text: string,
  substitutions: AttributeValue | undefined,
): { text: string; placeholders: Placeholder[] } | UnknownValue {
  if (substitutions === undefined || substitutions === null) return { text, placeholders: [] };
  if (isUnknown(substitutions))
    return text.includes('{{')
      ? unknown(`its substitutions are not known: ${substitutions.unknown}`)
      : { text, placeholders: [] };
  if (typeof substitutions !== 'object' || Array.isArray(substitutions))
    return unknown('its substitutions are not a map');
  const entries = Object.entries(substitutions as Record<string, AttributeValue>);
  const placeholders: Placeholder[] = [];
  const values = entries.map(([key, value], i): [string, string] => {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
      return [key, String(value)];
    const mark = `gcadopt-unknown-substitution-${i}`;
    const why = isUnknown(value) ? value.unknown : 'it is not a string';
    placeholders.push({ mark, reason: `substitution "${key}" is not known: ${why}` });
    return [key, mark];
  });
  // The provider replaces keys in Go's random map order: a value holding
  // another key's `{{…}}` gives a different file from one apply to the next.
  const chained = values.find(([key, v]) =>
    entries.some(([k]) => k !== key && v.includes(`{{${k}}}`)),
  );
  if (chained !== undefined)
    return unknown(
      `substitution "${chained[0]}" holds another key's {{…}}: the result depends on the order the provider replaces them in`,
    );
  let out = text;
  for (const [key, value] of values) out = out.split(`{{${key}}}`).join(value);
  return { text: out, placeholders };
}

function readKey(
  root: unknown,
  placeholders: readonly Placeholder[],
  file: string,
): FlowDefinition | UnknownValue {
  if (typeof root !== 'object' || root === null || Array.isArray(root))
    return unknown(`${file} holds no flow: expected one top-level key such as inboundCall`);
  const keys = Object.keys(root).filter((k) => flowTypes.has(k.toUpperCase()));
  const [key] = keys;
  if (key === undefined || keys.length > 1)
    return unknown(
      `${file} should have one top-level flow type key (inboundCall, inQueueCall, workflow, ...), not ${describeKeys(Object.keys(root))}`,
    );
  const name = (root as Record<string, unknown>)[key];
  const value =
    typeof name === 'object' && name !== null ? (name as Record<string, unknown>).name : undefined;
  if (typeof value !== 'string' || value === '')
    return unknown(`${file} names no ${key} flow: ${key}.name is missing`);
  const pending = placeholders.find((p) => value.includes(p.mark));
  if (pending !== undefined) return unknown(pending.reason);
  const left = /\{\{[^{}]*\}\}/.exec(value)?.[0];
  if (left !== undefined)
    return unknown(`the flow name "${value}" holds ${left}, which no substitution replaces`);
  return { name: value, type: key.toUpperCase() };
}

function describeKeys(keys: readonly string[]): string {
  if (keys.length === 0) return 'none';
  return keys.map((k) => JSON.stringify(k)).join(', ');
}

/** The message without the excerpt and position `prettyErrors` add. */
function firstLine(text: string): string {
  return (text.split('\n')[0] ?? text).replace(/ at line \d+, column \d+:?$/, '');
}
