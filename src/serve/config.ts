import { z } from 'zod';
import { InputError } from '../errors.js';
import { describeIssues } from '../terraform/read-json.js';

/** Where the HMAC key comes from: never the config file itself. */
const keySourceSchema = z.union([
  z.strictObject({ env: z.string().min(1) }),
  z.strictObject({ file: z.string().min(1) }),
]);

/**
 * One Genesys org. Credentials are named, never given: the config file is
 * meant to be committed and shared by replicas, the secrets are not.
 */
const orgSchema = z.strictObject({
  region: z.string().min(1).optional(),
  apiUrl: z.string().min(1).optional(),
  loginUrl: z.string().min(1).optional(),
  clientIdEnv: z.string().min(1),
  clientSecretEnv: z.string().min(1),
  requestsPerMinute: z.number().int().min(1).max(100_000).optional(),
});

const ruleSchema = z.strictObject({
  organization: z.string().min(1).optional(),
  name: z.string().min(1).optional(),
  pattern: z.string().min(1).optional(),
  org: z.string().min(1),
});

const configSchema = z.strictObject({
  port: z.number().int().min(0).max(65_535).default(8080),
  host: z.string().min(1).default('0.0.0.0'),
  path: z.string().startsWith('/').default('/'),
  hmacKey: keySourceSchema,
  unmapped: z.enum(['fail', 'warn']).default('fail'),
  listingTtlSeconds: z.number().min(0).max(3600).default(30),
  callbackDeadlineSeconds: z.number().min(1).max(600).default(540),
  maxBodyBytes: z.number().int().min(1024).max(10_485_760).default(262_144),
  orgs: z.record(z.string().min(1), orgSchema),
  workspaces: z.array(ruleSchema).default([]),
});

/** The `gcadopt serve` configuration, validated, defaults applied. */
export type ServeConfig = z.infer<typeof configSchema>;
/** One org entry of the configuration. */
export type OrgConfig = z.infer<typeof orgSchema>;
/** One workspace-to-org rule of the configuration. */
export type WorkspaceRule = z.infer<typeof ruleSchema>;

/**
 * Validates a parsed config file. Every problem is reported at once, and the
 * cross-references (a rule naming an unknown org, a rule that matches every
 * workspace by accident) are checked too.
 */
export function parseServeConfig(json: unknown, file: string): ServeConfig {
  const problems: string[] = [];
  if (typeof json === 'object' && json !== null && typeof Reflect.get(json, 'hmacKey') === 'string')
    problems.push(
      'hmacKey: the key itself must not be in the config; use {"env": NAME} or {"file": PATH}',
    );
  const parsed = configSchema.safeParse(json);
  if (!parsed.success) problems.push(...describeIssues(parsed.error.issues));
  if (parsed.success) problems.push(...checkReferences(parsed.data));
  if (problems.length > 0) {
    throw new InputError(`${file} is not a valid serve config: ${problems[0] ?? ''}`, {
      file,
      problems,
      hint: 'see docs/run-task.md for the config file format',
    });
  }
  return (parsed as { data: ServeConfig }).data;
}

function checkReferences(config: ServeConfig): string[] {
  const problems: string[] = [];
  for (const [name, org] of Object.entries(config.orgs)) {
    if (org.region === undefined && org.apiUrl === undefined)
      problems.push(`orgs.${name}: give region or apiUrl`);
  }
  config.workspaces.forEach((rule, i) => {
    if (!(rule.org in config.orgs))
      problems.push(`workspaces.${i}.org: no org named "${rule.org}" under orgs`);
    if (rule.organization === undefined && rule.name === undefined && rule.pattern === undefined)
      problems.push(
        `workspaces.${i}: give organization, name or pattern (a rule matching every workspace must say so with "pattern": "*")`,
      );
    if (rule.name !== undefined && rule.pattern !== undefined)
      problems.push(`workspaces.${i}: give name or pattern, not both`);
  });
  return problems;
}
