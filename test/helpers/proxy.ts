import { createServer, request as httpRequest, type Server } from 'node:http';
import { connect } from 'node:net';
import { listenOnLoopback } from './loopback.js';

/** A forward proxy on 127.0.0.1 that keeps everything it sees. */
export interface RecordingProxy {
  readonly url: string;
  /** One line per request it carried: `GET http://host/path` or `CONNECT host:port`. */
  readonly requests: readonly string[];
  /** Everything that crossed it (request lines, headers, bodies, tunnel bytes), as text. */
  seen(): string;
}

/**
 * Starts a forward proxy (absolute-form requests and CONNECT tunnels) that
 * records all it sees, like a logging corporate proxy. Every host name it is
 * asked for is reached on 127.0.0.1, so tests can use names such as
 * `api.gcadopt.test` that only the proxy can resolve.
 */
export async function startRecordingProxy(): Promise<RecordingProxy> {
  const requests: string[] = [];
  const chunks: string[] = [];
  const keep = (data: Buffer | string): void => {
    chunks.push(typeof data === 'string' ? data : data.toString('latin1'));
  };
  const server: Server = createServer((req, res) => {
    requests.push(`${req.method ?? ''} ${req.url ?? ''}`);
    keep(`${req.method ?? ''} ${req.url ?? ''}\n${JSON.stringify(req.rawHeaders)}\n`);
    const target = new URL(req.url ?? '');
    const upstream = httpRequest(
      {
        host: '127.0.0.1',
        port: Number(target.port),
        method: req.method,
        path: `${target.pathname}${target.search}`,
        headers: req.headers,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.on('data', keep);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    req.on('data', keep);
    req.pipe(upstream);
  });
  // Tunnels leave the server's books once connected: destroy them at close.
  const tunnels = new Set<{ destroy(): void }>();
  server.on('connect', (req, socket, head) => {
    tunnels.add(socket);
    requests.push(`CONNECT ${req.url ?? ''}`);
    keep(`CONNECT ${req.url ?? ''}\n${JSON.stringify(req.rawHeaders)}\n`);
    const port = Number((req.url ?? '').split(':').at(-1));
    const upstream = connect(port, '127.0.0.1', () => {
      tunnels.add(upstream);
      socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      keep(head);
      upstream.write(head);
      socket.on('data', keep);
      upstream.on('data', keep);
      upstream.pipe(socket);
      socket.pipe(upstream);
    });
    upstream.on('error', () => socket.destroy());
    socket.on('error', () => upstream.destroy());
  });
  const port = await listenOnLoopback(server, () => {
    for (const socket of tunnels) socket.destroy();
  });
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    seen: () => chunks.join(''),
  };
}
