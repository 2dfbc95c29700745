import { createServer, type IncomingMessage } from 'node:http';
import { signBody } from '../../src/serve/signature.js';
import { checkTaskResultBody } from './task-result-schema.js';
import { listenOnLoopback } from '../helpers/loopback.js';

/** One PATCH the stand-in received on a task result callback. */
export interface RecordedCallback {
  readonly taskResult: string;
  readonly status: number;
  readonly authorization: string | undefined;
  readonly contentType: string | undefined;
  readonly body: unknown;
  /** Departures from the documented shape (empty when valid). */
  readonly problems: readonly string[];
}

/** A local HCP Terraform: it signs and sends run task requests, serves plans, records callbacks. */
export interface HcpStandIn {
  readonly url: string;
  readonly callbacks: RecordedCallback[];
  /** Requests for plan JSON, with the Authorization header each carried. */
  readonly planRequests: { path: string; authorization: string | undefined }[];
  /** Serves `plan` for run `runId` behind the run's token and a redirect. */
  addRun(runId: string, plan: unknown, token: string): void;
  /** Makes a run's token refused from now on (an expired access token). */
  expireToken(token: string): void;
  /** Answers the next callbacks of `taskResult` with these statuses before answering 200. */
  failCallbacks(taskResult: string, statuses: number[]): void;
  /** Holds every plan request until the returned function is called. */
  holdPlans(): () => void;
  /** Makes the plan URL of `runId` answer `status`. */
  breakPlan(runId: string, status: number): void;
  /** The documented post_plan payload for a run of `workspace`, URLs pointing here. */
  payload(
    runId: string,
    workspace: string,
    overrides?: Record<string, unknown>,
  ): Record<string, unknown>;
  /** POSTs `body` to the service as HCP Terraform does; `signature` overrides the header. */
  send(
    target: string,
    body: string | Record<string, unknown>,
    options?: { key?: string; signature?: string | null },
  ): Promise<{ status: number; text: string }>;
  /** Resolves when `count` callbacks for `taskResult` have been answered 200. */
  delivered(taskResult: string): RecordedCallback | undefined;
}

const readAll = async (req: IncomingMessage): Promise<string> => {
  const chunks: Buffer[] = [];
  for await (const c of req as AsyncIterable<Buffer>) chunks.push(c);
  return Buffer.concat(chunks).toString('utf8');
};

/** Starts the stand-in on 127.0.0.1:0, closed when the test finishes. */
export async function startHcpStandIn(hmacKey: string): Promise<HcpStandIn> {
  const runs = new Map<string, { plan: unknown; token: string; broken?: number }>();
  const expired = new Set<string>();
  const failing = new Map<string, number[]>();
  const callbacks: RecordedCallback[] = [];
  const planRequests: { path: string; authorization: string | undefined }[] = [];
  const tokens = new Map<string, string>(); // task result id -> token
  let held: Promise<void> | undefined;
  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://stand-in');
      const auth = req.headers.authorization;
      const bearer = auth?.startsWith('Bearer ') === true ? auth.slice(7) : undefined;
      const jsonApiError = (status: number, title: string): void => {
        res.writeHead(status, { 'Content-Type': 'application/vnd.api+json' });
        res.end(JSON.stringify({ errors: [{ status: String(status), title }] }));
      };
      let m = /^\/api\/v2\/plans\/plan-(.+)\/json-output$/.exec(url.pathname);
      if (m !== null && req.method === 'GET') {
        planRequests.push({ path: url.pathname, authorization: auth });
        if (held !== undefined) await held;
        const run = runs.get(m[1] ?? '');
        if (run === undefined) return jsonApiError(404, 'not found');
        if (bearer !== run.token || expired.has(run.token))
          return jsonApiError(401, 'unauthorized');
        if (run.broken !== undefined) return jsonApiError(run.broken, 'broken');
        // The real service redirects to a signed, short-lived archive URL.
        res.writeHead(307, { Location: `/_archivist/v1/object/${m[1] ?? ''}?sig=opaque` });
        return res.end();
      }
      m = /^\/_archivist\/v1\/object\/(.+)$/.exec(url.pathname);
      if (m !== null && req.method === 'GET') {
        planRequests.push({ path: url.pathname, authorization: auth });
        const run = runs.get(m[1] ?? '');
        if (run === undefined) return jsonApiError(404, 'not found');
        res.writeHead(200, { 'Content-Type': 'application/json' });
        return res.end(JSON.stringify(run.plan));
      }
      m = /^\/api\/v2\/task-results\/(.+)\/callback$/.exec(url.pathname);
      if (m !== null && req.method === 'PATCH') {
        const id = m[1] ?? '';
        const text = await readAll(req);
        let body: unknown;
        try {
          body = JSON.parse(text);
        } catch {
          body = text;
        }
        const problems = checkTaskResultBody(body);
        const token = tokens.get(id);
        let status = 200;
        if (token === undefined || bearer !== token || expired.has(token)) status = 401;
        else if (problems.length > 0) status = 422;
        else if ((failing.get(id)?.length ?? 0) > 0) status = failing.get(id)?.shift() ?? 200;
        callbacks.push({
          taskResult: id,
          status,
          authorization: auth,
          contentType: req.headers['content-type'],
          body,
          problems,
        });
        if (status === 200) {
          res.writeHead(200);
          return res.end();
        }
        return jsonApiError(status, 'refused');
      }
      jsonApiError(404, 'not found');
    })();
  });
  const port = await listenOnLoopback(server);
  const base = `http://127.0.0.1:${port}`;
  return {
    url: base,
    callbacks,
    planRequests,
    addRun: (runId, plan, token) => void runs.set(runId, { plan, token }),
    expireToken: (token) => void expired.add(token),
    failCallbacks: (id, statuses) => void failing.set(id, [...statuses]),
    holdPlans: () => {
      let release = (): void => undefined;
      held = new Promise<void>((resolve) => (release = resolve));
      return () => {
        held = undefined;
        release();
      };
    },
    breakPlan: (runId, status) => {
      const run = runs.get(runId);
      if (run !== undefined) run.broken = status;
    },
    payload(runId, workspace, overrides = {}) {
      const taskResult = `taskrs-${runId}`;
      const token = runs.get(runId)?.token ?? 'no-token';
      tokens.set(taskResult, token);
      return {
        payload_version: 1,
        stage: 'post_plan',
        access_token: token,
        capabilities: { outcomes: true },
        configuration_version_download_url: `${base}/api/v2/configuration-versions/cv-1/download`,
        configuration_version_id: 'cv-1',
        is_speculative: false,
        organization_name: 'acme',
        plan_json_api_url: `${base}/api/v2/plans/plan-${runId}/json-output`,
        run_app_url: `${base}/app/acme/${workspace}/runs/run-${runId}`,
        run_created_at: '2026-01-02T14:47:13.036Z',
        run_created_by: 'someone',
        run_id: `run-${runId}`,
        run_message: 'Triggered via UI',
        task_result_callback_url: `${base}/api/v2/task-results/${taskResult}/callback`,
        task_result_enforcement_level: 'mandatory',
        task_result_id: taskResult,
        vcs_branch: 'main',
        vcs_commit_url: null,
        vcs_pull_request_url: null,
        vcs_repo_url: null,
        workspace_app_url: `${base}/app/acme/${workspace}`,
        workspace_id: `ws-${workspace}`,
        workspace_name: workspace,
        workspace_working_directory: '',
        ...overrides,
      };
    },
    async send(target, body, options = {}) {
      const text = typeof body === 'string' ? body : JSON.stringify(body);
      const signature =
        options.signature === undefined
          ? signBody(text, options.key ?? hmacKey)
          : options.signature;
      const res = await fetch(target, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'User-Agent': 'TFC/1.0 (+https://app.terraform.io; TFC)',
          ...(signature === null ? {} : { 'X-TFC-Task-Signature': signature }),
        },
        body: text,
      });
      return { status: res.status, text: await res.text() };
    },
    delivered: (id) => callbacks.find((c) => c.taskResult === id && c.status === 200),
  };
}
