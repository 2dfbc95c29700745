import { X509Certificate } from 'node:crypto';
import * as grpc from '@grpc/grpc-js';
import { onTestFinished } from 'vitest';
import { decodeObject, encodeObject, type ObjectValue } from '../../src/provider/cty-value.js';
import { loadPluginServices } from '../../src/provider/grpc-services.js';
import { serveProvider } from '../../src/provider/serve.js';
import { createServerCertificate } from '../../src/provider/server-certificate.js';

/** Terraform's magic cookie, as Terraform sets it for its plugins. */
export const cookie = {
  TF_PLUGIN_MAGIC_COOKIE: 'd602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2',
  PLUGIN_PROTOCOL_VERSIONS: '5,6',
};

type Message = Record<string, unknown>;

/** Calls one RPC of the Provider service. */
export type Call = (method: string, request: Message) => Promise<Message>;

/** The parts of a go-plugin handshake line. */
export function parseHandshake(line: string): { port: number; certPem: string } {
  const parts = line.trim().split('|');
  expect6(parts);
  const der = Buffer.from(parts[5] ?? '', 'base64');
  return { port: Number(parts[3]?.split(':')[1]), certPem: new X509Certificate(der).toString() };
}

function expect6(parts: string[]): void {
  if (parts.length !== 6 || parts[0] !== '1' || parts[1] !== '6' || parts[4] !== 'grpc')
    throw new Error(`not a protocol 6 gRPC handshake: ${parts.join('|')}`);
}

/** A client certificate, as go-plugin makes one for each run. */
export function createClientCertificate(): { certPem: string; keyPem: string } {
  const { certPem, keyPem } = createServerCertificate();
  return { certPem, keyPem };
}

/** Connects to the Provider service over mutual TLS, as Terraform does. */
export function connectProvider(
  port: number,
  serverPem: string,
  client: { certPem: string; keyPem: string } | undefined,
): Call {
  const services = loadPluginServices();
  const Provider = grpc.makeGenericClientConstructor(services.provider, 'Provider');
  const credentials = grpc.credentials.createSsl(
    Buffer.from(serverPem),
    client === undefined ? null : Buffer.from(client.keyPem),
    client === undefined ? null : Buffer.from(client.certPem),
  );
  const stub = new Provider(`127.0.0.1:${port}`, credentials, {
    'grpc.ssl_target_name_override': 'localhost',
  }) as unknown as Record<
    string,
    (req: Message, opts: grpc.CallOptions, cb: (e: Error | null, r: Message) => void) => void
  >;
  onTestFinished(() => (stub as unknown as grpc.Client).close());
  return (method, request) =>
    new Promise((resolve, reject) => {
      const fn = stub[method];
      if (fn === undefined) throw new Error(`no method ${method}`);
      fn.call(stub, request, { deadline: Date.now() + 15_000 }, (error, response) =>
        error === null ? resolve(response) : reject(error),
      );
    });
}

/** Serves the provider in this process with `env` and returns a connected client. */
export async function startProvider(env: Record<string, string>): Promise<Call> {
  const client = createClientCertificate();
  const stop = new AbortController();
  let line = '';
  const handshake = new Promise<string>((resolve) => {
    void serveProvider({
      env: { ...cookie, PLUGIN_CLIENT_CERT: client.certPem, ...env },
      cwd: process.cwd(),
      stdout: { write: (text: string) => resolve((line += text)) },
      log: () => undefined,
      signal: stop.signal,
    });
  });
  onTestFinished(() => stop.abort());
  const { port, certPem } = parseHandshake(await handshake);
  return connectProvider(port, certPem, client);
}

/** A DynamicValue holding `value`. */
export function dynamic(value: ObjectValue | null): { msgpack: Uint8Array } {
  return { msgpack: encodeObject(value) };
}

/** The object a DynamicValue holds. */
export function valueOf(message: unknown): ObjectValue | null {
  return decodeObject((message as { msgpack?: Uint8Array } | undefined)?.msgpack);
}
