import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { describe, expect, it, onTestFinished } from 'vitest';
import { createEmulatorClient } from '../helpers/client.js';
import { startTestEmulator } from '../helpers/emulator.js';

/** A loopback forward proxy (CONNECT tunnels and absolute-form requests) that counts what it carries. */
async function startProxy(): Promise<{ url: string; seen: string[] }> {
  const seen: string[] = [];
  const server: Server = createServer((req, res) => {
    seen.push(`${req.method ?? ''} ${req.url ?? ''}`);
    const target = new URL(req.url ?? '');
    const upstream = connect(Number(target.port), target.hostname, () => {
      upstream.write(
        `${req.method ?? 'GET'} ${target.pathname}${target.search} HTTP/1.1\r\n${Object.entries(
          req.headers,
        )
          .map(([k, v]) => `${k}: ${String(v)}`)
          .join('\r\n')}\r\nconnection: close\r\n\r\n`,
      );
      req.pipe(upstream);
      upstream.pipe(res.socket!);
    });
  });
  server.on('connect', (req, socket, head) => {
    seen.push(`CONNECT ${req.url ?? ''}`);
    const [host = '', port = '0'] = (req.url ?? '').split(':');
    const upstream = connect(Number(port), host, () => {
      socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(socket);
      socket.pipe(upstream);
    });
    upstream.on('error', () => socket.destroy());
    socket.on('error', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  onTestFinished(() => {
    server.closeAllConnections();
    server.close();
  });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

describe('proxy from the environment', () => {
  it('goes through HTTP_PROXY/HTTPS_PROXY', async () => {
    const emulator = await startTestEmulator();
    const proxy = await startProxy();
    const client = createEmulatorClient(emulator, {
      env: { HTTP_PROXY: proxy.url, HTTPS_PROXY: proxy.url },
    });
    const home = await client.divisions.home();
    expect(home.homeDivision).toBe(true);
    expect(proxy.seen.length).toBeGreaterThan(0);
    expect(proxy.seen.join('\n')).toContain(new URL(emulator.url).host);
  });

  it('bypasses it for NO_PROXY hosts', async () => {
    const emulator = await startTestEmulator();
    const proxy = await startProxy();
    const client = createEmulatorClient(emulator, {
      env: { HTTP_PROXY: proxy.url, NO_PROXY: '127.0.0.1' },
    });
    await client.divisions.home();
    expect(proxy.seen).toEqual([]);
  });
});
