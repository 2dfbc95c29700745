import { GcadoptError } from '../errors.js';
import { isLoopbackHost } from './loopback.js';

/** A Genesys Cloud region in its three spellings. */
export interface Region {
  /** Provider style, e.g. `us-east-1`. */
  readonly name: string;
  /** SDK style, e.g. `us_east_1`. */
  readonly key: string;
  /** Domain, e.g. `mypurecloud.com`: API at `api.<domain>`, login at `login.<domain>`. */
  readonly domain: string;
}

// From the Genesys SDKs' region tables (genesys-api.md).
const table: readonly [string, string][] = [
  ['us-east-1', 'mypurecloud.com'],
  ['us-east-2', 'use2.us-gov-pure.cloud'],
  ['us-west-2', 'usw2.pure.cloud'],
  ['ca-central-1', 'cac1.pure.cloud'],
  ['sa-east-1', 'sae1.pure.cloud'],
  ['mx-central-1', 'mxc1.pure.cloud'],
  ['eu-west-1', 'mypurecloud.ie'],
  ['eu-west-2', 'euw2.pure.cloud'],
  ['eu-central-1', 'mypurecloud.de'],
  ['eu-central-2', 'euc2.pure.cloud'],
  ['eusc-de-east-1', 'edee1.eusc-pure.cloud'],
  ['me-central-1', 'mec1.pure.cloud'],
  ['ap-south-1', 'aps1.pure.cloud'],
  ['ap-southeast-1', 'apse1.pure.cloud'],
  ['ap-southeast-2', 'mypurecloud.com.au'],
  ['ap-northeast-1', 'mypurecloud.jp'],
  ['ap-northeast-2', 'apne2.pure.cloud'],
  ['ap-northeast-3', 'apne3.pure.cloud'],
];

/** Every region gcadopt knows. */
export const regions: readonly Region[] = table.map(([name, domain]) => ({
  name,
  key: name.replaceAll('-', '_'),
  domain,
}));

/**
 * Finds a region written as `us-east-1`, `us_east_1` or `mypurecloud.com`
 * (case-insensitive; a leading `api.`/`login.` or a scheme is tolerated, since
 * people paste hosts).
 */
export function resolveRegion(input: string): Region {
  const text = input
    .trim()
    .toLowerCase()
    .replace(/^https?:\/\//, '')
    .replace(/\/+$/, '')
    .replace(/^(api|login)\./, '');
  const found = regions.find((r) => r.name === text || r.key === text || r.domain === text);
  if (found !== undefined) return found;
  throw new GcadoptError('config', `unknown Genesys Cloud region "${input}"`, {
    hint: `use one of: ${regions.map((r) => r.name).join(', ')} (or their domains, e.g. mypurecloud.com)`,
  });
}

/** The hosts a client talks to. */
export interface Endpoints {
  /** e.g. `https://api.mypurecloud.com` (no trailing slash). */
  readonly apiUrl: string;
  /** e.g. `https://login.mypurecloud.com` (no trailing slash). */
  readonly loginUrl: string;
}

/**
 * Endpoints from a region or explicit URLs. When only the API URL is given,
 * the login URL is its `login.` twin for an `api.<domain>` host (Genesys
 * serves login and API on two hosts), else the API URL itself (one host, as
 * the emulator and gateways serve).
 */
export function resolveEndpoints(options: {
  region?: string | undefined;
  apiUrl?: string | undefined;
  loginUrl?: string | undefined;
}): Endpoints {
  if (options.apiUrl !== undefined) {
    const apiUrl = checkUrl(options.apiUrl, '--api-url');
    if (/\/api\/v2$/i.test(apiUrl)) {
      throw new GcadoptError(
        'config',
        `--api-url: "${options.apiUrl}" ends in /api/v2, which gcadopt adds to every request itself`,
        { hint: `pass the host only: --api-url ${apiUrl.replace(/\/api\/v2$/i, '')}` },
      );
    }
    const loginUrl =
      options.loginUrl === undefined
        ? deriveLoginUrl(apiUrl)
        : checkUrl(options.loginUrl, '--login-url');
    return { apiUrl, loginUrl };
  }
  if (options.region === undefined) {
    throw new GcadoptError('config', 'no Genesys Cloud region given', {
      hint: 'set GENESYSCLOUD_REGION (e.g. us-east-1) or pass --region',
    });
  }
  const region = resolveRegion(options.region);
  const loginUrl =
    options.loginUrl === undefined
      ? `https://login.${region.domain}`
      : checkUrl(options.loginUrl, '--login-url');
  return { apiUrl: `https://api.${region.domain}`, loginUrl };
}

/** `https://api.<domain>` logs in at `https://login.<domain>`; any other host at itself. */
function deriveLoginUrl(apiUrl: string): string {
  const url = new URL(apiUrl);
  if (!url.hostname.toLowerCase().startsWith('api.') || url.pathname !== '/') return apiUrl;
  url.hostname = `login.${url.hostname.slice('api.'.length)}`;
  return url.origin;
}

function checkUrl(text: string, flag: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new GcadoptError('config', `${flag}: "${text}" is not a URL`);
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    throw new GcadoptError(
      'config',
      `${flag}: plain http is allowed only for loopback hosts, not ${url.hostname}`,
      {
        hint: 'use https:// (credentials and tokens must not cross the network in clear text)',
      },
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new GcadoptError('config', `${flag}: "${text}" must be an http(s) URL`);
  }
  if (url.username !== '' || url.password !== '') {
    throw new GcadoptError('config', `${flag}: credentials do not belong in the URL`);
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}
