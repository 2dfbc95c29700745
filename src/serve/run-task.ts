import { GcadoptError } from '../errors.js';
import { kinds as allKinds, knownTypes } from '../kinds/index.js';
import { runCheck } from '../preflight/engine.js';
import { parsePlan } from '../terraform/plan.js';
import { nextCallbackDelay, sendTaskResult, type CallbackOptions } from './callback.js';
import { HcpError } from './hcp-fetch.js';
import type { OrgHandle } from './org-pool.js';
import type { RunTaskPayload } from './payload.js';
import { fetchPlanJson, type PlanFetchOptions } from './plan-fetch.js';
import { renderCheckBody, renderStatusBody, type TaskResultBody } from './result-body.js';

/** Everything one task needs, resolved once by the server. */
export interface TaskState {
  /** The org of a workspace, or undefined when no rule maps it. */
  readonly orgFor: (payload: RunTaskPayload) => OrgHandle | undefined;
  readonly unmapped: 'fail' | 'warn';
  readonly plan: PlanFetchOptions;
  readonly callback: Omit<CallbackOptions, 'deadline'>;
  /** How long after the request the callback may still be sent, in ms. */
  readonly deadlineMs: number;
}

/** The structured log record of one task (no token, no secret). */
export interface TaskRecord {
  readonly event: 'task';
  readonly organization: string;
  readonly workspace: string;
  readonly run: string;
  readonly taskResult: string;
  readonly stage: string;
  readonly org: string | undefined;
  /** passed or failed as delivered; `undelivered` when the callback could not be sent. */
  verdict: 'passed' | 'failed' | 'undelivered';
  reason: string | undefined;
  findings: number;
  durationMs: number;
  callbackAttempts: number;
  /** Listings this task started, and listings it shared with other runs (in flight or cached). */
  listings: { fresh: number; reused: number };
  /** Requests the org's client has sent since the service started (shared by its runs). */
  orgRequests: number | undefined;
}

const stages = new Set(['post_plan', 'pre_apply']);

/**
 * Runs one task to its end: the plan, the check against the mapped org, then
 * the callback. Every failure becomes a failed result with its reason; only a
 * callback that cannot be delivered ends as `undelivered` (in the log).
 */
export async function runTask(
  payload: RunTaskPayload,
  state: TaskState,
  receivedAt: number,
): Promise<TaskRecord> {
  const org = stages.has(payload.stage) ? state.orgFor(payload) : undefined;
  const record: TaskRecord = {
    event: 'task',
    organization: payload.organization_name,
    workspace: payload.workspace_name,
    run: payload.run_id,
    taskResult: payload.task_result_id,
    stage: payload.stage,
    org: org?.name,
    verdict: 'failed',
    reason: undefined,
    findings: 0,
    durationMs: 0,
    callbackAttempts: 0,
    listings: { fresh: 0, reused: 0 },
    orgRequests: undefined,
  };
  let body: TaskResultBody;
  try {
    body = await decide(payload, state, org, record);
  } catch (error) {
    record.reason = describeFailure(error);
    body = renderStatusBody('failed', `gcadopt could not check this run: ${record.reason}`);
  }
  record.orgRequests = org?.requests;
  record.verdict = body.data.attributes.status === 'passed' ? 'passed' : 'failed';
  try {
    record.callbackAttempts = await sendTaskResult(
      payload.task_result_callback_url,
      payload.access_token,
      body,
      {
        ...state.callback,
        deadline: receivedAt + state.deadlineMs,
      },
    );
  } catch (error) {
    record.verdict = 'undelivered';
    record.reason = describeFailure(error);
  }
  record.durationMs = Math.round(state.callback.now() - receivedAt);
  return record;
}

async function decide(
  payload: RunTaskPayload,
  state: TaskState,
  org: OrgHandle | undefined,
  record: TaskRecord,
): Promise<TaskResultBody> {
  if (!stages.has(payload.stage)) {
    record.reason = `stage ${payload.stage} has no plan to check`;
    return renderStatusBody(
      'failed',
      `gcadopt checks plans: register it at the post-plan stage (this request came at ${payload.stage})`,
    );
  }
  const planUrl = payload.plan_json_api_url;
  if (planUrl === undefined || planUrl === null) {
    record.reason = 'no plan_json_api_url';
    return renderStatusBody(
      'failed',
      'gcadopt could not check this run: the request names no plan JSON',
    );
  }
  if (org === undefined) {
    record.reason = 'workspace not mapped to a Genesys org';
    const message = `no Genesys org is mapped to workspace ${payload.workspace_name} of ${payload.organization_name}: add a workspaces rule to the gcadopt serve config`;
    return state.unmapped === 'warn'
      ? renderStatusBody('passed', `not checked (warning): ${message}`)
      : renderStatusBody('failed', message);
  }
  const json = await fetchPlanWithRetry(planUrl, payload.access_token, state);
  const plan = parsePlan(json, 'the run plan JSON', { types: knownTypes });
  const used = new Set([...plan.desired, ...plan.managed].map((r) => r.type));
  const kinds = new Map([...allKinds].filter(([type]) => used.has(type)));
  const listed = await org.list([...kinds.values()]);
  record.listings = { fresh: listed.fresh, reused: listed.reused };
  const result = runCheck({
    desired: plan.desired,
    managed: plan.managed,
    live: listed.live,
    kinds,
    imports: [],
  });
  record.findings = result.findings.length;
  return renderCheckBody(result, payload.capabilities?.outcomes === true);
}

// A plan is fetched once more on a passing failure (429, 5xx, network), no more:
// the callback must still fit in HCP Terraform's ten minutes.
const planAttempts = 3;

async function fetchPlanWithRetry(url: string, token: string, state: TaskState): Promise<unknown> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await fetchPlanJson(url, token, state.plan);
    } catch (error) {
      if (!(error instanceof HcpError) || !error.retryable || attempt >= planAttempts) throw error;
      await state.callback.sleep(nextCallbackDelay(attempt, error, state.callback.random));
    }
  }
}

function describeFailure(error: unknown): string {
  if (error instanceof HcpError || GcadoptError.is(error)) return error.message;
  return `unexpected error: ${error instanceof Error ? error.message : String(error)}`;
}
