import { isAlias, isMap, isScalar, isSeq, parseAllDocuments, type Document, type Node } from 'yaml';
import { isObject, type Value } from '../values.js';
import { asString, fail, formatNumber, parseNumber, UnknownResult } from './support.js';

const tagPrefix = 'tag:yaml.org,2002:';
const resolvable = new Set(['', 'str', 'bool', 'int', 'float', 'null', 'timestamp', 'binary']);
const words = new Map<string, boolean | null | number>();
for (const w of ['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON'])
  words.set(w, true);
for (const w of ['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF'])
  words.set(w, false);
for (const w of ['', '~', 'null', 'Null', 'NULL']) words.set(w, null);
for (const w of ['.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF']) words.set(w, Infinity);
for (const w of ['-.inf', '-.Inf', '-.INF']) words.set(w, -Infinity);

/** go-cty-yaml's timestamp forms, printed as RFC 3339 (UTC offset kept). */
function parseTimestamp(s: string): string | undefined {
  const m =
    /^(\d{4})-(\d{1,2})-(\d{1,2})(?:(?:[Tt](\d{1,2}):(\d{1,2}):(\d{1,2})(\.\d{1,9})?(Z|[-+]\d{2}:\d{2}))|(?: (\d{1,2}):(\d{1,2}):(\d{1,2})(\.\d{1,9})?))?$/.exec(
      s,
    );
  if (m === null) return undefined;
  const [, y, mo, d, th, tmi, ts, , zone = 'Z', sh, smi, ss] = m;
  const p = (v: string | undefined): string => (v ?? '0').padStart(2, '0');
  // Go's time.RFC3339 layout drops fractional seconds and writes a zero offset as Z.
  const offset = zone === '+00:00' || zone === '-00:00' ? 'Z' : zone;
  return `${y}-${p(mo)}-${p(d)}T${p(th ?? sh)}:${p(tmi ?? smi)}:${p(ts ?? ss)}${offset}`;
}

function number(src: string): number | undefined {
  const plain = src.replaceAll('_', '');
  const n = parseNumber(plain);
  if (n !== undefined) return n;
  const m = /^([-+]?)0(x[0-9a-fA-F]+|o[0-7]+|[0-7]+)$/.exec(plain);
  if (m === null) return undefined;
  const body = m[2] ?? '';
  const value = body.startsWith('x')
    ? parseInt(body.slice(1), 16)
    : parseInt(body.replace(/^o/, ''), 8);
  return m[1] === '-' ? -value : value;
}

/** go-cty-yaml's resolveScalar: YAML 1.1 words (yes/on/off…), timestamps as strings, no NaN. */
function resolveScalar(tagArg: string, src: string, quoted: boolean): Value {
  const tag = tagArg.startsWith(tagPrefix)
    ? tagArg.slice(tagPrefix.length)
    : tagArg === ''
      ? ''
      : `!${tagArg}`;
  if (!resolvable.has(tag)) return fail(`unsupported tag "${tagArg}"`);
  let resolved = tag;
  const hint =
    src === ''
      ? 'N'
      : /[-+0-9]/.test(src[0] ?? '')
        ? 'D'
        : /[yYnNtTfFoO~.]/.test(src[0] ?? '')
          ? 'M'
          : '';
  if (hint !== '' && tag !== 'str' && tag !== 'binary') {
    if (quoted) return src;
    const word = words.get(src);
    if (word !== undefined) return word;
    if (tag === '' && ['.nan', '.NaN', '.NAN'].includes(src))
      fail('floating point NaN is not supported');
    if (src.startsWith('.') && parseNumber(src) !== undefined) return parseNumber(src) ?? null;
    if (hint === 'D' && (tag === '' || tag === 'timestamp')) {
      const t = parseTimestamp(src);
      if (t !== undefined) return t;
    }
    if (hint === 'D' && /^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$/.test(src)) resolved = 'int';
    else if (hint === 'D' && /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/.test(src))
      resolved = 'float';
  }
  switch (resolved) {
    case 'str':
    case '':
      return src;
    case 'binary':
      if (
        !/^[A-Za-z0-9+/]*={0,2}$/.test(src.replace(/\s/g, '')) ||
        src.replace(/\s/g, '').length % 4 !== 0
      )
        fail(`cannot parse "${src}" as !!binary: not valid base64`);
      return src;
    case 'bool':
      if (typeof words.get(src) !== 'boolean') fail(`cannot parse "${src}" as !!bool`);
      return words.get(src) ?? null;
    case 'int':
    case 'float': {
      const n = number(src);
      return n === undefined ? fail(`cannot parse "${src}" as !!${resolved}`) : n;
    }
    case 'timestamp':
      return parseTimestamp(src) ?? fail(`cannot parse "${src}" as !!timestamp`);
    default:
      return null;
  }
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
  const docs = parseAllDocuments(text, {
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

const yamlEscapes: Record<string, string> = {
  '\0': '0',
  '\x07': 'a',
  '\b': 'b',
  '\t': 't',
  '\n': 'n',
  '\v': 'v',
  '\f': 'f',
  '\r': 'r',
  '\x1b': 'e',
  '\u0085': 'N',
  '\u2028': 'L',
  '\u2029': 'P',
};

/** libyaml's double-quoted style. */
function quote(s: string): string {
  let out = '"';
  for (const c of s) {
    const code = c.codePointAt(0) ?? 0;
    if (c === '"' || c === '\\') out += `\\${c}`;
    else if (yamlEscapes[c] !== undefined) out += `\\${yamlEscapes[c]}`;
    else if (
      code >= 0x20 &&
      code !== 0x7f &&
      code !== 0xfeff &&
      !(code >= 0x80 && code < 0xa0) &&
      code !== 0x2028 &&
      code !== 0x2029
    )
      out += c;
    else if (code <= 0xff) out += `\\x${code.toString(16).toUpperCase().padStart(2, '0')}`;
    else out += `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`;
  }
  return `${out}"`;
}

function scalar(v: Value): string {
  if (v === null) return 'null';
  if (typeof v === 'number') return formatNumber(v);
  if (typeof v === 'boolean') return String(v);
  if (typeof v !== 'string') throw new Error('not a scalar');
  // Long or multi-line strings: libyaml folds them by its own width rules, not reproduced here.
  if (v.includes('\n') || v.length > 60)
    throw new UnknownResult(
      'yamlencode of a long or multi-line string is not reproduced by gcadopt',
    );
  return quote(v);
}

function lines(v: Value, indent: string): string[] {
  if (Array.isArray(v)) {
    if (v.length === 0) return ['[]'];
    return (v as Value[]).flatMap((item) => {
      const inner = lines(item, `${indent}  `);
      return [`- ${inner[0] ?? ''}`, ...inner.slice(1).map((l) => `  ${l}`)];
    });
  }
  if (isObject(v)) {
    const keys = Object.keys(v).sort();
    if (keys.length === 0) return ['{}'];
    return keys.flatMap((k) => {
      const item = v[k] ?? null;
      const head = `${scalar(k)}:`;
      if (Array.isArray(item) && item.length > 0) return [head, ...lines(item, indent)];
      if (isObject(item) && Object.keys(item).length > 0)
        return [head, ...lines(item, indent).map((l) => `  ${l}`)];
      return [`${head} ${lines(item, indent)[0] ?? ''}`];
    });
  }
  return [scalar(v)];
}

/** yamlencode: block style, double-quoted strings, keys sorted (go-cty-yaml's choices). */
export function encodeYaml(v: Value): string {
  return `${lines(v, '').join('\n')}\n`;
}
