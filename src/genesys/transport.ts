import { isLoopbackHost } from './loopback.js';

/** The fetch the client uses. */
export type Fetch = typeof globalThis.fetch;

type Env = Readonly<Record<string, string | undefined>>;

/**
 * The fetch for `env`: Node's built-in one when no proxy is configured, else
 * undici's with its EnvHttpProxyAgent (NO_PROXY honoured). Loopback hosts are
 * always reached directly: a proxy would see the Basic header and the bearer
 * token of a plain-http local API in clear. The undici package costs a few
 * hundred ms to load, more than a whole listing, so it is loaded only when a
 * proxy applies.
 */
export async function createFetch(env: Env, connections: number): Promise<Fetch> {
  const settings = readProxySettings(env);
  if (settings === undefined) return (input, init) => globalThis.fetch(input, init);
  return createProxyFetch(settings, connections);
}

async function createProxyFetch(
  settings: { httpProxy: string; httpsProxy: string; noProxy: string },
  connections: number,
): Promise<Fetch> {
  const undici = await import('undici');
  const direct = new undici.Agent({ connections, keepAliveTimeout: 4_000 });
  const proxied = new undici.EnvHttpProxyAgent({
    connections,
    keepAliveTimeout: 4_000,
    ...settings,
  });
  // undici's Response type and the DOM lib's differ only in stream generics.
  const undiciFetch = undici.fetch as unknown as Fetch;
  return (input, init) => {
    const url = new URL(input instanceof Request ? input.url : input);
    const dispatcher = isLoopbackHost(url.hostname) ? direct : proxied;
    return undiciFetch(input, { ...init, dispatcher } as unknown as RequestInit);
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
