import * as grpc from '@grpc/grpc-js';
import { GcadoptError } from '../errors.js';
import type { ProviderEnvironment } from './configure.js';
import { loadPluginServices } from './grpc-services.js';
import { createProviderHandlers } from './provider-service.js';
import { createServerCertificate } from './server-certificate.js';

/** Terraform's handshake cookie (hashicorp/terraform internal/plugin/serve.go). */
const magicCookieKey = 'TF_PLUGIN_MAGIC_COOKIE';
const magicCookieValue = 'd602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2';
/** go-plugin's own protocol version: the first field of the handshake line. */
const coreProtocolVersion = 1;
const pluginProtocolVersion = 6;

/** How to serve. */
export interface ServeOptions extends ProviderEnvironment {
  /** Where the handshake line goes: Terraform reads the plugin's stdout. */
  readonly stdout: { write(text: string): unknown };
  /** Stops serving (SIGINT/SIGTERM). */
  readonly signal?: AbortSignal | undefined;
}

/** Fails unless Terraform started this process and offers protocol 6. */
export function checkHandshakeEnvironment(env: ServeOptions['env']): void {
  if (env[magicCookieKey] !== magicCookieValue) {
    throw new GcadoptError(
      'usage',
      'gcadopt provider is a Terraform plugin: Terraform starts it, not a person',
      {
        hint: 'run `gcadopt provider --cli-config DIR` and point TF_CLI_CONFIG_FILE at the file it writes',
      },
    );
  }
  const offered = env.PLUGIN_PROTOCOL_VERSIONS;
  const versions = offered?.split(',').map((v) => v.trim());
  if (versions !== undefined && !versions.includes(String(pluginProtocolVersion))) {
    throw new GcadoptError(
      'config',
      `this Terraform offers plugin protocol ${offered ?? ''} only; the gcadopt provider speaks protocol 6 (Terraform 1.0 or later)`,
      { hint: 'upgrade Terraform' },
    );
  }
}

/**
 * Serves the provider over gRPC on 127.0.0.1 until Terraform asks it to shut
 * down (go-plugin's GRPCController) or `signal` aborts. With PLUGIN_CLIENT_CERT
 * set (go-plugin's automatic mutual TLS), only that client certificate is
 * accepted and the server's own self-signed certificate goes in the handshake line.
 */
export async function serveProvider(options: ServeOptions): Promise<void> {
  try {
    await serveStarted(options);
  } catch (error) {
    // Terraform shows the first line a plugin prints ("Unrecognized remote plugin
    // message: ...") but not its stderr: a failed handshake says why on stdout.
    if (options.env[magicCookieKey] === magicCookieValue) {
      const text = error instanceof Error ? error.message : String(error);
      options.stdout.write(`gcadopt provider: ${text.split('\n')[0] ?? ''}\n`);
    }
    throw error;
  }
}

async function serveStarted(options: ServeOptions): Promise<void> {
  checkHandshakeEnvironment(options.env);
  const services = loadPluginServices();
  const server = new grpc.Server();
  let finish = (): void => undefined;
  const done = new Promise<void>((resolve) => (finish = resolve));
  const stop = (): void => server.tryShutdown(() => finish());

  const handlers = createProviderHandlers(options);
  server.addService(services.provider, wrapUnary(handlers, options.log));
  server.addService(services.controller, {
    Shutdown: (_call: unknown, callback: grpc.sendUnaryData<object>) => {
      callback(null, {});
      setImmediate(stop);
    },
  });
  server.addService(services.health, {
    Check: (_call: unknown, callback: grpc.sendUnaryData<object>) =>
      callback(null, { status: 'SERVING' }),
  });

  const clientCert = options.env.PLUGIN_CLIENT_CERT;
  let certField = '';
  let credentials = grpc.ServerCredentials.createInsecure();
  if (clientCert !== undefined && clientCert !== '') {
    const cert = createServerCertificate();
    credentials = grpc.ServerCredentials.createSsl(
      Buffer.from(clientCert),
      [{ private_key: Buffer.from(cert.keyPem), cert_chain: Buffer.from(cert.certPem) }],
      true,
    );
    // go-plugin reads the certificate as unpadded standard base64 of its DER.
    certField = Buffer.from(cert.der).toString('base64').replace(/=+$/, '');
  }
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', credentials, (error, bound) =>
      error === null ? resolve(bound) : reject(error),
    ),
  );
  options.signal?.addEventListener('abort', stop, { once: true });
  const fields = [coreProtocolVersion, pluginProtocolVersion, 'tcp', `127.0.0.1:${port}`, 'grpc'];
  options.stdout.write(`${[...fields, ...(certField === '' ? [] : [certField])].join('|')}\n`);
  await done;
}

type Handler = (
  request: Record<string, unknown>,
) => Record<string, unknown> | Promise<Record<string, unknown>>;

function wrapUnary(
  handlers: Record<string, Handler>,
  log: (line: string) => void,
): grpc.UntypedServiceImplementation {
  return Object.fromEntries(
    Object.entries(handlers).map(([name, handler]) => [
      name,
      (
        call: grpc.ServerUnaryCall<Record<string, unknown>, unknown>,
        callback: grpc.sendUnaryData<unknown>,
      ) => {
        Promise.resolve()
          .then(() => handler(call.request))
          .then(
            (response) => callback(null, response),
            (error: unknown) => {
              const text = error instanceof Error ? error.message : String(error);
              log(`${name} failed: ${text}`);
              callback({ code: grpc.status.INTERNAL, details: text });
            },
          );
      },
    ]),
  );
}
