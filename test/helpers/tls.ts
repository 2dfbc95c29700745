import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';
import { listenOnLoopback } from './loopback.js';

/** A throwaway self-signed certificate for `api.gcadopt.test`. */
export interface TestCertificate {
  readonly key: string;
  readonly cert: string;
  /** The certificate's file, for NODE_EXTRA_CA_CERTS. */
  readonly certFile: string;
}

/**
 * Makes a certificate with openssl, or returns undefined (with a printed
 * notice) when openssl is not installed. Generated per run, so no private key
 * lives in the repository.
 */
export function createTestCertificate(): TestCertificate | undefined {
  const dir = mkdtempSync(join(tmpdir(), 'gcadopt-tls-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  const keyFile = join(dir, 'key.pem');
  const certFile = join(dir, 'cert.pem');
  const made = spawnSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-days',
      '2',
      '-subj',
      '/CN=api.gcadopt.test',
      '-addext',
      'subjectAltName=DNS:api.gcadopt.test',
      '-keyout',
      keyFile,
      '-out',
      certFile,
    ],
    { encoding: 'utf8' },
  );
  if (made.status !== 0) {
    console.log('skipped: openssl is needed to make a test certificate');
    return undefined;
  }
  return { key: readFileSync(keyFile, 'utf8'), cert: readFileSync(certFile, 'utf8'), certFile };
}

/** An https front for a plain-http emulator: what a real, TLS-only API host looks like. */
export async function startTlsFront(
  certificate: TestCertificate,
  emulatorUrl: string,
): Promise<{ port: number }> {
  const backend = new URL(emulatorUrl);
  const server: Server = createServer(
    { key: certificate.key, cert: certificate.cert },
    (req, res) => {
      const upstream = httpRequest(
        {
          host: backend.hostname,
          port: Number(backend.port),
          method: req.method,
          path: req.url,
          headers: req.headers,
        },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      upstream.on('error', () => res.destroy());
      req.pipe(upstream);
    },
  );
  const port = await listenOnLoopback(server);
  return { port };
}
