import { InputError } from '../../errors.js';
import type { Expr, TemplatePart } from '../hcl/ast.js';
import { Cursor } from '../hcl/cursor.js';
import { parseExpr } from '../hcl/expression.js';
import { readHeredocTemplate, toNfc } from '../hcl/template.js';
import {
  callFunction,
  type CallContext,
  type FileAccess,
  type ObjectValue,
} from './functions/index.js';
import {
  EvalError,
  Unknown,
  decimalArithmetic,
  findUnknown,
  isObject,
  toStringValue,
  type Value,
} from './values.js';

/** What names mean where an expression is evaluated. */
export interface Scope {
  /** `var.NAME` */
  readonly variable: (name: string) => Value;
  /** `local.NAME` */
  readonly local: (name: string) => Value;
  /** `each.key` / `each.value`, when inside a for_each. */
  readonly each?: { readonly key: string; readonly value: Value } | undefined;
  /** `count.index`, when inside a count. */
  readonly count?: number | undefined;
  /** `path.module`, relative to the root. */
  readonly modulePath: string;
  /** Variables of enclosing for-expressions and template for-directives. */
  readonly loop?: ReadonlyMap<string, Value> | undefined;
  /** Files relative to where terraform runs; file functions are unknown without it. */
  readonly files?: FileAccess | undefined;
  /** A template file's scope: only its own variables exist (templatefile, templatestring). */
  readonly template?: boolean | undefined;
}

const withLoop = (scope: Scope, vars: Record<string, Value>): Scope => ({
  ...scope,
  variable: (n) => scope.variable(n),
  local: (n) => scope.local(n),
  loop: new Map([...(scope.loop ?? []), ...Object.entries(vars)]),
});

/**
 * Evaluates an expression statically. What cannot be known before apply (other
 * resources' attributes, data sources, module outputs, unknown functions)
 * evaluates to Unknown with the reason; it never guesses.
 */
export function evaluate(expr: Expr, scope: Scope): Value {
  try {
    return evalExpr(expr, scope);
  } catch (error) {
    if (error instanceof EvalError) return new Unknown(`cannot be evaluated: ${error.message}`);
    throw error;
  }
}

function evalExpr(expr: Expr, scope: Scope): Value {
  switch (expr.k) {
    case 'lit':
      // HCL normalizes string literals to NFC after escapes ("e\u0301" is "é").
      return typeof expr.value === 'string' ? toNfc(expr.value) : expr.value;
    case 'paren':
      return evalExpr(expr.expr, scope);
    case 'template':
      return evalTemplateExpr(expr.parts, scope);
    case 'var': {
      const loop = scope.loop?.get(expr.name);
      if (loop !== undefined) return loop;
      if (scope.template === true)
        throw new EvalError(
          `there is no variable named "${expr.name}" in the template's variables`,
        );
      throw new EvalError(`"${expr.name}" cannot be used alone here`);
    }
    case 'attr':
      return evalAttr(expr, scope);
    case 'index':
      return index(evalExpr(expr.obj, scope), evalExpr(expr.key, scope));
    case 'splat':
      return evalSplat(expr, scope);
    case 'call': {
      if (expr.name === 'try' || expr.name === 'can') return evalTry(expr.name, expr.args, scope);
      if (
        scope.template === true &&
        (expr.name === 'templatefile' || expr.name === 'templatestring')
      )
        throw new EvalError(
          `cannot recursively call ${expr.name} from inside another template function`,
        );
      const args = expr.args.map((a) => evalExpr(a, scope));
      if (expr.expand) {
        const last = args.pop();
        if (last instanceof Unknown) return last;
        if (!Array.isArray(last))
          throw new EvalError(`"..." expands a list in the call of ${expr.name}`);
        args.push(...(last as Value[]));
      }
      return callFunction(expr.name, args, callContext(scope));
    }
    case 'tuple':
      return expr.items.map((i) => evalExpr(i, scope));
    case 'object': {
      const out: Record<string, Value> = {};
      for (const item of expr.items) {
        const key = toStringValue(evalExpr(item.key, scope), 'an object key');
        if (key instanceof Unknown) return key;
        out[key] = evalExpr(item.value, scope);
      }
      return out;
    }
    case 'cond': {
      const cond = evalExpr(expr.cond, scope);
      if (cond instanceof Unknown) return cond;
      if (typeof cond !== 'boolean') throw new EvalError('a condition must be true or false');
      return evalExpr(cond ? expr.then : expr.else, scope);
    }
    case 'unary': {
      const v = evalExpr(expr.expr, scope);
      if (v instanceof Unknown) return v;
      return expr.op === '!' ? !truthy(v) : -Number(v);
    }
    case 'binary':
      return binary(expr.op, evalExpr(expr.left, scope), evalExpr(expr.right, scope));
    case 'for':
      return evalFor(expr, scope);
  }
}

function truthy(v: Value): boolean {
  if (typeof v === 'boolean') return v;
  if (v === 'true' || v === 'false') return v === 'true';
  throw new EvalError('expected a bool');
}

function binary(op: string, left: Value, right: Value): Value {
  const unknown = findUnknown(left) ?? findUnknown(right);
  if (unknown !== undefined) return unknown;
  switch (op) {
    case '==':
      return JSON.stringify(left) === JSON.stringify(right);
    case '!=':
      return JSON.stringify(left) !== JSON.stringify(right);
    case '&&':
      return truthy(left) && truthy(right);
    case '||':
      return truthy(left) || truthy(right);
  }
  const a = Number(left);
  const b = Number(right);
  if (Number.isNaN(a) || Number.isNaN(b)) throw new EvalError(`"${op}" needs numbers`);
  switch (op) {
    case '+':
    case '-':
    case '*':
      return decimalArithmetic(op, a, b);
    case '/':
      return a / b;
    case '%':
      return a % b;
    case '<':
      return a < b;
    case '>':
      return a > b;
    case '<=':
      return a <= b;
    default:
      return a >= b;
  }
}

function index(obj: Value, key: Value): Value {
  if (obj instanceof Unknown) return obj;
  if (key instanceof Unknown) return key;
  if (Array.isArray(obj)) {
    const item = (obj as Value[])[Number(key)];
    if (item === undefined) throw new EvalError(`index ${JSON.stringify(key)} is out of range`);
    return item;
  }
  if (isObject(obj)) {
    const k = toStringValue(key, 'a key');
    if (k instanceof Unknown) return k;
    const item = obj[k];
    if (item === undefined) throw new EvalError(`no element "${k}"`);
    return item;
  }
  throw new EvalError('only lists and maps can be indexed');
}

function evalAttr(expr: Extract<Expr, { k: 'attr' }>, scope: Scope): Value {
  const obj = expr.obj;
  if (obj.k === 'var' && scope.loop?.get(obj.name) === undefined)
    return root(obj.name, expr.name, scope);
  return index(evalExpr(obj, scope), expr.name);
}

function root(name: string, attr: string, scope: Scope): Value {
  if (scope.template === true)
    throw new EvalError(`there is no variable named "${name}" in a template`);
  switch (name) {
    case 'var':
      return scope.variable(attr);
    case 'local':
      return scope.local(attr);
    case 'each':
      if (scope.each === undefined)
        throw new EvalError('each is only available in a block with for_each');
      if (attr === 'key') return scope.each.key;
      if (attr === 'value') return scope.each.value;
      throw new EvalError(`each has no attribute "${attr}"`);
    case 'count':
      if (scope.count === undefined)
        throw new EvalError('count.index is only available in a block with count');
      return scope.count;
    case 'path':
      if (attr === 'module') return scope.modulePath;
      if (attr === 'root') return '.';
      if (attr === 'cwd' && scope.files !== undefined) return scope.files.cwd.split('\\').join('/');
      return new Unknown(`path.${attr} depends on where terraform runs`);
    case 'module':
      return new Unknown(`depends on the outputs of module.${attr}`);
    case 'data':
      return new Unknown(`depends on data.${attr} (read from the provider during plan)`);
    case 'terraform':
      return new Unknown(`terraform.${attr} is not known statically`);
    default:
      return new Unknown(`depends on ${name}.${attr} (known only after apply)`);
  }
}

function evalSplat(expr: Extract<Expr, { k: 'splat' }>, scope: Scope): Value {
  const obj = evalExpr(expr.obj, scope);
  if (obj instanceof Unknown) return obj;
  const items: Value[] = obj === null ? [] : Array.isArray(obj) ? [...(obj as Value[])] : [obj];
  return items.map((item) =>
    expr.each.reduce<Value>(
      (v, step) => index(v, step.k === 'attr' ? step.name : evalExpr(step.key, scope)),
      item,
    ),
  );
}

function entries(coll: Value): [Value, Value][] {
  if (Array.isArray(coll)) return (coll as Value[]).map((v, i) => [i, v]);
  if (isObject(coll))
    return Object.keys(coll)
      .sort()
      .map((k) => [k, coll[k] as Value]);
  throw new EvalError('a for expression needs a list, set or map');
}

function evalFor(expr: Extract<Expr, { k: 'for' }>, scope: Scope): Value {
  const coll = evalExpr(expr.coll, scope);
  if (coll instanceof Unknown) return coll;
  const list: Value[] = [];
  const object: Record<string, Value> = {};
  for (const [k, v] of entries(coll)) {
    const inner = withLoop(scope, {
      ...(expr.keyVar === undefined ? {} : { [expr.keyVar]: k }),
      [expr.valVar]: v,
    });
    if (expr.cond !== undefined) {
      const keep = evalExpr(expr.cond, inner);
      if (keep instanceof Unknown) return keep;
      if (!truthy(keep)) continue;
    }
    const value = evalExpr(expr.valExpr, inner);
    if (!expr.object || expr.keyExpr === undefined) {
      list.push(value);
      continue;
    }
    const key = toStringValue(evalExpr(expr.keyExpr, inner), 'a for expression key');
    if (key instanceof Unknown) return key;
    if (expr.group) object[key] = [...((object[key] as Value[] | undefined) ?? []), value];
    else if (key in object)
      throw new EvalError(`duplicate key "${key}" in a for expression (use ... to group)`);
    else object[key] = value;
  }
  return expr.object ? object : list;
}

function evalTemplate(parts: readonly TemplatePart[], scope: Scope): Value {
  let out = '';
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] as TemplatePart;
    let piece: Value;
    if (part.k === 'text') piece = toNfc(part.text);
    else if (part.k === 'interp') piece = evalExpr(part.expr, scope);
    else if (part.k === 'if') {
      const cond = evalExpr(part.cond, scope);
      if (cond instanceof Unknown) return cond;
      piece = evalTemplate(truthy(cond) ? part.then : part.else, scope);
    } else {
      const coll = evalExpr(part.coll, scope);
      if (coll instanceof Unknown) return coll;
      const pieces = entries(coll).map(([k, v]) =>
        evalTemplate(
          part.body,
          withLoop(scope, {
            ...(part.keyVar === undefined ? {} : { [part.keyVar]: k }),
            [part.valVar]: v,
          }),
        ),
      );
      const unknown = pieces.find((p) => p instanceof Unknown);
      if (unknown !== undefined) return unknown;
      piece = (pieces as string[]).join('');
    }
    const text = toStringValue(piece, 'an interpolated value');
    if (text instanceof Unknown) return text;
    out += text;
  }
  return out;
}

/**
 * try() and can() see errors, so their arguments are evaluated here, one at a
 * time. A value not wholly known is unknown: Terraform cannot tell yet whether
 * it would fail.
 */
function evalTry(name: 'try' | 'can', args: readonly Expr[], scope: Scope): Value {
  if (args.length === 0) throw new EvalError(`${name}(): at least one argument is required`);
  if (name === 'can' && args.length !== 1) throw new EvalError('can(): takes exactly one argument');
  let last: EvalError | undefined;
  for (const arg of args) {
    let value: Value;
    try {
      value = evalExpr(arg, scope);
    } catch (error) {
      if (!(error instanceof EvalError)) throw error;
      last = error;
      continue;
    }
    const unknown = findUnknown(value);
    if (unknown !== undefined) return unknown;
    return name === 'can' ? true : value;
  }
  if (name === 'can') return false;
  throw new EvalError(
    `try(): no expression succeeded (the last failed with: ${last?.message ?? ''})`,
  );
}

function callContext(scope: Scope): CallContext {
  return {
    files: scope.files,
    render: (text, name, vars) => renderTemplate(text, name, vars, scope),
  };
}

/** Renders a template file's text with only `vars` in scope (templatefile's rules). */
function renderTemplate(text: string, name: string, vars: ObjectValue, scope: Scope): Value {
  let parts: readonly TemplatePart[];
  try {
    parts = readHeredocTemplate(new Cursor(text, name), (c) => parseExpr(c, false), text.length);
  } catch (error) {
    if (error instanceof InputError) throw new EvalError(error.message);
    throw error;
  }
  const inner: Scope = {
    variable: (n) => new Unknown(`var.${n} cannot be used in a template`),
    local: (n) => new Unknown(`local.${n} cannot be used in a template`),
    modulePath: scope.modulePath,
    files: scope.files,
    template: true,
    loop: new Map(Object.entries(vars)),
  };
  return evalTemplateExpr(parts, inner);
}

/**
 * A lone interpolation keeps a collection or null as it is, as HCL does
 * ("${var.list}" is the list). A lone number or bool still becomes a string:
 * without the provider schema, the string attributes gcadopt compares are the
 * safe reading.
 */
function evalTemplateExpr(parts: readonly TemplatePart[], scope: Scope): Value {
  const only = parts[0];
  if (parts.length === 1 && only?.k === 'interp') {
    const value = evalExpr(only.expr, scope);
    if (value === null || Array.isArray(value) || isObject(value)) return value;
    return toStringValue(value, 'an interpolated value');
  }
  return evalTemplate(parts, scope);
}
