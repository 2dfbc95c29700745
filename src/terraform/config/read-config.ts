import { stat } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import { InputError } from '../../errors.js';
import type { AttributeValue, Attributes, SourceLocation } from '../../model.js';
import {
  formatAddress,
  formatKey,
  formatModulePath,
  parseAddress,
  configAddress,
  type InstanceKey,
  type ModuleStep,
} from '../address.js';
import type { Attribute, Block, Expr } from '../hcl/ast.js';
import type { ConfigBackend } from './backend-block.js';
import { evaluate, type Scope } from './evaluate.js';
import { createFileAccess, type FileAccess } from './functions/index.js';
import { isSameSource, readModuleManifest, type InstalledModule } from './module-manifest.js';
import { readModuleFiles, type ModuleFiles, type SourcedBlock } from './module-files.js';
import { Unknown, findUnknown, isObject, type Value } from './values.js';
import { resolveRootVariables, type VariableDecl, type VariableOptions } from './variables.js';

/** One resource instance the configuration declares. */
export interface ConfigResource {
  readonly type: string;
  /** Instance address; `[*]` where the instances cannot be known. */
  readonly address: string;
  readonly attributes: Attributes;
  readonly source: SourceLocation;
  /** Set when for_each/count could not be evaluated: the instances are unknown. */
  readonly unknownInstances?: string | undefined;
}

/** An `import` block of the root module. */
export interface ConfigImport {
  readonly to: string;
  readonly id: AttributeValue;
  readonly source: SourceLocation;
}

/** What a configuration folder declares. */
export interface ConfigScan {
  readonly resources: readonly ConfigResource[];
  readonly imports: readonly ConfigImport[];
  /** Every file read, relative to the root. */
  readonly files: readonly string[];
  /** Things not read (remote modules) and other warnings. */
  readonly diagnostics: readonly string[];
  /** The root module's `backend` or `cloud` block: where its state lives. */
  readonly backend: ConfigBackend | undefined;
  /** The resource block that declares an instance address (plan addresses included), for the types read. */
  locate(address: string): SourceLocation | undefined;
}

/**
 * The most module instances and resource instances one configuration may
 * expand to. Nested for_each multiplies (10 levels of 10 keys is 10^10
 * modules): past these, reading stops with one line instead of running out of
 * time or memory. Large real configurations stay well below them.
 */
export const maxInstances = { module: 100_000, resource: 1_000_000 } as const;

/** Options for reading a configuration. */
export interface ConfigOptions extends VariableOptions {
  /** Evaluate only resources of these types (all are still parsed and located). @default all */
  readonly types?: ReadonlySet<string> | undefined;
  /**
   * Told, while the scan goes on, each evaluated type as soon as a resource of
   * it has instances (or may have: unknown count or for_each), so a caller
   * can start work the scan's result will need.
   */
  readonly onResourceType?: ((type: string) => void) | undefined;
}

const meta = new Set([
  'count',
  'for_each',
  'depends_on',
  'provider',
  'lifecycle',
  'provisioner',
  'connection',
]);
const callMeta = new Set(['source', 'version', 'count', 'for_each', 'providers', 'depends_on']);

interface Walk {
  readonly root: string;
  readonly options: ConfigOptions;
  readonly cache: Map<string, Promise<ModuleFiles>>;
  /** Module calls still to evaluate, by the folder they read (see release). */
  readonly uses: Map<string, number>;
  /** Folders released inside module calls with several instances, kept until those end. */
  readonly kept: Set<string>[];
  readonly resources: ConfigResource[];
  readonly imports: ConfigImport[];
  readonly files: Set<string>;
  readonly diagnostics: string[];
  readonly locations: Map<string, SourceLocation>;
  /** Modules `terraform init` installed, by dotted call path. */
  readonly manifest: ReadonlyMap<string, InstalledModule>;
  readonly fileAccess: FileAccess;
  /** Module and resource instances expanded so far (see maxInstances). */
  readonly expanded: { module: number; resource: number };
}

/** Reads a Terraform root module and the local modules it calls, evaluating what can be known statically. */
export async function readConfig(dir: string, options: ConfigOptions = {}): Promise<ConfigScan> {
  const root = resolve(dir);
  const info = await stat(root).catch(() => undefined);
  if (info?.isDirectory() !== true) throw new InputError(`${dir} is not a folder`);
  const walk: Walk = {
    root,
    options,
    cache: new Map(),
    uses: new Map(),
    kept: [],
    resources: [],
    imports: [],
    files: new Set(),
    diagnostics: [],
    locations: new Map(),
    manifest: await readModuleManifest(root),
    fileAccess: createFileAccess(root),
    expanded: { module: 0, resource: 0 },
  };
  const files = await load(walk, root);
  const vars = await resolveRootVariables(root, declarations(files), options);
  await evalModule(walk, files, { steps: [], vars, configPrefix: '', depth: 0 });
  const locations = walk.locations;
  return {
    resources: walk.resources,
    imports: walk.imports,
    files: [...walk.files].sort(),
    diagnostics: walk.diagnostics,
    backend: files.backend,
    locate: (address) => {
      try {
        return locations.get(configAddress(parseAddress(address)));
      } catch {
        return undefined;
      }
    },
  };
}

function load(walk: Walk, dir: string): Promise<ModuleFiles> {
  let files = walk.cache.get(dir);
  if (files === undefined) {
    files = readModuleFiles(dir, walk.root, walk.options.types).then((f) => {
      for (const file of f.files) walk.files.add(file);
      return f;
    });
    walk.cache.set(dir, files);
  }
  return files;
}

// A module called many times (for_each) is parsed once; so are its declarations.
const declarationCache = new WeakMap<ModuleFiles, Map<string, VariableDecl>>();

function declarations(files: ModuleFiles): Map<string, VariableDecl> {
  const cached = declarationCache.get(files);
  if (cached !== undefined) return cached;
  const out = new Map<string, VariableDecl>();
  declarationCache.set(files, out);
  for (const { block } of files.blocks) {
    if (block.type !== 'variable' || block.labels[0] === undefined) continue;
    out.set(block.labels[0], {
      default: block.body.attributes.get('default')?.expr,
      type: block.body.attributes.get('type')?.expr,
    });
  }
  return out;
}

interface ModuleContext {
  readonly steps: readonly ModuleStep[];
  readonly vars: ReadonlyMap<string, Value>;
  /** `module.a.module.b.` without keys, for locations. */
  readonly configPrefix: string;
  readonly depth: number;
}

function createScope(files: ModuleFiles, ctx: ModuleContext, walk: Walk): Scope {
  const localExprs = files.locals;
  const memo = new Map<string, Value>();
  const evaluating = new Set<string>();
  const modulePath =
    files.dir === walk.root
      ? '.'
      : files.dir
          .slice(walk.root.length + 1)
          .split('\\')
          .join('/');
  const scope: Scope = {
    modulePath,
    files: walk.fileAccess,
    variable: (name) => ctx.vars.get(name) ?? new Unknown(`variable "${name}" is not declared`),
    local: (name) => {
      const cached = memo.get(name);
      if (cached !== undefined) return cached;
      const expr = localExprs.get(name);
      if (expr === undefined) return new Unknown(`local "${name}" is not declared`);
      if (evaluating.has(name)) return new Unknown(`local "${name}" refers to itself`);
      evaluating.add(name);
      const value = evaluate(expr(), scope);
      evaluating.delete(name);
      memo.set(name, value);
      return value;
    },
  };
  return scope;
}

async function evalModule(walk: Walk, files: ModuleFiles, ctx: ModuleContext): Promise<void> {
  if (ctx.depth > 32)
    throw new InputError(
      `modules nest deeper than 32 levels at ${formatModulePath(ctx.steps)}: is a module calling itself?`,
    );
  const scope = createScope(files, ctx, walk);
  for (const sourced of files.blocks) {
    const { block } = sourced;
    if (block.type === 'resource' && block.labels.length === 2)
      evalResource(walk, sourced, ctx, scope);
    else if (block.type === 'import' && ctx.steps.length === 0) evalImport(walk, sourced, scope);
  }
  const calls = files.blocks
    .filter(({ block }) => block.type === 'module' && block.labels[0] !== undefined)
    .map((sourced) => ({ sourced, dir: callDir(walk, files, sourced, ctx, scope) }));
  // A folder's files are kept while calls of this module still need them
  // (see release): a large configuration's trees do not all pile up.
  for (const { dir } of calls)
    if (typeof dir === 'string') walk.uses.set(dir, (walk.uses.get(dir) ?? 0) + 1);
  for (const { sourced, dir } of calls) {
    await evalModuleCall(walk, sourced, dir, ctx, scope);
    if (typeof dir === 'string') release(walk, dir);
  }
}

/**
 * Forgets a module folder's parsed files once no call known so far still
 * needs them. A folder called again later (from another module) is read
 * again: that costs a parse, where holding every module's trees to the end
 * costs memory and collection time across the whole scan. Inside a module
 * call with several instances (for_each, count), the folders its instances
 * call are kept until the last instance is done (see keepForInstances): each
 * instance calls them again.
 */
function release(walk: Walk, dir: string): void {
  const left = (walk.uses.get(dir) ?? 1) - 1;
  if (left > 0) {
    walk.uses.set(dir, left);
    return;
  }
  walk.uses.delete(dir);
  const kept = walk.kept.at(-1);
  if (kept !== undefined) kept.add(dir);
  else walk.cache.delete(dir);
}

/**
 * Runs the instances of a module call, keeping the folders they release
 * until the last one is done; then releases those no call needs any more
 * (handing them to an enclosing call with several instances, if any).
 */
async function keepForInstances(walk: Walk, run: () => Promise<void>): Promise<void> {
  const kept = new Set<string>();
  walk.kept.push(kept);
  try {
    await run();
  } finally {
    walk.kept.pop();
  }
  const outer = walk.kept.at(-1);
  for (const dir of kept) {
    if (walk.uses.has(dir)) continue;
    if (outer !== undefined) outer.add(dir);
    else walk.cache.delete(dir);
  }
}

/** The folder a module call reads, or why it is not read. */
function callDir(
  walk: Walk,
  files: ModuleFiles,
  sourced: SourcedBlock,
  ctx: ModuleContext,
  scope: Scope,
): string | Unknown {
  const { block } = sourced;
  const sourceValue = block.body.attributes.get('source');
  const source = sourceValue === undefined ? undefined : evaluate(sourceValue.expr, scope);
  return moduleDir(walk, files, ctx, block.labels[0] ?? '', source);
}

/** Instances of a block with count/for_each: key and the scope each one sees. */
function instances(
  block: Block,
  scope: Scope,
  walk: Walk,
  kind: 'module' | 'resource',
  where: string,
): { key: InstanceKey | undefined; scope: Scope }[] | Unknown {
  // Counted before a list is built: count = 1e12 must not try to build it.
  return expand(block, scope, (n) => {
    walk.expanded[kind] += n;
    if (walk.expanded[kind] > maxInstances[kind])
      throw new InputError(
        `the configuration expands to more than ${maxInstances[kind].toLocaleString('en-US')} ${kind} instances (reached at ${where}); gcadopt stops there`,
        { hint: 'check nested for_each/count, or pass --plan with terraform show -json output' },
      );
  });
}

/**
 * An instance's scope: the module's, with `count.index` or `each`. Every
 * field is set, so all instance scopes share one object shape and the
 * evaluator's reads of them stay fast (a spread per instance does not).
 */
function instanceScope(scope: Scope, count?: number, each?: Scope['each']): Scope {
  return {
    variable: scope.variable,
    local: scope.local,
    modulePath: scope.modulePath,
    files: scope.files,
    loop: scope.loop,
    template: scope.template,
    count: count ?? scope.count,
    each: each ?? scope.each,
  };
}

function expand(
  block: Block,
  scope: Scope,
  reserve: (n: number) => void,
): { key: InstanceKey | undefined; scope: Scope }[] | Unknown {
  const count = block.body.attributes.get('count');
  const forEach = block.body.attributes.get('for_each');
  if (count !== undefined) {
    const n = evaluate(count.expr, scope);
    if (n instanceof Unknown) return new Unknown(`count ${n.reason}`);
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 0)
      return new Unknown('count is not a whole number');
    reserve(n);
    const counted: { key: InstanceKey | undefined; scope: Scope }[] = [];
    for (let i = 0; i < n; i++) counted.push({ key: i, scope: instanceScope(scope, i) });
    return counted;
  }
  if (forEach === undefined) {
    reserve(1);
    return [{ key: undefined, scope }];
  }
  const coll = evaluate(forEach.expr, scope);
  const unknown =
    coll instanceof Unknown
      ? coll
      : Array.isArray(coll)
        ? findUnknown(coll)
        : isObject(coll)
          ? undefined
          : new Unknown('for_each is not a map or set');
  if (unknown !== undefined) return new Unknown(`for_each ${unknown.reason}`);
  if (Array.isArray(coll)) {
    const keys = (coll as Value[]).filter((v): v is string => typeof v === 'string');
    if (keys.length !== coll.length) return new Unknown('for_each over a set must hold strings');
    const distinct = new Set(keys);
    reserve(distinct.size);
    return [...distinct]
      .sort()
      .map((k) => ({ key: k, scope: instanceScope(scope, undefined, { key: k, value: k }) }));
  }
  const object = coll as { [key: string]: Value };
  reserve(Object.keys(object).length);
  return Object.keys(object)
    .sort()
    .map((k) => ({
      key: k,
      scope: instanceScope(scope, undefined, { key: k, value: object[k] ?? null }),
    }));
}

function toAttributeValue(value: Value): AttributeValue {
  if (value instanceof Unknown) return { unknown: value.reason };
  if (Array.isArray(value)) return (value as Value[]).map(toAttributeValue);
  if (isObject(value))
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toAttributeValue(v)]));
  return value as string | number | boolean | null;
}

function evalResource(walk: Walk, sourced: SourcedBlock, ctx: ModuleContext, scope: Scope): void {
  const { block } = sourced;
  const [type = '', name = ''] = block.labels;
  const source = { file: sourced.file, line: sourced.line };
  walk.locations.set(`${ctx.configPrefix}${type}.${name}`, source);
  if (walk.options.types !== undefined && !walk.options.types.has(type)) return;
  const prefix = formatAddress({ module: ctx.steps, mode: 'managed', type, name });
  const list = instances(block, scope, walk, 'resource', prefix);
  if (list instanceof Unknown || list.length > 0) walk.options.onResourceType?.(type);
  if (list instanceof Unknown) {
    const address = `${prefix}[*]`;
    walk.resources.push({
      type,
      address,
      attributes: { name: { unknown: list.reason } },
      source,
      unknownInstances: list.reason,
    });
    return;
  }
  const evaluated = [...block.body.attributes.values()].filter((a) => !meta.has(a.name));
  // Indexed loops: this runs once per instance, often before the code is optimized.
  for (let i = 0; i < list.length; i++) {
    const instance = list[i] as (typeof list)[number];
    const attributes: Record<string, AttributeValue> = {};
    for (let j = 0; j < evaluated.length; j++) {
      const attr = evaluated[j] as Attribute;
      attributes[attr.name] = toAttributeValue(evaluate(attr.expr, instance.scope));
    }
    walk.resources.push({
      type,
      address: prefix + formatKey(instance.key),
      attributes,
      source,
    });
  }
}

function evalImport(walk: Walk, sourced: SourcedBlock, scope: Scope): void {
  const { block } = sourced;
  const to = block.body.attributes.get('to');
  const id = block.body.attributes.get('id');
  if (to === undefined || id === undefined) return;
  const list = instances(block, scope, walk, 'resource', `${sourced.file}:${sourced.line}`);
  if (list instanceof Unknown) {
    walk.diagnostics.push(
      `${sourced.file}:${sourced.line}: import block ${list.reason}; its targets are unknown`,
    );
    return;
  }
  for (const instance of list) {
    const address = traversalAddress(to.expr, instance.scope);
    if (address instanceof Unknown) {
      walk.diagnostics.push(`${sourced.file}:${sourced.line}: import target ${address.reason}`);
      continue;
    }
    walk.imports.push({
      to: address,
      id: toAttributeValue(evaluate(id.expr, instance.scope)),
      source: { file: sourced.file, line: sourced.line },
    });
  }
}

/** The address an import block's `to` names: a traversal whose index keys may use each.*. */
function traversalAddress(expr: Expr, scope: Scope): string | Unknown {
  const steps: (string | InstanceKey)[] = [];
  const keys: boolean[] = [];
  let e: Expr = expr;
  for (;;) {
    if (e.k === 'attr') {
      steps.unshift(e.name);
      keys.unshift(false);
      e = e.obj;
    } else if (e.k === 'index') {
      const key = evaluate(e.key, scope);
      if (key instanceof Unknown) return key;
      if (typeof key !== 'string' && typeof key !== 'number')
        return new Unknown('an import target key must be a string or a number');
      steps.unshift(key);
      keys.unshift(true);
      e = e.obj;
    } else if (e.k === 'var') {
      steps.unshift(e.name);
      keys.unshift(false);
      break;
    } else {
      return new Unknown('an import target must be a resource address');
    }
  }
  let text = '';
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i] as string | number;
    text +=
      keys[i] === true
        ? formatAddress({ module: [], mode: 'managed', type: 't', name: 'n', key: step }).slice(3)
        : `${i === 0 ? '' : '.'}${step}`;
  }
  try {
    return formatAddress(parseAddress(text));
  } catch (error) {
    return new Unknown((error as Error).message);
  }
}

async function evalModuleCall(
  walk: Walk,
  sourced: SourcedBlock,
  dir: string | Unknown,
  ctx: ModuleContext,
  scope: Scope,
): Promise<void> {
  const { block } = sourced;
  const name = block.labels[0] ?? '';
  if (typeof dir !== 'string') {
    walk.diagnostics.push(`${sourced.file}:${sourced.line}: module "${name}" ${dir.reason}`);
    return;
  }
  const child = await load(walk, dir);
  const list = instances(
    block,
    scope,
    walk,
    'module',
    `${formatModulePath(ctx.steps)}${ctx.steps.length > 0 ? '.' : ''}module.${name}`,
  );
  const configPrefix = `${ctx.configPrefix}module.${name}.`;
  if (list instanceof Unknown) {
    walk.diagnostics.push(
      `${sourced.file}:${sourced.line}: module "${name}" ${list.reason}; its instances are unknown`,
    );
    // The inputs may use each or count, which have no value here: each declared
    // variable is unknown for the reason the instances are (a root variable with
    // no value, say), never "not declared".
    const unknown = new Unknown(`module "${name}" ${list.reason}`);
    await evalModule(walk, child, {
      steps: [...ctx.steps, { name }],
      vars: moduleInputs(block, child, name, scope, () => unknown),
      configPrefix,
      depth: ctx.depth + 1,
    });
    return;
  }
  const all = async (): Promise<void> => {
    for (const instance of list)
      await evalModule(walk, child, {
        steps: [...ctx.steps, { name, key: instance.key }],
        vars: moduleInputs(block, child, name, scope, (input) => evaluate(input, instance.scope)),
        configPrefix,
        depth: ctx.depth + 1,
      });
  };
  // Several instances call the same folders: those stay until the last is done.
  await (list.length < 2 ? all() : keepForInstances(walk, all));
}

/** The values of a module's declared variables: the call's inputs, else their defaults. */
function moduleInputs(
  block: Block,
  child: ModuleFiles,
  name: string,
  scope: Scope,
  input: (expr: Expr) => Value,
): Map<string, Value> {
  const vars = new Map<string, Value>();
  for (const [varName, decl] of declarations(child)) {
    const given = block.body.attributes.get(varName);
    vars.set(
      varName,
      given !== undefined && !callMeta.has(varName)
        ? input(given.expr)
        : decl.default !== undefined
          ? evaluate(decl.default, scope)
          : new Unknown(`variable "${varName}" of module "${name}" has no value`),
    );
  }
  return vars;
}

/**
 * The folder a module call reads: a local path, or where `terraform init`
 * installed a remote source (.terraform/modules/modules.json).
 */
function moduleDir(
  walk: Walk,
  files: ModuleFiles,
  ctx: ModuleContext,
  name: string,
  source: Value | undefined,
): string | Unknown {
  if (typeof source === 'string' && /^\.\.?[/\\]/.test(source)) return join(files.dir, source);
  if (typeof source !== 'string')
    return new Unknown('comes from an unknown source: its resources are not read');
  const key = [...ctx.steps.map((s) => s.name), name].join('.');
  const installed = walk.manifest.get(key);
  if (installed === undefined)
    return new Unknown(
      `comes from "${source}", not a local path, and terraform init has not installed it: its resources are not read`,
    );
  if (!isSameSource(installed.source, source))
    return new Unknown(
      `comes from "${source}" but terraform init installed "${installed.source}": run terraform init; its resources are not read`,
    );
  return isAbsolute(installed.dir) ? installed.dir : join(walk.root, installed.dir);
}
