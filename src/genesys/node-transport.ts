import {
  Agent as HttpAgent,
  request as httpRequest,
  type AgentOptions,
  type ClientRequest,
  type IncomingMessage,
  type RequestOptions,
} from 'node:http';
import type { Transport, TransportInit, TransportResponse } from './transport.js';

/** How the transport connects. */
export interface NodeTransportOptions {
  /** Sockets per host, kept alive between requests. */
  readonly connections: number;
  /** The largest response body read into memory: far above any page the API sends. @default 64 MiB */
  readonly maxBodyBytes?: number | undefined;
}

/** A protocol's request function with its keep-alive agent. */
interface Connector {
  readonly request: (url: URL, options: RequestOptions) => ClientRequest;
  readonly agent: HttpAgent;
}

interface SendState {
  /** node:https (and TLS) loads on the first https request only. */
  connector(protocol: string): Promise<Connector>;
  readonly maxBodyBytes: number;
}

/**
 * A transport on node:http and node:https with keep-alive agents of
 * `connections` sockets per host. Node's own fetch answers the same calls but
 * first loads its bundled undici (tens of ms of a process that lives a few
 * hundred); this one loads only the HTTP modules Node already ships compiled.
 *
 * It behaves like fetch where the client relies on it: a redirect is returned
 * as is (never followed), an abort rejects with the signal's reason (a
 * `TimeoutError` for `AbortSignal.timeout`), gzip and deflate bodies are
 * decoded, and a socket failure rejects with the `TypeError("fetch failed")`
 * whose `cause` carries the code, as Node's fetch does: the retry rules and
 * the error messages read that shape.
 */
export function createNodeTransport(options: NodeTransportOptions): Transport {
  // Idle sockets close after 4 s, before a server's usual 5 s keep-alive timeout.
  const agent: AgentOptions = { keepAlive: true, maxSockets: options.connections, timeout: 4_000 };
  let http: Promise<Connector> | undefined;
  let https: Promise<Connector> | undefined;
  const state: SendState = {
    connector(protocol) {
      if (protocol === 'http:')
        return (http ??= Promise.resolve({ request: httpRequest, agent: new HttpAgent(agent) }));
      if (protocol === 'https:')
        return (https ??= import('node:https').then((m) => ({
          request: m.request,
          agent: new m.Agent(agent),
        })));
      return Promise.reject(new TypeError(`unsupported protocol ${protocol}`));
    },
    maxBodyBytes: options.maxBodyBytes ?? 64 * 1024 * 1024,
  };
  return (url, init) => send(new URL(url), init, state);
}

async function send(url: URL, init: TransportInit, state: SendState): Promise<TransportResponse> {
  const { signal } = init;
  const connector = await state.connector(url.protocol);
  if (signal?.aborted === true) throw signal.reason as Error;
  const body = init.body === undefined ? undefined : Buffer.from(init.body, 'utf8');
  const headers: Record<string, string> = {
    'Accept-Encoding': 'gzip, deflate',
    ...init.headers,
    ...(body === undefined ? {} : { 'Content-Length': String(body.length) }),
  };
  return new Promise<TransportResponse>((resolve, reject) => {
    let settled = false;
    const fail = (error: Error): void => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      reject(error);
    };
    const onAbort = (): void => {
      fail(signal?.reason as Error);
      req.destroy();
    };
    const req = connector.request(url, { method: init.method, headers, agent: connector.agent });
    req.once('error', (error) => fail(new TypeError('fetch failed', { cause: error })));
    req.once('response', (res) => {
      readBody(res, state.maxBodyBytes).then(
        (text) => {
          if (settled) return;
          settled = true;
          signal?.removeEventListener('abort', onAbort);
          resolve(createResponse(res, text));
        },
        (error: unknown) =>
          fail(
            error instanceof ResponseTooLargeError
              ? error
              : new TypeError('terminated', { cause: error }),
          ),
      );
    });
    signal?.addEventListener('abort', onAbort, { once: true });
    req.end(body);
  });
}

/** A body over the limit: not a network failure, so never retried. */
class ResponseTooLargeError extends Error {
  override readonly name = 'ResponseTooLargeError';
}

/** The whole body as text, decoded when the server compressed it. */
async function readBody(res: IncomingMessage, maxBodyBytes: number): Promise<string> {
  const encoding = String(res.headers['content-encoding'] ?? '')
    .trim()
    .toLowerCase();
  let stream: NodeJS.ReadableStream = res;
  if (encoding === 'gzip' || encoding === 'x-gzip' || encoding === 'deflate') {
    // Unzip takes gzip and zlib-wrapped deflate alike, and loads only when needed.
    const { createUnzip } = await import('node:zlib');
    const unzip = createUnzip();
    res.once('error', (error) => unzip.destroy(error));
    stream = res.pipe(unzip);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > maxBodyBytes) {
      res.destroy();
      throw new ResponseTooLargeError(`response body over ${maxBodyBytes} bytes`);
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function createResponse(res: IncomingMessage, text: string): TransportResponse {
  const status = res.statusCode ?? 0;
  return {
    status,
    ok: status >= 200 && status <= 299,
    headers: {
      get: (name) => {
        const value = res.headers[name.toLowerCase()];
        if (value === undefined) return null;
        return Array.isArray(value) ? value.join(', ') : value;
      },
    },
    text: () => Promise.resolve(text),
    json: () => Promise.resolve().then(() => JSON.parse(text) as unknown),
  };
}
