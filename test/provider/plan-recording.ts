import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEmulator } from '../../src/emulator/index.js';
import { createTerraformEnv, emulatorCredentials, runTerraform } from './terraform-helpers.js';

/**
 * The plan and state fixtures of test/fixtures, recorded from real Terraform
 * with the local provider (`gcadopt provider`) against a seeded emulator.
 * Each scenario is a folder of test/fixtures/configs: one subfolder a
 * configuration, which the scenario's steps apply or plan in turn in one
 * working folder (so the state carries over), and the scenario's modules
 * beside them (`source = "../modules/..."`).
 */

/** Where the fixtures and their configurations live. */
export const fixturesDir = fileURLToPath(new URL('../fixtures/', import.meta.url));

/** The home division every scenario's org has, with a fixed id. */
const homeId = '00000000-0000-4000-8000-000000000001';

/** What a step does with its configuration (`state` records without one). */
type Step =
  | { readonly config: string; readonly run: 'apply' }
  | { readonly config: string; readonly run: 'apply-fails'; readonly error: RegExp }
  | { readonly config: string; readonly run: 'plan'; readonly out: string }
  | { readonly run: 'state'; readonly out: string };

interface Scenario {
  readonly name: string;
  /** The emulator's divisions besides the home one; all with fixed ids. */
  readonly divisions: readonly {
    id: string;
    name: string;
    description?: string;
    objectCounts?: Record<string, number>;
  }[];
  readonly steps: readonly Step[];
}

export const scenarios: readonly Scenario[] = [
  {
    // Creates, modules with for_each keys, count, replacements (either order),
    // a move, imports (no-op, into a module, with an update), an update, a
    // delete, a `removed` block, unknown values with their references, data sources.
    name: 'mixed',
    divisions: [
      { id: '00000000-0000-4000-8000-000000000011', name: 'Imported', description: '' },
      { id: '00000000-0000-4000-8000-000000000012', name: 'Adopt Me', description: '' },
      { id: '00000000-0000-4000-8000-000000000013', name: 'Zürich "HQ"', description: '' },
    ],
    steps: [
      { config: '1-apply', run: 'apply' },
      { config: '2-plan', run: 'plan', out: 'plans/mixed.json' },
    ],
  },
  {
    // Nested modules (for_each, count, for_each) in state, a plan without
    // changes, and a plan changing things inside the nested modules.
    name: 'modules',
    divisions: [],
    steps: [
      { config: '1-apply', run: 'apply' },
      { run: 'state', out: 'states/modules' },
      { config: '1-apply', run: 'plan', out: 'plans/no-changes.json' },
      { config: '2-plan', run: 'plan', out: 'plans/modules.json' },
    ],
  },
  {
    // A create_before_destroy replacement whose destroy fails: a deposed object.
    name: 'deposed',
    divisions: [
      {
        id: '00000000-0000-4000-8000-000000000021',
        name: 'Busy',
        description: '',
        objectCounts: { queue: 3 },
      },
    ],
    steps: [
      { config: '1-apply', run: 'apply' },
      {
        config: '2-replace',
        run: 'apply-fails',
        error: /The division cannot be deleted: it still holds 3 object/,
      },
      { run: 'state', out: 'states/deposed' },
      { config: '2-replace', run: 'plan', out: 'plans/deposed.json' },
    ],
  },
];

/** A recorded fixture: its path under test/fixtures and its text. */
export interface Recorded {
  readonly file: string;
  readonly text: string;
}

/**
 * Runs every scenario in a subfolder of `dir` (empty) and returns the fixtures,
 * normalised so that recording again gives the same bytes.
 */
export async function recordFixtures(dir: string): Promise<Recorded[]> {
  const out: Recorded[] = [];
  for (const scenario of scenarios)
    out.push(...(await recordScenario(scenario, join(dir, scenario.name))));
  return out;
}

async function recordScenario(scenario: Scenario, dir: string): Promise<Recorded[]> {
  const source = join(fixturesDir, 'configs', scenario.name);
  cpSync(source, dir, { recursive: true });
  const work = join(dir, 'work');
  mkdirSync(work);
  const seeded = [{ id: homeId, name: 'Home', description: '', home: true }, ...scenario.divisions];
  const emulator = await startEmulator({ seed: { divisions: seeded } });
  try {
    const env = await createTerraformEnv(dir, emulatorCredentials(emulator));
    // `failure`: the error an apply is meant to stop on; any other outcome throws.
    const terraform = async (args: string[], failure?: RegExp): Promise<string> => {
      const result = await runTerraform(work, env, [...args, '-no-color']);
      const failed = result.code !== 0;
      if (failed !== (failure !== undefined) || (failed && !failure?.test(result.stderr)))
        throw new Error(
          `${scenario.name}: terraform ${args.join(' ')} exited ${String(result.code)}: ${result.stderr}`,
        );
      return result.stdout;
    };
    const raw: Recorded[] = [];
    for (const step of scenario.steps) {
      if (step.run === 'state') {
        const state = readFileSync(join(work, 'terraform.tfstate'), 'utf8');
        raw.push({ file: `${step.out}.tfstate`, text: state });
        raw.push({ file: `${step.out}.show.json`, text: await terraform(['show', '-json']) });
        continue;
      }
      useConfig(join(source, step.config), work);
      // Local modules only: `get` installs them without reaching any registry.
      await terraform(['get']);
      if (step.run === 'plan') {
        await terraform(['plan', '-out=tfplan', '-input=false']);
        raw.push({ file: step.out, text: await terraform(['show', '-json', 'tfplan']) });
      } else {
        const failure = step.run === 'apply-fails' ? step.error : undefined;
        // One at a time: with parallel applies, how many state writes Terraform
        // makes (the state's serial) depends on timing.
        await terraform(['apply', '-auto-approve', '-input=false', '-parallelism=1'], failure);
      }
    }
    return normalise(raw, new Set(seeded.map((d) => d.id)));
  } finally {
    await emulator.close();
  }
}

/** Puts the .tf files of `config` in `work`, in place of the previous step's. */
function useConfig(config: string, work: string): void {
  for (const name of readdirSync(work)) if (name.endsWith('.tf')) rmSync(join(work, name));
  for (const name of readdirSync(config)) cpSync(join(config, name), join(work, name));
}

const guid = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

/** Numbers what it is given in order of first appearance: `format(1)`, `format(2)`... */
function renumber(format: (n: number) => string): (value: string) => string {
  const seen = new Map<string, string>();
  return (value) => {
    let mapped = seen.get(value);
    if (mapped === undefined) {
      mapped = format(seen.size + 1);
      seen.set(value, mapped);
    }
    return mapped;
  };
}

/** Replaces, in place, the string values of `keys` anywhere in `json`. */
function replaceValues(
  json: unknown,
  keys: ReadonlySet<string>,
  replace: (value: string) => string,
): void {
  if (typeof json !== 'object' || json === null) return;
  for (const [key, value] of Object.entries(json)) {
    if (keys.has(key) && typeof value === 'string')
      (json as Record<string, unknown>)[key] = replace(value);
    else replaceValues(value, keys, replace);
  }
}

const deposedKeys = new Set(['deposed', 'deposed_key']);
const lineage = '00000000-0000-0000-0000-000000000000';

/**
 * What changes from one run to the next, made fixed: the ids the emulator
 * gives new objects and the keys of deposed objects (numbered in order of
 * first appearance across the scenario's files, which Terraform writes in a
 * stable order), the state's lineage and the plan's timestamp. Indented, so
 * that a re-recording reads as a diff.
 */
function normalise(raw: readonly Recorded[], seeded: ReadonlySet<string>): Recorded[] {
  const newId = renumber((n) => `00000000-0000-4000-8000-${String(n).padStart(12, 'a')}`);
  const deposed = renumber((n) => String(n).padStart(8, 'd'));
  return raw.map(({ file, text }) => {
    const json = JSON.parse(text) as Record<string, unknown>;
    if (typeof json.lineage === 'string') json.lineage = lineage;
    if (typeof json.timestamp === 'string') json.timestamp = '2000-01-01T00:00:00Z';
    replaceValues(json, deposedKeys, deposed);
    const indented = JSON.stringify(json, null, 2).replace(guid, (id) =>
      seeded.has(id) || id === lineage ? id : newId(id),
    );
    return { file, text: `${indented}\n` };
  });
}
