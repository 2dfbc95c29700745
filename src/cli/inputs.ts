import { resolve } from 'node:path';
import { GcadoptError } from '../errors.js';
import { knownTypes } from '../kinds/index.js';
import type { DesiredResource, ManagedResource } from '../model.js';
import { isMissingFileError } from '../read-text-file.js';
import type { ConfigImport, ConfigScan } from '../terraform/config/index.js';
import type { Plan } from '../terraform/plan.js';
import type { CommandContext } from './context.js';
import { readKindFiles } from './kind-files.js';
import { readTerraformPlan, resolveTerraformBinary } from './terraform-run.js';

/** What Terraform is about to do, from a plan or from the configuration and state. */
export interface Inputs {
  readonly mode: 'plan' | 'config';
  readonly dir: string;
  readonly desired: DesiredResource[];
  readonly managed: ManagedResource[];
  /** Import blocks found anywhere in the configuration. */
  readonly imports: readonly ConfigImport[];
  /** The configuration, when DIR could be read. */
  readonly scan: ConfigScan | undefined;
}

/** The input options `check`, `import` and `generate` share. */
export interface InputOptions {
  readonly plan?: unknown;
  readonly state?: unknown;
  readonly var?: unknown;
  readonly varFile?: unknown;
  /** `--terraform[=PATH]`: run Terraform in DIR for the plan and state. */
  readonly terraform?: unknown;
  /** Fail when DIR holds no configuration (check and import; generate may start from nothing). */
  readonly requireConfig?: boolean;
  /** Told each resource type the configuration has instances of, while it is read (not with a plan). */
  readonly onResourceType?: (type: string) => void;
}

const strings = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];

/**
 * The state `terraform plan` in DIR would use, when it is a local file. A
 * remote backend's state cannot be read here; guessing it empty would call
 * every managed object unmanaged, so that is an error.
 */
async function readLocalState(
  ctx: CommandContext,
  dir: string,
  dirArg: string,
  scan: ConfigScan,
): Promise<ManagedResource[]> {
  const [{ locateState }, { readJsonFile }] = await Promise.all([
    import('../terraform/state-location.js'),
    import('../terraform/read-json.js'),
  ]);
  const location = await locateState({ dir, backend: scan.backend, env: ctx.io.env });
  if (location.kind === 'remote') {
    throw new GcadoptError(
      'input',
      `the state is in the "${location.backend}" backend (${location.declaredIn}), which gcadopt cannot read: without it every managed object would look unmanaged`,
      {
        hint: 'run `terraform show -json > state.json` and pass --state state.json, or pass --plan with `terraform show -json` of a saved plan',
      },
    );
  }
  ctx.debug(`state: ${location.path} (workspace ${location.workspace})`);
  let json: unknown;
  try {
    json = await readJsonFile(location.path, 'state file');
  } catch (error) {
    // No state yet (or a dangling symlink): nothing is managed, as Terraform sees it.
    if (isMissingFileError(error)) return [];
    throw error;
  }
  // Loaded only when there is a state to read: its schemas cost a module load.
  const { parseState } = await import('../terraform/state.js');
  return parseState(json, location.path, { types: knownTypes });
}

/**
 * Reads the inputs. With --plan the plan is the truth and DIR only adds
 * file/line; without it the configuration is evaluated and compared with state.
 */
export async function readInputs(
  ctx: CommandContext,
  dirArg: string,
  opts: InputOptions,
): Promise<Inputs> {
  const dir = resolve(ctx.io.cwd, dirArg);
  const { readConfig } = await import('../terraform/config/index.js');
  // The plan and state readers load only for the inputs that need them.
  const readPlan = async (path: string): Promise<Plan> =>
    (await import('../terraform/plan.js')).readPlan(path, { types: knownTypes });
  const readState = async (path: string): Promise<ManagedResource[]> =>
    (await import('../terraform/state.js')).readState(path, { types: knownTypes });
  const configOptions = {
    types: knownTypes,
    vars: strings(opts.var),
    varFiles: strings(opts.varFile).map((f) => resolve(ctx.io.cwd, f)),
    env: ctx.io.env,
  };
  const terraform = resolveTerraformBinary(opts.terraform, ctx.io);
  if (terraform !== undefined && (typeof opts.plan === 'string' || typeof opts.state === 'string'))
    throw new GcadoptError('usage', '--terraform makes the plan and reads the state itself', {
      hint: 'leave out --plan and --state, or leave out --terraform',
    });
  if (typeof opts.plan === 'string' || terraform !== undefined) {
    const plan =
      terraform === undefined
        ? await readPlan(resolve(ctx.io.cwd, String(opts.plan)))
        : await readTerraformPlan(ctx.io, { binary: terraform, dir, ...configOptions });
    let scan: ConfigScan | undefined;
    try {
      scan = await readConfig(dir, configOptions);
    } catch (error) {
      if (!GcadoptError.is(error)) throw error;
      ctx.io.stderr.write(`gcadopt: warning: ${error.message}; findings will have no file/line\n`);
    }
    const desired = await readKindFiles(
      plan.desired.map((d) => ({ ...d, source: scan?.locate(d.address) })),
      dir,
    );
    return {
      mode: 'plan',
      dir,
      desired,
      managed: plan.managed,
      imports: scan?.imports ?? [],
      scan,
    };
  }
  const scan = await readConfig(dir, { ...configOptions, onResourceType: opts.onResourceType });
  if (scan.files.length === 0 && opts.requireConfig === true) {
    throw new GcadoptError('input', `${dirArg} holds no .tf or .tf.json files`, {
      hint: 'run gcadopt in the Terraform root module, or pass --plan with terraform show -json output',
    });
  }
  for (const line of scan.diagnostics) ctx.io.stderr.write(`gcadopt: warning: ${line}\n`);
  const managed =
    typeof opts.state === 'string'
      ? await readState(resolve(ctx.io.cwd, opts.state))
      : await readLocalState(ctx, dir, dirArg, scan);
  ctx.debug(
    `config: ${scan.files.length} file(s), ${scan.resources.length} resource(s); state: ${managed.length} resource(s)`,
  );
  const inState = new Set(managed.map((m) => m.address));
  const importIds = new Map(
    scan.imports.filter((i) => typeof i.id === 'string').map((i) => [i.to, i.id as string]),
  );
  const configured: DesiredResource[] = scan.resources.map((r) => ({
    type: r.type,
    address: r.address,
    action: inState.has(r.address) ? 'update' : 'create',
    attributes: r.attributes,
    source: r.source,
    importId: inState.has(r.address) ? undefined : importIds.get(r.address),
  }));
  const desired = await readKindFiles(configured, dir);
  return { mode: 'config', dir, desired, managed, imports: scan.imports, scan };
}
