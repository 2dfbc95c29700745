import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleepTimer } from 'node:timers/promises';
import type { ServeConfig } from './config.js';
import type { HcpFetch } from './hcp-fetch.js';
import { resolveOrgName } from './mapping.js';
import { createOrgHandle, type OrgHandle } from './org-pool.js';
import { isVerificationRequest, parsePayload } from './payload.js';
import { runTask, type TaskState } from './run-task.js';
import { verifySignature } from './signature.js';

/** How to run the service. */
export interface RunTaskServerOptions {
  readonly config: ServeConfig;
  /** The HMAC key HCP Terraform signs with. */
  readonly hmacKey: Buffer;
  /** Environment holding the orgs' credentials (and proxy settings). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Port to listen on; overrides the config's (tests pass 0). @default config.port */
  readonly port?: number | undefined;
  /** Host to listen on; overrides the config's. @default config.host */
  readonly host?: string | undefined;
  /** One structured record per event (task, verification, rejected request). */
  readonly log: (record: Readonly<Record<string, unknown>>) => void;
  /** Reaches HCP Terraform. @default global fetch */
  readonly fetch?: HcpFetch | undefined;
  /** @default Date.now */
  readonly now?: (() => number) | undefined;
  /** @default timers */
  readonly sleep?: ((ms: number) => Promise<void>) | undefined;
  /** @default Math.random */
  readonly random?: (() => number) | undefined;
  /** Largest plan JSON accepted, in bytes. @default 200 MiB */
  readonly maxPlanBytes?: number | undefined;
}

/** A running run task service. */
export interface RunTaskServer {
  /** e.g. `http://127.0.0.1:8080`. */
  readonly url: string;
  /** Resolves when every accepted task has delivered (or given up on) its result. */
  idle(): Promise<void>;
  /** Stops accepting requests and waits for the tasks under way. */
  close(): Promise<void>;
}

// A delivery is remembered this long: HCP Terraform retries within the run's 10 minutes.
const seenMs = 60 * 60 * 1000;

/** Starts the service: verify, answer 200 at once, check and call back in the background. */
export async function startRunTaskServer(options: RunTaskServerOptions): Promise<RunTaskServer> {
  const now = options.now ?? Date.now;
  const orgs = new Map<string, OrgHandle>(
    Object.entries(options.config.orgs).map(([name, org]) => [
      name,
      createOrgHandle(name, org, {
        env: options.env,
        listingTtlMs: options.config.listingTtlSeconds * 1000,
        now,
      }),
    ]),
  );
  const fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const state: TaskState = {
    orgFor: (p) => {
      const name = resolveOrgName(options.config.workspaces, {
        organization: p.organization_name,
        name: p.workspace_name,
      });
      return name === undefined ? undefined : orgs.get(name);
    },
    unmapped: options.config.unmapped,
    plan: { fetch, timeoutMs: 60_000, maxBytes: options.maxPlanBytes ?? 200 * 1024 * 1024 },
    callback: {
      fetch,
      now,
      sleep: options.sleep ?? ((ms) => sleepTimer(ms)),
      random: options.random ?? Math.random,
      timeoutMs: 30_000,
    },
    deadlineMs: options.config.callbackDeadlineSeconds * 1000,
  };
  const seen = new Map<string, number>();
  const pending = new Set<Promise<void>>();
  const accept = (id: string): boolean => {
    const t = now();
    for (const [key, at] of seen) if (t - at > seenMs) seen.delete(key);
    if (seen.has(id)) return false;
    seen.set(id, t);
    return true;
  };
  const handler = createHandler(options, state, accept, (task) => {
    pending.add(task);
    void task.finally(() => pending.delete(task));
  });
  const server = createServer((req, res) => {
    handler(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  await listen(server, options.port ?? options.config.port, options.host ?? options.config.host);
  const { port } = server.address() as AddressInfo;
  const idle = async (): Promise<void> => {
    while (pending.size > 0) await Promise.allSettled([...pending]);
  };
  return {
    url: `http://127.0.0.1:${port}`,
    idle,
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      await idle();
    },
  };
}

type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

function createHandler(
  options: RunTaskServerOptions,
  state: TaskState,
  accept: (id: string) => boolean,
  track: (task: Promise<void>) => void,
): Handler {
  const { config, log } = options;
  const now = options.now ?? Date.now;
  return async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (path === '/healthz' && (req.method === 'GET' || req.method === 'HEAD'))
      return answer(res, 200, '{"status":"ok"}');
    if (path !== config.path) return answer(res, 404, '');
    if (req.method !== 'POST') return answer(res, 405, '');
    const body = await readBody(req, config.maxBodyBytes);
    if (body === undefined) {
      log({ event: 'rejected', status: 413, reason: 'payload too large' });
      return answer(res, 413, '', true);
    }
    const signature = req.headers['x-tfc-task-signature'];
    if (
      !verifySignature(body, typeof signature === 'string' ? signature : undefined, options.hmacKey)
    ) {
      log({
        event: 'rejected',
        status: 401,
        reason: signature === undefined ? 'unsigned' : 'bad signature',
      });
      return answer(res, 401, '');
    }
    let json: unknown;
    try {
      json = JSON.parse(body.toString('utf8'));
    } catch {
      log({ event: 'rejected', status: 400, reason: 'body is not JSON' });
      return answer(res, 400, 'the request body is not JSON\n');
    }
    if (isVerificationRequest(json)) {
      log({ event: 'verification' });
      return answer(res, 200, '');
    }
    const parsed = parsePayload(json);
    if ('problems' in parsed) {
      log({
        event: 'rejected',
        status: 400,
        reason: `malformed payload: ${parsed.problems.join('; ')}`,
      });
      return answer(res, 400, `malformed run task payload: ${parsed.problems[0] ?? ''}\n`);
    }
    const payload = parsed.payload;
    if (!accept(payload.task_result_id)) {
      log({ event: 'duplicate', taskResult: payload.task_result_id, run: payload.run_id });
      return answer(res, 200, '');
    }
    const receivedAt = now();
    answer(res, 200, '');
    track(
      runTask(payload, state, receivedAt).then(
        (record) => log(record as unknown as Record<string, unknown>),
        (error: unknown) =>
          log({
            event: 'task',
            taskResult: payload.task_result_id,
            verdict: 'undelivered',
            reason: String(error),
          }),
      ),
    );
  };
}

function answer(res: ServerResponse, status: number, text: string, close = false): void {
  res.writeHead(status, {
    'Content-Type': text.startsWith('{') ? 'application/json' : 'text/plain; charset=utf-8',
    ...(close ? { Connection: 'close' } : {}),
  });
  res.end(text);
}

/** The body, or undefined as soon as it grows past `max` (the rest is drained, unread). */
function readBody(req: IncomingMessage, max: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > max) {
      req.resume();
      resolve(undefined);
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size <= max) {
        chunks.push(chunk);
        return;
      }
      req.off('data', onData);
      req.resume();
      resolve(undefined);
    };
    req.on('data', onData);
    req.once('end', () => resolve(size > max ? undefined : Buffer.concat(chunks)));
    req.once('error', reject);
  });
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}
