import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { ApiError } from '../../src/genesys/api-error.js';
import { createTestCacheDir } from '../helpers/cache-dir.js';
import { emulatorEnv } from '../helpers/cli-env.js';
import { createEmulatorClient } from '../helpers/client.js';
import { seedDivisions, startTestEmulator } from '../helpers/emulator.js';
import { startEchoingGateway } from '../helpers/echo-gateway.js';
import { createTestIo } from '../helpers/io.js';

describe('ApiError', () => {
  it('keeps a response body that holds the token out of every printed form', async () => {
    const emulator = await startTestEmulator({ seed: { divisions: seedDivisions(2) } });
    const gateway = await startEchoingGateway(emulator.url);
    const client = createEmulatorClient(emulator, { apiUrl: gateway.url, loginUrl: gateway.url });
    const error = (await client.divisions
      .create({ name: 'Division 0001' })
      .catch((e: unknown) => e)) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(409);
    // The body is still there for code that asks for it, and it does hold the token.
    const echoed = (error.body as { gatewayRequest: { headers: { authorization: string } } })
      .gatewayRequest.headers.authorization;
    expect(echoed).toMatch(/^Bearer \S{20,}$/);
    const token = echoed.slice('Bearer '.length);
    expect(error.message).toContain('Bearer [redacted]');
    for (const text of [
      String(error),
      error.message,
      error.stack ?? '',
      JSON.stringify(error),
      JSON.stringify({ error }),
      inspect(error),
      inspect(error, { depth: 10 }),
      inspect({ error }, { depth: 10 }),
    ])
      expect(text).not.toContain(token);
  });

  it('keeps it out of --debug output', async () => {
    // The client may read divisions but not edit them: the PUT gets a 403.
    const emulator = await startTestEmulator({
      seed: {
        divisions: seedDivisions(2),
        clients: [
          { id: 'reader', secret: 'reader-secret', permissions: ['authorization:division:view'] },
        ],
      },
    });
    const gateway = await startEchoingGateway(emulator.url);
    const cache = createTestCacheDir();
    const io = createTestIo({
      env: emulatorEnv(emulator, { GCADOPT_API_URL: gateway.url, GCADOPT_CACHE_DIR: cache }),
    });
    const code = await main(
      ['--debug', 'divisions', 'update', 'Division 0001', '--description', 'new', '--yes'],
      io,
    );
    expect(code).toBe(1);
    expect(io.err()).toContain('debug: http: PUT');
    expect(io.err()).toMatch(/403 missing\.permissions/);
    const [file] = await readdir(cache);
    const token = (
      JSON.parse(await readFile(join(cache, file!), 'utf8')) as { accessToken: string }
    ).accessToken;
    expect(io.out() + io.err()).not.toContain(token);
  });
});
