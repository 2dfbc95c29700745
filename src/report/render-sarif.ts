import {
  findingKinds,
  severityOf,
  type CheckResult,
  type Finding,
  type FindingKind,
} from '../preflight/types.js';
import { describeFix, kindTitles, type ReportTarget } from './describe.js';
import { escapeMarkdown } from './printable.js';

/** SARIF options. */
export interface SarifOptions {
  /** gcadopt's version, for tool.driver.version. */
  readonly version: string;
  /** The org and API host checked, in the run's properties. @default none */
  readonly target?: ReportTarget | undefined;
  /**
   * Where a result without a source is placed (the plan file, else the root
   * module's first file), relative to the repository root: GitHub code
   * scanning rejects a result without a physical location. @default none
   */
  readonly fallbackFile?: string | undefined;
}

const level = { error: 'error', warning: 'warning', info: 'note' } as const;

const help: Readonly<Record<FindingKind, string>> = {
  conflict:
    'A planned create names an object that already exists in the org and no address manages it; terraform apply would fail with 409. Import the existing object at this address (gcadopt import).',
  takeover:
    'A planned create (or rename) names an object that already exists, and the provider does not fail on it: it takes the object over (a flow is overwritten and republished from the YAML). Import the existing object at this address so the adoption is explicit, or rename.',
  home: 'A planned create names the org home division without home = true. Set home = true; never import the home division into a block without it.',
  'built-in':
    'A planned create or import names a built-in object of the org (a default role, the Default PCV Location, a managed site). Set the adopt switch the finding names (default_role_id), or refer to it with the data block the fix shows; never import it into a plain resource block.',
  'rename-conflict':
    'A planned update renames a managed object onto a name another live object holds.',
  duplicate: 'Two or more addresses in the configuration want the same name; only one can exist.',
  ambiguous: 'More than one live object could match; gcadopt does not guess which one to import.',
  'import-missing':
    'An import targets an id the org does not have; the plan would fail with "Cannot import non-existent remote object".',
  'import-orphan':
    'An import block targets an address the configuration does not declare; terraform plan refuses it.',
  'case-conflict':
    'A live object differs only by case or surrounding spaces; names are compared exactly (--exact-names), so the create goes ahead and the org gets two objects named alike.',
  restores:
    'A deleted object still holds the key a planned create names (a deleted user holds the email); the provider restores that object instead of creating one.',
  'deleted-name':
    'A deleted object the API still lists has the name a planned create names; whether it blocks the create is unverified, so the apply may fail with 409.',
  adopts:
    'A planned create names an object that already exists; the provider adopts it after the API refuses the create (an email domain). Import it to make the adoption explicit.',
  elsewhere:
    'An object of this name exists elsewhere in the org (a location under another parent); whether the name must be unique there is unverified, so the create may fail.',
  'stale-state':
    'State holds an id the org no longer has; the next apply will create the object again.',
  drift:
    'The object that will be adopted or is managed differs from the configuration; apply will change it.',
  unknown: 'The name is not known before apply, so it cannot be checked.',
  ok: 'The planned change is safe.',
};

function ruleName(kind: FindingKind): string {
  return kind.replace(/(^|-)([a-z])/g, (_m, _d: string, c: string) => c.toUpperCase());
}

function result(f: Finding, fallbackFile: string | undefined): Record<string, unknown> {
  const fix = describeFix(f.fix);
  // GitHub renders a result's message as Markdown (and SARIF viewers read
  // `[text](n)` as a link), so names in it are escaped; the exact values stay
  // in logicalLocations and properties, which are data.
  const text = escapeMarkdown(fix === undefined ? f.message : `${f.message} Fix: ${fix}`);
  const where =
    f.source ?? (fallbackFile === undefined ? undefined : { file: fallbackFile, line: 1 });
  const physical =
    where === undefined
      ? {}
      : {
          physicalLocation: {
            artifactLocation: { uri: encodeURI(where.file), uriBaseId: '%SRCROOT%' },
            region: { startLine: where.line },
          },
        };
  return {
    ruleId: f.kind,
    ruleIndex: findingKinds.indexOf(f.kind),
    level: level[f.severity],
    message: { text },
    locations: [
      { ...physical, logicalLocations: [{ fullyQualifiedName: f.address, kind: 'resource' }] },
    ],
    partialFingerprints: { 'gcadopt/address-kind/v1': `${f.type}|${f.address}|${f.kind}` },
    ...(f.live === undefined ? {} : { properties: { liveId: f.live.id, liveName: f.live.name } }),
  };
}

/** SARIF 2.1.0 for GitHub code scanning: one rule per finding kind, results at the resource's file/line. */
export function renderSarif(checkResult: CheckResult, options: SarifOptions): string {
  const rules = findingKinds.map((kind) => ({
    id: kind,
    name: ruleName(kind),
    shortDescription: { text: kindTitles[kind] },
    fullDescription: { text: help[kind] },
    help: { text: help[kind] },
    defaultConfiguration: { level: level[severityOf[kind]] },
  }));
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'gcadopt',
            version: options.version,
            semanticVersion: options.version,
            rules,
          },
        },
        results: checkResult.findings
          .filter((f) => f.kind !== 'ok')
          .map((f) => result(f, options.fallbackFile)),
        columnKind: 'unicodeCodePoints',
        ...(options.target === undefined
          ? {}
          : { properties: { org: options.target.org, apiHost: options.target.apiHost } }),
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}
