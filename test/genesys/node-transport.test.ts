import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import {
  createServer,
  type IncomingMessage,
  type Server as HttpServer,
  type ServerResponse,
} from 'node:http';
import { createServer as createTlsServer, type Server as HttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { describe, expect, it, onTestFinished } from 'vitest';
import { createNodeTransport } from '../../src/genesys/node-transport.js';
import { classify } from '../../src/genesys/retry.js';
import { createServerCertificate } from '../../src/provider/server-certificate.js';

interface Seen {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
}

/** Listens on 127.0.0.1 port 0 until the test ends; returns the port. */
async function listen(server: HttpServer | HttpsServer): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  onTestFinished(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return (server.address() as AddressInfo).port;
}

/**
 * A server on 127.0.0.1 that records each request (with its body) and hands
 * the response to `handle`; counts the connections it accepted.
 */
async function startServer(handle: (req: IncomingMessage, res: ServerResponse) => void) {
  const seen: Seen[] = [];
  let connections = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      seen.push({
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      handle(req, res);
    });
  });
  server.on('connection', () => (connections += 1));
  const url = `http://127.0.0.1:${await listen(server)}`;
  return { url, seen, connections: () => connections };
}

const errorOf = (promise: Promise<unknown>): Promise<unknown> =>
  promise.then(
    () => undefined,
    (error: unknown) => error,
  );

describe('node transport', () => {
  it('sends the method, headers and body, and answers status, headers and text', async () => {
    const server = await startServer((_, res) => {
      res.writeHead(201, { 'content-type': 'application/json', 'inin-correlation-id': 'c-9' });
      res.end('{"id":"x"}');
    });
    const send = createNodeTransport({ connections: 2 });
    const response = await send(`${server.url}/api/v2/things?a=1`, {
      method: 'POST',
      headers: { Authorization: 'Bearer t', 'Content-Type': 'application/json' },
      body: '{"name":"é"}',
    });
    expect(response.status).toBe(201);
    expect(response.ok).toBe(true);
    expect(response.headers.get('ININ-Correlation-Id')).toBe('c-9');
    expect(response.headers.get('retry-after')).toBeNull();
    expect(await response.json()).toEqual({ id: 'x' });
    const [seen] = server.seen;
    expect(seen?.method).toBe('POST');
    expect(seen?.url).toBe('/api/v2/things?a=1');
    expect(seen?.headers.authorization).toBe('Bearer t');
    expect(seen?.headers['content-length']).toBe(String(Buffer.byteLength('{"name":"é"}')));
    expect(seen?.body).toBe('{"name":"é"}');
  });

  it('keeps the connection for the next request', async () => {
    const server = await startServer((_, res) => res.end('ok'));
    const send = createNodeTransport({ connections: 2 });
    for (let i = 0; i < 3; i++) {
      expect(await (await send(server.url, { method: 'GET', headers: {} })).text()).toBe('ok');
    }
    expect(server.connections()).toBe(1);
  });

  it('returns a redirect as it is, without following it', async () => {
    const server = await startServer((req, res) => {
      if (req.url === '/moved') res.writeHead(302, { location: '/target' }).end();
      else res.end('followed');
    });
    const send = createNodeTransport({ connections: 2 });
    const response = await send(`${server.url}/moved`, {
      method: 'GET',
      headers: { Authorization: 'Bearer t' },
    });
    expect(response.status).toBe(302);
    expect(response.ok).toBe(false);
    expect(response.headers.get('location')).toBe('/target');
    expect(server.seen.map((s) => s.url)).toEqual(['/moved']);
  });

  it('decodes a gzip body', async () => {
    const server = await startServer((req, res) => {
      expect(req.headers['accept-encoding']).toMatch(/gzip/);
      res.writeHead(200, { 'content-encoding': 'gzip' }).end(gzipSync('{"total":3}'));
    });
    const send = createNodeTransport({ connections: 2 });
    expect(await (await send(server.url, { method: 'GET', headers: {} })).json()).toEqual({
      total: 3,
    });
  });

  it('rejects with the signal’s reason when the request is aborted', async () => {
    const stop = new AbortController();
    const reason = new DOMException('took too long', 'TimeoutError');
    // Never answers: the abort is what ends the request.
    const server = await startServer(() => stop.abort(reason));
    const send = createNodeTransport({ connections: 2 });
    const error = await errorOf(
      send(server.url, { method: 'GET', headers: {}, signal: stop.signal }),
    );
    expect(error).toBe(reason);
    expect(classify({ error })).toBe('transient');
    expect(server.seen).toHaveLength(1);
    const already = await errorOf(
      send(server.url, { method: 'GET', headers: {}, signal: stop.signal }),
    );
    expect(already).toBe(reason);
    expect(server.seen).toHaveLength(1);
  });

  it('fails like fetch when nothing listens: a TypeError with the code as its cause', async () => {
    // A port that was just free: listened on, then closed.
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const send = createNodeTransport({ connections: 2 });
    const error = await errorOf(send(`http://127.0.0.1:${port}/`, { method: 'GET', headers: {} }));
    expect(error).toBeInstanceOf(TypeError);
    expect((error as TypeError).message).toBe('fetch failed');
    expect(((error as TypeError).cause as { code?: string }).code).toBe('ECONNREFUSED');
    expect(classify({ error })).toBe('transient');
  });

  it('fails as terminated, and retryable, when the connection drops inside the body', async () => {
    const server = await startServer((_, res) => {
      res.writeHead(200, { 'content-length': '100' });
      // Dropped once the start of the body is on its way.
      res.write('{"entities":[', () => res.socket?.destroy());
    });
    const send = createNodeTransport({ connections: 2 });
    const error = await errorOf(send(server.url, { method: 'GET', headers: {} }));
    expect(error).toBeInstanceOf(TypeError);
    expect((error as TypeError).message).toBe('terminated');
    expect(classify({ error })).toBe('transient');
  });

  it('refuses a body over the limit, and that is not retried', async () => {
    const server = await startServer((_, res) => res.end('x'.repeat(2000)));
    const send = createNodeTransport({ connections: 2, maxBodyBytes: 1000 });
    const error = await errorOf(send(server.url, { method: 'GET', headers: {} }));
    expect((error as Error).message).toBe('response body over 1000 bytes');
    expect(classify({ error })).toBe('fatal');
  });
});

describe('node transport over TLS', () => {
  /** An https server on 127.0.0.1 with a fresh self-signed certificate for `localhost`. */
  async function startTls() {
    const certificate = createServerCertificate();
    const server = createTlsServer(
      { cert: certificate.certPem, key: certificate.keyPem },
      (_, res) => res.end('{"over":"tls"}'),
    );
    return { url: `https://localhost:${await listen(server)}/`, certificate };
  }

  it('refuses a certificate Node does not trust', async () => {
    const { url } = await startTls();
    const error = await errorOf(
      createNodeTransport({ connections: 1 })(url, { method: 'GET', headers: {} }),
    );
    expect(error).toBeInstanceOf(TypeError);
    expect(((error as TypeError).cause as { code?: string }).code).toMatch(
      /SELF_SIGNED|UNABLE_TO_VERIFY/,
    );
  });

  it('trusts what Node trusts, NODE_EXTRA_CA_CERTS included (built transport, own process)', async () => {
    const { url, certificate } = await startTls();
    const dir = mkdtempSync(join(tmpdir(), 'gcadopt-tls-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    writeFileSync(join(dir, 'ca.pem'), certificate.certPem);
    const transport = new URL('../../dist/genesys/node-transport.js', import.meta.url).href;
    const script = `const { createNodeTransport } = await import(${JSON.stringify(transport)});
const res = await createNodeTransport({ connections: 1 })(${JSON.stringify(url)}, { method: 'GET', headers: {} });
process.stdout.write(res.status + ' ' + (await res.text()));`;
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--input-type=module', '-e', script],
      { env: { PATH: process.env['PATH'] ?? '', NODE_EXTRA_CA_CERTS: join(dir, 'ca.pem') } },
    );
    expect(stdout).toBe('200 {"over":"tls"}');
  });
});
