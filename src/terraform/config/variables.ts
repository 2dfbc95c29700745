import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { InputError } from '../../errors.js';
import { maxConfigBytes, readTextFile } from '../../read-text-file.js';
import type { Expr } from '../hcl/ast.js';
import { parseHcl } from '../hcl/parser.js';
import { evaluate, type Scope } from './evaluate.js';
import { Unknown, type Value } from './values.js';

/** A declared variable: its default and type expressions. */
export interface VariableDecl {
  readonly default: Expr | undefined;
  readonly type: Expr | undefined;
}

/** Where root variables come from. */
export interface VariableOptions {
  /** `--var NAME=VALUE`, in command-line order. */
  readonly vars?: readonly string[] | undefined;
  /** `--var-file FILE`, in command-line order. */
  readonly varFiles?: readonly string[] | undefined;
  /**
   * The environment, for `TF_VAR_<name>` values (the CLI passes its own).
   * @default no environment variables
   */
  readonly env?: Readonly<Record<string, string | undefined>> | undefined;
}

/** Evaluation with no variables, locals or resources: what tfvars files and defaults may use. */
export const constantScope: Scope = {
  variable: (n) => new Unknown(`var.${n} cannot be used here`),
  local: (n) => new Unknown(`local.${n} cannot be used here`),
  modulePath: '.',
};

async function readVarFile(path: string, display: string): Promise<Record<string, Value>> {
  const text = await readTextFile(path, {
    what: 'variables file',
    maxBytes: maxConfigBytes,
    display,
  });
  if (path.endsWith('.json')) {
    try {
      const json = JSON.parse(text) as unknown;
      if (typeof json !== 'object' || json === null || Array.isArray(json))
        throw new Error('expected an object');
      return json as Record<string, Value>;
    } catch (error) {
      throw new InputError(`${display}: not valid JSON variables (${(error as Error).message})`, {
        file: display,
      });
    }
  }
  const file = parseHcl(text, display);
  if (file.body.blocks.length > 0)
    throw new InputError(`${display}: a variables file holds only NAME = VALUE lines`, {
      file: display,
    });
  return Object.fromEntries(
    [...file.body.attributes].map(([name, attr]) => [name, evaluate(attr.expr, constantScope)]),
  );
}

const primitive = new Set(['string', 'number', 'bool']);

/**
 * A `--var` or `TF_VAR_` value: a literal string when the variable has no type
 * or a primitive one, else an HCL expression (Terraform's VariableParseLiteral
 * and VariableParseHCL; `any` is parsed as HCL).
 */
function parseCliValue(display: string, raw: string, decl: VariableDecl | undefined): Value {
  const type = decl?.type;
  const typeName = type?.k === 'var' ? type.name : undefined;
  if (type === undefined || (typeName !== undefined && primitive.has(typeName))) {
    if (typeName === 'number' && raw.trim() !== '' && !Number.isNaN(Number(raw)))
      return Number(raw);
    if (typeName === 'bool' && (raw === 'true' || raw === 'false')) return raw === 'true';
    return raw;
  }
  const file = parseHcl(`v = ${raw}\n`, display);
  const attr = file.body.attributes.get('v');
  return attr === undefined ? raw : evaluate(attr.expr, constantScope);
}

/**
 * Root module variable values with Terraform's precedence: defaults, then
 * TF_VAR_<name> environment variables, terraform.tfvars,
 * terraform.tfvars.json, *.auto.tfvars(.json) in lexical order, then
 * --var-file and --var in command-line order (later wins).
 */
export async function resolveRootVariables(
  dir: string,
  declared: ReadonlyMap<string, VariableDecl>,
  options: VariableOptions,
): Promise<Map<string, Value>> {
  const values = new Map<string, Value>();
  for (const [name, decl] of declared) {
    values.set(
      name,
      decl.default === undefined
        ? new Unknown(
            `variable "${name}" has no value: set it with --var ${name}=..., a .tfvars file or TF_VAR_${name}`,
          )
        : evaluate(decl.default, constantScope),
    );
  }
  // Undeclared TF_VAR_ names are ignored, as Terraform does.
  for (const [key, raw] of Object.entries(options.env ?? {})) {
    const name = key.slice('TF_VAR_'.length);
    if (!key.startsWith('TF_VAR_') || raw === undefined || !declared.has(name)) continue;
    values.set(name, parseCliValue(key, raw, declared.get(name)));
  }
  const names = (await readdir(dir)).sort();
  const auto = names.filter((n) => /\.auto\.tfvars(\.json)?$/.test(n));
  const files = [
    ...['terraform.tfvars', 'terraform.tfvars.json'].filter((n) => names.includes(n)),
    ...auto,
  ].map((n) => ({ path: join(dir, n), display: n }));
  for (const file of [
    ...files,
    ...(options.varFiles ?? []).map((f) => ({ path: f, display: f })),
  ]) {
    for (const [name, value] of Object.entries(await readVarFile(file.path, file.display))) {
      if (declared.has(name)) values.set(name, value);
    }
  }
  for (const assignment of options.vars ?? []) {
    const eq = assignment.indexOf('=');
    if (eq <= 0) throw new InputError(`--var "${assignment}": expected NAME=VALUE`);
    const name = assignment.slice(0, eq).trim();
    if (!declared.has(name))
      throw new InputError(`--var ${name}: the root module declares no variable "${name}"`);
    values.set(name, parseCliValue(`--var ${name}`, assignment.slice(eq + 1), declared.get(name)));
  }
  return values;
}
