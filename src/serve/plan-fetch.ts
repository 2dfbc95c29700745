import { createNetworkError, createStatusError, HcpError, type HcpFetch } from './hcp-fetch.js';

/** How to fetch a plan. */
export interface PlanFetchOptions {
  readonly fetch: HcpFetch;
  /** Per request, in ms. */
  readonly timeoutMs: number;
  /** Larger plans are refused. */
  readonly maxBytes: number;
}

const maxRedirects = 3;

/**
 * Fetches a run's plan JSON with its access token. HCP Terraform answers the
 * json-output URL with a redirect to a short-lived signed URL of its archive
 * store: the redirect is followed without the token, which is only for
 * HCP Terraform's own API.
 */
export async function fetchPlanJson(
  url: string,
  token: string,
  options: PlanFetchOptions,
): Promise<unknown> {
  let target = url;
  let headers: Record<string, string> = { Authorization: `Bearer ${token}` };
  for (let hop = 0; hop <= maxRedirects; hop += 1) {
    let response: Response;
    try {
      response = await options.fetch(target, {
        headers,
        redirect: 'manual',
        signal: AbortSignal.timeout(options.timeoutMs),
      });
    } catch (error) {
      throw createNetworkError('the plan JSON', error);
    }
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location !== null) {
      await response.body?.cancel();
      target = new URL(location, target).href;
      headers = {};
      continue;
    }
    if (!response.ok) {
      await response.body?.cancel();
      throw createStatusError('the plan JSON', response);
    }
    return parseBody(await readCapped(response, options.maxBytes));
  }
  throw new HcpError(`HCP Terraform redirected the plan JSON more than ${maxRedirects} times`, {
    retryable: false,
  });
}

async function readCapped(response: Response, maxBytes: number): Promise<string> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (response.body === null) return '';
  for await (const chunk of response.body) {
    size += chunk.byteLength;
    if (size > maxBytes) {
      throw new HcpError(`the plan JSON is larger than ${maxBytes} bytes`, { retryable: false });
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function parseBody(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new HcpError('HCP Terraform sent plan JSON that is not valid JSON', { retryable: false });
  }
}
