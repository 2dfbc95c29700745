import { createHash, randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { TokenIssuer } from './auth.js';
import { routeDivisions, type DuplicateStatus, type Reply } from './divisions.js';
import { routeEntities, type EntityScope } from './entities.js';
import { EmulatorError, badRequest, notFound } from './errors.js';
import { families } from './families.js';
import { routeOrganization } from './organization.js';
import type { Fault, FaultInjector } from './faults.js';
import type { RateLimiter, RateState } from './rate-limit.js';
import type { OrgStore } from './store.js';
import { uploadPrefix, type FlowJobs } from './families/flow-jobs.js';

/** One line of the emulator's request log (never a secret: tokens are hashed). */
export interface RequestLogEntry {
  readonly method: string;
  readonly path: string;
  readonly query: string;
  readonly status: number;
  /** sha256 prefix of the bearer token, or the client id for /oauth/token. */
  readonly caller: string | undefined;
  /** Epoch ms when the request arrived. */
  readonly time: number;
  /** An injected fault; `drop-after-commit` is a response lost after the change was made. */
  readonly fault: Fault | 'drop-after-commit' | undefined;
}

/** What a test's `dropResponse` hook sees of a handled request. */
export interface HandledRequest {
  readonly method: string;
  readonly path: string;
  readonly status: number;
}

/** What the request handler needs. */
export interface HandlerState {
  readonly store: OrgStore;
  readonly issuer: TokenIssuer;
  readonly limiter: RateLimiter;
  readonly faults: FaultInjector;
  readonly duplicateStatus: DuplicateStatus;
  readonly latencyMs: number;
  /** Retry-After (seconds) of injected 429s. */
  readonly faultRetryAfter: number;
  readonly log: RequestLogEntry[];
  /** Most entries `log` keeps; older ones are dropped. */
  readonly logLimit: number;
  readonly now: () => number;
  readonly onRequest: ((entry: RequestLogEntry) => void) | undefined;
  /** Makes a change durable; rejects (and rolls it back) when it cannot be. */
  readonly persist: (() => Promise<void>) | undefined;
  /** True closes the connection instead of answering, after any change is committed. */
  readonly dropResponse: ((request: HandledRequest) => boolean) | undefined;
  /** Architect jobs (flow uploads), in memory. */
  readonly jobs: FlowJobs;
}

const maxBody = 1 << 20;

/** Handles one HTTP request: login, or an API call with auth, rate limit and faults. */
export async function handleRequest(
  state: HandlerState,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const time = state.now();
  const url = new URL(req.url ?? '/', 'http://emulator');
  const correlationId = randomUUID();
  res.setHeader('ININ-Correlation-Id', correlationId);
  const entry = { method: req.method ?? 'GET', path: url.pathname, query: url.search, time };
  let caller: string | undefined;
  let fault: RequestLogEntry['fault'];
  let reply: Reply;
  try {
    const raw = await readBody(req);
    if (url.pathname === '/oauth/token' && req.method === 'POST') {
      const form = new URLSearchParams(raw);
      const answer = state.issuer.issue(req.headers.authorization, form);
      reply = answer;
      caller = answer.status === 200 ? 'login' : 'login-refused';
    } else if (url.pathname.startsWith(uploadPrefix) && req.method === 'PUT') {
      // A presigned upload carries no token: its URL is the grant.
      caller = 'upload';
      const version = state.store.version;
      const job = url.pathname.slice(uploadPrefix.length);
      reply = await state.jobs.upload(job, raw, state.store, entityScope(state).context);
      if (state.store.version !== version) await commit(state);
    } else if (url.pathname.startsWith('/api/v2/')) {
      const auth = state.issuer.authenticate(req.headers.authorization);
      caller = createHash('sha256').update(auth.token).digest('hex').slice(0, 12);
      const rate = state.limiter.hit(auth.token);
      setRateHeaders(res, rate);
      if (rate.limited) {
        throw new EmulatorError(
          429,
          'too.many.requests',
          'Rate limit exceeded the maximum. Retry the request in [{retryAfter}] seconds',
          {
            params: { retryAfter: String(rate.resetSeconds) },
            headers: { 'Retry-After': String(rate.resetSeconds) },
          },
        );
      }
      fault = state.faults.next();
      if (fault !== undefined) reply = injectFault(fault, state.faultRetryAfter);
      else {
        const body = raw === '' ? undefined : parseJson(raw);
        const request = {
          method: entry.method,
          path: url.pathname,
          query: url.searchParams,
          body,
          client: auth.client,
        };
        const version = state.store.version;
        reply =
          routeDivisions(state.store, request, state.duplicateStatus) ??
          routeOrganization(state.store, request) ??
          state.jobs.route(request, `http://${req.headers.host ?? '127.0.0.1'}`) ??
          routeEntities(families, entityScope(state), request) ??
          raiseNotFound();
        // A 2xx promises the change: it goes out only once the change is on disk.
        if (state.store.version !== version) await commit(state);
      }
    } else {
      throw notFound();
    }
  } catch (error) {
    if (!(error instanceof EmulatorError)) throw error;
    for (const [key, value] of Object.entries(error.headers)) res.setHeader(key, value);
    reply = { status: error.status, body: error.toBody(correlationId) };
  }
  if (state.latencyMs > 0) await sleep(state.latencyMs);
  if (fault === undefined && state.dropResponse?.({ ...entry, status: reply.status }) === true) {
    fault = 'drop-after-commit';
  }
  const dropped = fault === 'drop' || fault === 'drop-after-commit';
  const logged = { ...entry, status: dropped ? 0 : reply.status, caller, fault };
  state.log.push(logged);
  if (state.log.length > state.logLimit) state.log.splice(0, state.log.length - state.logLimit);
  state.onRequest?.(logged);
  if (dropped) {
    req.socket.destroy();
    return;
  }
  send(res, reply);
}

async function commit(state: HandlerState): Promise<void> {
  try {
    await state.persist?.();
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new EmulatorError(500, 'internal.server.error', `The change was not saved: ${why}`);
  }
}

function injectFault(fault: Fault, retryAfter: number): never {
  if (fault === '429') {
    throw new EmulatorError(
      429,
      'too.many.requests',
      'Rate limit exceeded the maximum. Retry the request in [{retryAfter}] seconds',
      {
        params: { retryAfter: String(retryAfter) },
        headers: { 'Retry-After': String(retryAfter) },
      },
    );
  }
  // A dropped connection is answered by the caller destroying the socket; the
  // status here is never sent.
  throw new EmulatorError(503, 'service.unavailable', 'The service is currently unavailable.');
}

function entityScope(state: HandlerState): EntityScope {
  const { store } = state;
  const ref = (d: { id: string; name: string }) => ({
    id: d.id,
    name: d.name,
    selfUri: `/api/v2/authorization/divisions/${d.id}`,
  });
  return {
    collection: (family) => store.collection(family),
    context: {
      home: () => ref(store.home()),
      division: (id) => {
        const found = store.get(id);
        return found === undefined ? undefined : ref(found);
      },
    },
    pageSizeMax: store.limits.pageSizeMax,
    duplicateStatus: state.duplicateStatus,
    duplicates: store.limits.duplicates,
  };
}

function raiseNotFound(): never {
  throw notFound();
}

function setRateHeaders(res: ServerResponse, rate: RateState): void {
  res.setHeader('inin-ratelimit-count', String(rate.count));
  res.setHeader('inin-ratelimit-allowed', String(rate.allowed));
  res.setHeader('inin-ratelimit-reset', String(rate.resetSeconds));
}

function parseJson(raw: string): unknown {
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    throw badRequest('The request could not be understood by the server due to malformed syntax.');
  }
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBody)
      throw new EmulatorError(413, 'request.entity.too.large', 'The request is too large.');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function send(res: ServerResponse, reply: Reply): void {
  if (reply.body === undefined) {
    res.writeHead(reply.status).end();
    return;
  }
  const text = JSON.stringify(reply.body);
  res.writeHead(reply.status, {
    'Content-Type': 'application/json; charset=UTF-8',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}
