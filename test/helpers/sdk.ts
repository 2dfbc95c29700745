import platformClient from 'purecloud-platform-client-v2';
import type { Emulator } from '../../src/emulator/index.js';

/**
 * Points the official SDK's shared ApiClient at the emulator (login and API on
 * one plain-http loopback host) and logs in with the org's first client.
 */
export async function loginSdk(emulator: Emulator) {
  const client = platformClient.ApiClient.instance;
  client.setGateway({
    host: '127.0.0.1',
    protocol: 'http',
    port: Number(new URL(emulator.url).port),
    path_params_login: '',
    path_params_api: '',
  });
  const [credentials] = emulator.clients;
  return client.loginClientCredentialsGrant(credentials!.id, credentials!.secret);
}

/** The error an SDK call rejects with (status and Genesys code), or undefined when it resolves. */
export const rejection = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error as { status: number; code: string },
  );
