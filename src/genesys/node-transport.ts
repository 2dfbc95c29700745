import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { Transport, TransportInit, TransportResponse } from './transport.js';

/** The largest response body read into memory: far above any page the API sends. */
const maxBodyBytes = 64 * 1024 * 1024;

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
export function createNodeTransport(connections: number): Transport {
  const options = { keepAlive: true, maxSockets: connections, timeout: 4_000 };
  const agents = { http: new HttpAgent(options), https: new HttpsAgent(options) };
  return (url, init) => send(new URL(url), init, agents);
}

function send(
  url: URL,
  init: TransportInit,
  agents: { http: HttpAgent; https: HttpsAgent },
): Promise<TransportResponse> {
  const { signal } = init;
  if (signal?.aborted === true) return Promise.reject(signal.reason as Error);
  const secure = url.protocol === 'https:';
  if (!secure && url.protocol !== 'http:')
    return Promise.reject(new TypeError(`unsupported protocol ${url.protocol}`));
  const body = init.body === undefined ? undefined : Buffer.from(init.body, 'utf8');
  const headers: Record<string, string> = {
    'Accept-Encoding': 'gzip, deflate',
    ...init.headers,
    ...(body === undefined ? {} : { 'Content-Length': String(body.length) }),
  };
  return new Promise<TransportResponse>((resolve, reject) => {
    let settled = false;
    const fail = (error: unknown): void => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      reject(error as Error);
    };
    const onAbort = (): void => {
      fail(signal?.reason);
      req.destroy();
    };
    const req = (secure ? httpsRequest : httpRequest)(url, {
      method: init.method,
      headers,
      agent: secure ? agents.https : agents.http,
    });
    req.once('error', (error) => fail(new TypeError('fetch failed', { cause: error })));
    req.once('response', (res) => {
      readBody(res).then(
        (text) => {
          if (settled) return;
          settled = true;
          signal?.removeEventListener('abort', onAbort);
          resolve(createResponse(res, text));
        },
        (error: unknown) => fail(new TypeError('terminated', { cause: error })),
      );
    });
    signal?.addEventListener('abort', onAbort, { once: true });
    req.end(body);
  });
}

/** The whole body as text, decoded when the server compressed it. */
async function readBody(res: IncomingMessage): Promise<string> {
  const encoding = String(res.headers['content-encoding'] ?? '')
    .trim()
    .toLowerCase();
  let stream: NodeJS.ReadableStream = res;
  if (encoding === 'gzip' || encoding === 'x-gzip' || encoding === 'deflate') {
    const zlib = await import('node:zlib');
    // Some servers send raw deflate for `deflate`: unzip detects either wrapping.
    stream = res.pipe(encoding === 'deflate' ? zlib.createUnzip() : zlib.createGunzip());
    res.once('error', (error) =>
      (stream as NodeJS.ReadableStream & { destroy(e: Error): void }).destroy(error),
    );
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > maxBodyBytes) {
      res.destroy();
      throw new Error(`response body over ${maxBodyBytes} bytes`);
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
