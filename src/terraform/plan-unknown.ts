import type { AttributeValue } from '../model.js';

/** Why an attribute is unknown, per configuration address and attribute name. */
export type UnknownReasons = ReadonlyMap<string, ReadonlyMap<string, string>>;

/** What a value that `after_unknown` marks is, when the configuration does not say more. */
export const afterApply = 'known only after apply';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * `after` with every value that `after_unknown` marks replaced by an
 * UnknownValue. `after_unknown` mirrors `after`: `true` where a value is
 * unknown, nested objects and arrays where only parts of one are. `why` gives
 * the reason for top-level attributes.
 */
export function markUnknown(
  after: unknown,
  unknown: unknown,
  why: ReadonlyMap<string, string> = new Map(),
): AttributeValue {
  const top = isRecord(after) ? after : {};
  if (!isRecord(unknown)) return mark(after, unknown, afterApply);
  const out: Record<string, AttributeValue> = {};
  for (const key of new Set([...Object.keys(top), ...Object.keys(unknown)])) {
    out[key] = mark(top[key], unknown[key], why.get(key) ?? afterApply);
  }
  return out;
}

function mark(after: unknown, unknown: unknown, reason: string): AttributeValue {
  if (unknown === true) return { unknown: reason };
  if (Array.isArray(unknown)) {
    const list = Array.isArray(after) ? (after as unknown[]) : [];
    const length = Math.max(list.length, unknown.length);
    return Array.from({ length }, (_, i) => mark(list[i], unknown[i], reason));
  }
  if (isRecord(unknown)) {
    const object = isRecord(after) ? after : {};
    const out: Record<string, AttributeValue> = {};
    for (const key of new Set([...Object.keys(object), ...Object.keys(unknown)])) {
      out[key] = mark(object[key], unknown[key], reason);
    }
    return out;
  }
  return (after ?? null) as AttributeValue;
}

/**
 * From a plan's `configuration`, what each resource attribute's expression
 * refers to (e.g. `random_id.suffix.hex`), to say why its value is unknown:
 * `known only after apply (depends on random_id.suffix.hex)`.
 */
export function collectReasons(configuration: unknown): UnknownReasons {
  const out = new Map<string, Map<string, string>>();
  const walk = (module: unknown, prefix: string, depth: number): void => {
    if (!isRecord(module) || depth > 64) return;
    for (const r of Array.isArray(module.resources) ? module.resources : []) {
      if (!isRecord(r) || typeof r.address !== 'string' || !isRecord(r.expressions)) continue;
      const reasons = new Map<string, string>();
      for (const [name, expression] of Object.entries(r.expressions)) {
        const refs = isRecord(expression) ? expression.references : undefined;
        const text = Array.isArray(refs) ? describeReferences(refs) : undefined;
        if (text !== undefined) reasons.set(name, `${afterApply} (depends on ${text})`);
      }
      if (reasons.size > 0) out.set(`${prefix}${r.address}`, reasons);
    }
    const calls = isRecord(module.module_calls) ? module.module_calls : {};
    for (const [name, call] of Object.entries(calls)) {
      if (isRecord(call)) walk(call.module, `${prefix}module.${name}.`, depth + 1);
    }
  };
  if (isRecord(configuration)) walk(configuration.root_module, '', 0);
  return out;
}

/**
 * Terraform lists `random_id.suffix.hex` and then `random_id.suffix`; keep the
 * most precise of each, and `each.*`/`count.*` only when nothing else is named.
 */
function describeReferences(refs: readonly unknown[]): string | undefined {
  const all = refs.filter((r): r is string => typeof r === 'string');
  const precise = all.filter(
    (r) => !all.some((o) => o !== r && (o.startsWith(`${r}.`) || o.startsWith(`${r}[`))),
  );
  const outside = precise.filter((r) => !/^(each|count)\./.test(r));
  const shown = [...new Set(outside.length > 0 ? outside : precise)];
  return shown.length > 0 ? shown.join(', ') : undefined;
}
