import { createRequire } from 'node:module';
import type * as YamlLibrary from 'yaml';
import type { Document, Node } from 'yaml';
import { isObject, type Value } from '../values.js';
import { asString, fail } from './support.js';
import { resolveScalar, tagPrefix } from './yaml-scalar.js';

let library: typeof YamlLibrary | undefined;

/**
 * The YAML library, loaded on the first yamldecode: loading it costs as much
 * as reading a large configuration, and few configurations call it. The
 * functions are synchronous, so it is required (its Node build is CommonJS).
 */
function yaml(): typeof YamlLibrary {
  return (library ??= createRequire(import.meta.url)('yaml') as typeof YamlLibrary);
}

interface Walk {
  readonly doc: Document;
  nodes: number;
}

function convert(node: Node | null | undefined, walk: Walk, depth: number): Value {
  // Aliases can multiply a small file into a huge value ("billion laughs"): cap the work.
  if (++walk.nodes > 1_000_000 || depth > 1000)
    fail('the YAML value is too large (aliases nested too deep)');
  if (node === null || node === undefined) return null;
  const { isAlias, isMap, isScalar, isSeq } = yaml();
  if (isAlias(node)) return convert(node.resolve(walk.doc), walk, depth + 1);
  if (isScalar(node)) {
    // The YAML library decodes !!binary itself; go-cty-yaml keeps the base64 text.
    const src =
      node.value instanceof Uint8Array
        ? Buffer.from(node.value).toString('base64')
        : String(node.value);
    const quoted = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE';
    return resolveScalar(node.tag ?? '', src, quoted);
  }
  if (isSeq(node)) {
    if (node.tag !== undefined && node.tag !== `${tagPrefix}seq`)
      fail(`can't interpret sequence as ${node.tag}`);
    return node.items.map((item) => convert(item as Node, walk, depth + 1));
  }
  if (isMap(node)) {
    if (node.tag !== undefined && node.tag !== `${tagPrefix}map`)
      fail(`can't interpret mapping as ${node.tag}`);
    const out: Record<string, Value> = {};
    for (const pair of node.items) {
      const keyNode = pair.key as Node | null;
      const value = (): Value => convert(pair.value as Node | null, walk, depth + 1);
      if (
        isScalar(keyNode) &&
        keyNode.type === 'PLAIN' &&
        keyNode.value === '<<' &&
        keyNode.tag === undefined
      ) {
        // go-cty-yaml merges in document order: later keys win, merged ones included.
        const merged = value();
        const maps = Array.isArray(merged) ? (merged as Value[]) : [merged];
        for (const m of maps) {
          if (!isObject(m)) fail('cannot merge a non-mapping into a mapping');
          Object.assign(out, m);
        }
        continue;
      }
      if (!isScalar(keyNode) && keyNode !== null) fail('only strings are allowed as mapping keys');
      const key = convert(keyNode, walk, depth + 1);
      if (key === null) fail('mapping key cannot be null');
      out[asString(key, 'a mapping key')] = value();
    }
    return out;
  }
  return fail('unsupported YAML node');
}

/** yamldecode as Terraform's go-cty-yaml reads one document. */
export function decodeYaml(text: string): Value {
  const docs = yaml().parseAllDocuments(text, {
    schema: 'failsafe',
    merge: false,
    uniqueKeys: false,
    prettyErrors: false,
  });
  if (!Array.isArray(docs)) return null;
  if (docs.length > 1) fail('only a single document is allowed');
  const doc = docs[0];
  if (doc === undefined) return fail('on line 1, column 1: missing start of document');
  const error = doc.errors[0];
  if (error !== undefined) fail(`invalid YAML: ${error.message.split('\n')[0] ?? ''}`);
  return convert(doc.contents, { doc, nodes: 0 }, 0);
}
