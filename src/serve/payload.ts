import { z } from 'zod';
import { describeIssues } from '../terraform/read-json.js';

/**
 * The run task request body (payload_version 1) of HCP Terraform's "Run tasks
 * integration API"; loose, since the service adds fields over time. Only what
 * gcadopt uses is required.
 */
const payloadSchema = z.looseObject({
  payload_version: z.literal(1),
  stage: z.string().min(1),
  access_token: z.string().min(1),
  task_result_id: z.string().min(1),
  task_result_callback_url: z.url({ protocol: /^https?$/ }),
  task_result_enforcement_level: z.string().optional(),
  is_speculative: z.boolean().optional(),
  run_id: z.string().min(1),
  workspace_name: z.string().min(1),
  organization_name: z.string().min(1),
  workspace_id: z.string().optional(),
  plan_json_api_url: z.url({ protocol: /^https?$/ }).nullish(),
  capabilities: z.looseObject({ outcomes: z.boolean().optional() }).nullish(),
});

/** A validated run task request. */
export type RunTaskPayload = z.infer<typeof payloadSchema>;

/**
 * The access token of the test request HCP Terraform sends when a run task is
 * registered (and on "verify" in its settings): it expects a 200 and no callback.
 */
export const verificationToken = 'test-token';

/** Parses a request body: the payload, or every problem with it. */
export function parsePayload(json: unknown): { payload: RunTaskPayload } | { problems: string[] } {
  const parsed = payloadSchema.safeParse(json);
  return parsed.success
    ? { payload: parsed.data }
    : { problems: describeIssues(parsed.error.issues, 5) };
}

/** Whether the body is the registration check (signed like any other request). */
export function isVerificationRequest(json: unknown): boolean {
  return (
    typeof json === 'object' &&
    json !== null &&
    Reflect.get(json, 'access_token') === verificationToken
  );
}
