import { createServer, request as httpRequest, type Server } from 'node:http';
import { listenOnLoopback } from './loopback.js';

/**
 * A careless API gateway in front of the emulator: it passes everything
 * through, but into every error body it copies the request's headers
 * (Authorization included), in its own field and in the message, as some
 * gateways and WAFs do. Used to prove error bodies never reach the output.
 */
export async function startEchoingGateway(emulatorUrl: string): Promise<{ url: string }> {
  const backend = new URL(emulatorUrl);
  const server: Server = createServer((req, res) => {
    const upstream = httpRequest(
      {
        host: backend.hostname,
        port: Number(backend.port),
        method: req.method,
        path: req.url,
        headers: req.headers,
      },
      (answer) => {
        const chunks: Buffer[] = [];
        answer.on('data', (chunk: Buffer) => chunks.push(chunk));
        answer.on('end', () => {
          const status = answer.statusCode ?? 502;
          let text = Buffer.concat(chunks).toString('utf8');
          if (status >= 400 && req.url?.startsWith('/api/')) {
            const body = JSON.parse(text) as { message?: string };
            text = JSON.stringify({
              ...body,
              message: `${body.message ?? ''} [gateway saw: ${req.headers.authorization ?? ''}]`,
              gatewayRequest: { headers: req.headers },
            });
          }
          res.writeHead(status, {
            'Content-Type': 'application/json',
            'Content-Length': Buffer.byteLength(text),
          });
          res.end(text);
        });
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  const port = await listenOnLoopback(server);
  return { url: `http://127.0.0.1:${port}` };
}
