import { isLoopbackHost } from './loopback.js';
import { createNodeTransport } from './node-transport.js';

/** A fetch the caller may hand the client instead of its own transport. */
export type Fetch = typeof globalThis.fetch;

/** One request as the client sends it. */
export interface TransportInit {
  readonly method: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
  readonly signal?: AbortSignal;
}

/** The parts of a response the client reads: a fetch `Response` has them all. */
export interface TransportResponse {
  readonly status: number;
  readonly ok: boolean;
  readonly headers: { get(name: string): string | null };
  text(): Promise<string>;
  json(): Promise<unknown>;
}

/** What the client sends its requests with; any fetch is one. */
export type Transport = (url: string, init: TransportInit) => Promise<TransportResponse>;

type Env = Readonly<Record<string, string | undefined>>;

/**
 * The transport for `env`: node:http and node:https when no proxy is
 * configured, else undici's fetch with its EnvHttpProxyAgent (NO_PROXY
 * honoured). Loopback hosts are always reached directly: a proxy would see the
 * Basic header and the bearer token of a plain-http local API in clear. The
 * undici package costs a few hundred ms to load, more than a whole listing, so
 * it is loaded only when a proxy applies. Neither follows a redirect: the API
 * never sends one, and following it would carry the token elsewhere.
 */
export async function createTransport(env: Env, connections: number): Promise<Transport> {
  const settings = readProxySettings(env);
  if (settings === undefined) {
    return createNodeTransport({ connections });
  }
  return createProxyTransport(settings, connections);
}

async function createProxyTransport(
  settings: { httpProxy: string; httpsProxy: string; noProxy: string },
  connections: number,
): Promise<Transport> {
  const undici = await import('undici');
  const direct = new undici.Agent({ connections, keepAliveTimeout: 4_000 });
  const proxied = new undici.EnvHttpProxyAgent({
    connections,
    keepAliveTimeout: 4_000,
    ...settings,
  });
  return (url, init) => {
    const dispatcher = isLoopbackHost(new URL(url).hostname) ? direct : proxied;
    return undici.fetch(url, { ...init, redirect: 'manual', dispatcher });
  };
}

/**
 * The proxy settings of `env`, or undefined for none. Every field is set (an
 * empty string for "none"), so undici never falls back to the process's own
 * environment behind the caller's back.
 */
export function readProxySettings(
  env: Env,
): { httpProxy: string; httpsProxy: string; noProxy: string } | undefined {
  const first = (...names: string[]): string =>
    names.map((n) => env[n]?.trim() ?? '').find((v) => v !== '') ?? '';
  const httpProxy = first('HTTP_PROXY', 'http_proxy');
  const httpsProxy = first('HTTPS_PROXY', 'https_proxy');
  if (httpProxy === '' && httpsProxy === '') return undefined;
  return { httpProxy, httpsProxy, noProxy: first('NO_PROXY', 'no_proxy') };
}
