/** The fetch the client uses. */
export type Fetch = typeof globalThis.fetch;

/**
 * undici's fetch with a keep-alive agent sized to the concurrency cap, or its
 * EnvHttpProxyAgent when HTTPS_PROXY/HTTP_PROXY is set (NO_PROXY honoured).
 * Loaded on first use so commands that never call the API start fast.
 */
export async function createUndiciFetch(
  env: Readonly<Record<string, string | undefined>>,
  connections: number,
): Promise<Fetch> {
  const undici = await import('undici');
  const proxied = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy'].some(
    (k) => (env[k] ?? '') !== '',
  );
  const dispatcher = proxied
    ? new undici.EnvHttpProxyAgent(
        definedOnly({
          httpProxy: env.HTTP_PROXY ?? env.http_proxy,
          httpsProxy: env.HTTPS_PROXY ?? env.https_proxy,
          noProxy: env.NO_PROXY ?? env.no_proxy,
        }),
      )
    : new undici.Agent({ connections, keepAliveTimeout: 4_000 });
  // undici's Response type and the DOM lib's differ only in stream generics.
  const undiciFetch = undici.fetch as unknown as Fetch;
  return (input, init) => undiciFetch(input, { ...init, dispatcher } as unknown as RequestInit);
}

function definedOnly(options: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(options).filter((e): e is [string, string] => e[1] !== undefined),
  );
}
