import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Server as HttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { onTestFinished } from 'vitest';

/** One request as the server received it. */
export interface Received {
  readonly method: string;
  /** Path and query. */
  readonly path: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
}

/**
 * A scripted answer: a status with a JSON body (or raw text) and headers, `drop`
 * (the connection is cut before any answer) or `hang` (never answered).
 */
export type Answer =
  | {
      readonly status: number;
      readonly body?: unknown;
      readonly text?: string;
      readonly headers?: Record<string, string>;
    }
  | 'drop'
  | 'hang';

/**
 * Starts `server` on 127.0.0.1 (port 0) and closes it, open connections
 * included, when the current test finishes (then runs `onClose`). Its port.
 */
export async function listenOnLoopback(
  server: Server | HttpsServer,
  onClose: () => void = () => undefined,
): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  onTestFinished(
    () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
        onClose();
      }),
  );
  return (server.address() as AddressInfo).port;
}

/**
 * An HTTP server on 127.0.0.1 (port 0) that records every request and answers
 * it with what `answer` returns; closed, hung requests included, when the test
 * finishes.
 */
export async function startLoopback(
  answer: (received: Received) => Answer,
): Promise<{ url: string; received: Received[] }> {
  const received: Received[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const seen = {
        method: req.method ?? '',
        path: req.url ?? '/',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      received.push(seen);
      const a = answer(seen);
      if (a === 'hang') return;
      if (a === 'drop') {
        req.socket.destroy();
        return;
      }
      res.writeHead(a.status, { 'content-type': 'application/json', ...a.headers });
      res.end(a.text ?? (a.body === undefined ? '' : JSON.stringify(a.body)));
    });
  });
  return { url: `http://127.0.0.1:${await listenOnLoopback(server)}`, received };
}

/** What a promise rejected with (undefined when it fulfilled). */
export const errorOf = async (promise: Promise<unknown>): Promise<unknown> =>
  promise.then(
    () => undefined,
    (error: unknown) => error,
  );
