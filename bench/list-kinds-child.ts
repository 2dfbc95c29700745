// Bench only: the listings `check` cannot avoid, as a whole process and nothing
// else. Builds the client the way the CLI does (src/cli/client.ts: endpoints
// from GCADOPT_API_URL, client credentials from the environment, no token
// cache, so it logs in) and lists the given kinds concurrently through each
// kind's own `list`, the same paging `check` uses. Prints the number of objects.
import { createClient } from '../src/genesys/client.js';
import { resolveCredentials } from '../src/genesys/credentials.js';
import { resolveEndpoints } from '../src/genesys/regions.js';
import { kindForType } from '../src/kinds/index.js';

const env = process.env;
const resolved = resolveCredentials(env, process.cwd());
const endpoints = resolveEndpoints({
  region: resolved.region,
  apiUrl: env['GCADOPT_API_URL'] ?? resolved.apiUrl,
  loginUrl: resolved.loginUrl,
});
const client = createClient({ ...endpoints, credentials: resolved.credentials, env });
const lists = await Promise.all(
  process.argv.slice(2).map((type) => {
    const kind = kindForType(type);
    if (kind === undefined) throw new Error(`unknown kind ${type}`);
    return kind.list(client, {});
  }),
);
process.stdout.write(`${lists.reduce((n, list) => n + list.length, 0)}\n`);
