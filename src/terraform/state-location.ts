import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { InputError } from '../errors.js';
import { isMissingFileError, maxConfigBytes, readTextFile } from '../read-text-file.js';
import type { ConfigBackend } from './config/backend-block.js';
import { parseJsonText } from './read-json.js';

/** Where the state of a root module lives, as `terraform plan` run in it would find it. */
export type StateLocation =
  /** A file: the local backend (the default), for the selected workspace. */
  | { readonly kind: 'local'; readonly path: string; readonly workspace: string }
  /** Anywhere else (s3, azurerm, remote, HCP Terraform ...): gcadopt does not read it. */
  | { readonly kind: 'remote'; readonly backend: string; readonly declaredIn: string };

/** What locating the state needs. */
export interface StateLocationOptions {
  /** The root module folder, where terraform runs. */
  readonly dir: string;
  /** The configuration's `backend`/`cloud` block. @default none: the local backend */
  readonly backend?: ConfigBackend | undefined;
  /** `TF_DATA_DIR` (instead of `.terraform`) and `TF_WORKSPACE` (instead of `.terraform/environment`). @default {} */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/** What `terraform init` recorded in `.terraform/terraform.tfstate`. */
interface InitBackend {
  readonly type: string;
  readonly config: Readonly<Record<string, unknown>>;
}

/**
 * Finds the state: the configuration's backend block, else the backend
 * `terraform init` recorded (it may have come from `-backend-config` or a
 * block since removed: either way the state is still there). Any backend
 * but `local` is remote. A local backend's state is `path` (default
 * `terraform.tfstate`) for the default workspace, and
 * `workspace_dir/NAME/terraform.tfstate` for any other.
 */
export async function locateState(options: StateLocationOptions): Promise<StateLocation> {
  const env = options.env ?? {};
  const dataDir = resolve(options.dir, nonEmpty(env.TF_DATA_DIR) ?? '.terraform');
  const init = await readInitBackend(join(dataDir, 'terraform.tfstate'));
  const declared = options.backend;
  if (declared !== undefined && declared.type !== 'local') {
    return {
      kind: 'remote',
      backend: declared.type,
      declaredIn: `${declared.source.file}:${declared.source.line}`,
    };
  }
  if (init !== undefined && init.type !== 'local') {
    return { kind: 'remote', backend: init.type, declaredIn: relativeTo(options.dir, dataDir) };
  }
  const workspace =
    nonEmpty(env.TF_WORKSPACE) ?? (await readWorkspace(join(dataDir, 'environment'))) ?? 'default';
  // Terraform allows only names that need no escaping in a URL path: never a path of its own.
  if (/[/\\\p{Cc}]/u.test(workspace) || workspace === '..' || workspace === '.') {
    throw new InputError(
      `the selected Terraform workspace ${JSON.stringify(workspace)} is not a valid name`,
      {
        hint: 'check TF_WORKSPACE or run terraform workspace select',
      },
    );
  }
  const setting = (name: string): string | undefined => {
    const value = init?.config[name];
    return typeof value === 'string' && value !== '' ? value : undefined;
  };
  const path =
    workspace === 'default'
      ? (declared?.path ?? setting('path') ?? 'terraform.tfstate')
      : join(
          declared?.workspaceDir ?? setting('workspace_dir') ?? 'terraform.tfstate.d',
          workspace,
          'terraform.tfstate',
        );
  return { kind: 'local', path: resolve(options.dir, path), workspace };
}

async function readInitBackend(path: string): Promise<InitBackend | undefined> {
  const what = "Terraform's backend settings";
  let text: string;
  try {
    text = await readTextFile(path, { what, maxBytes: maxConfigBytes });
  } catch (error) {
    if (isMissingFileError(error)) return undefined;
    throw error;
  }
  const hint = 'run terraform init again';
  let json: unknown;
  try {
    json = parseJsonText(text, path, what);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    throw new InputError(error.message, { file: path, cause: error, hint });
  }
  const backend = isRecord(json) ? json.backend : undefined;
  if (backend === undefined || backend === null) return undefined;
  if (!isRecord(backend) || typeof backend.type !== 'string')
    throw new InputError(`${path}: "backend" has no type`, { file: path, hint });
  return { type: backend.type, config: isRecord(backend.config) ? backend.config : {} };
}

/** The workspace `terraform workspace select` recorded. */
async function readWorkspace(path: string): Promise<string | undefined> {
  try {
    const text = await readTextFile(path, { what: 'Terraform workspace file', maxBytes: 4096 });
    return nonEmpty(text.trim());
  } catch (error) {
    if (isMissingFileError(error)) return undefined;
    throw error;
  }
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}

/** The init settings file, named relative to DIR when it is inside. */
function relativeTo(dir: string, dataDir: string): string {
  const path = join(dataDir, 'terraform.tfstate');
  const rel = relative(dir, path);
  return rel.startsWith('..') || isAbsolute(rel) ? path : rel.split(sep).join('/');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
