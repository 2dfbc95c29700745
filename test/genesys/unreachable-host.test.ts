import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { GcadoptError } from '../../src/errors.js';
import { emulatorEnv } from '../helpers/cli-env.js';
import { closedPort } from '../helpers/closed-port.js';
import { createEmulatorClient, createFakeSleepClock } from '../helpers/client.js';
import { startTestEmulator } from '../helpers/emulator.js';
import { createTestIo } from '../helpers/io.js';

/** A loopback URL nothing listens on. */
const closedUrl = async (): Promise<string> => `http://127.0.0.1:${await closedPort()}`;

async function failure(promise: Promise<unknown>): Promise<GcadoptError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!GcadoptError.is(error)) throw new Error(`expected a GcadoptError, got ${String(error)}`);
  return error;
}

describe('an unreachable host is named, login or API', () => {
  it('the login host, when the token request cannot connect (even for a POST)', async () => {
    const emulator = await startTestEmulator();
    const login = await closedUrl();
    const logs: string[] = [];
    const client = createEmulatorClient(emulator, {
      loginUrl: login,
      clock: createFakeSleepClock(),
      retry: { maxAttempts: 2 },
      log: (line) => logs.push(line),
    });
    const host = new URL(login).host;
    for (const call of [client.divisions.home(), client.divisions.create({ name: 'New' })]) {
      const error = await failure(call);
      expect(error.message).toMatch(
        new RegExp(
          `^cannot reach the login host ${host} \\(POST /oauth/token\\): ECONNREFUSED after 2 attempts`,
        ),
      );
      expect(error.hint).toContain('--login-url');
    }
    expect(logs).toContain('auth: POST /oauth/token failed: ECONNREFUSED attempt 1');
    expect(emulator.requests).toEqual([]);
  });

  it('the API host, when the API cannot be reached after a good login', async () => {
    const emulator = await startTestEmulator();
    const api = await closedUrl();
    const client = createEmulatorClient(emulator, {
      apiUrl: api,
      clock: createFakeSleepClock(),
      retry: { maxAttempts: 2 },
    });
    const error = await failure(client.divisions.home());
    expect(error.message).toMatch(
      new RegExp(
        `^cannot reach the API host ${new URL(api).host} \\(GET /api/v2/authorization/divisions/home\\): ECONNREFUSED after 2 attempts`,
      ),
    );
    expect(client.stats.logins).toBe(1);
  });

  it('says which host in one line on stderr, exit 1', async () => {
    const emulator = await startTestEmulator();
    const login = await closedUrl();
    const io = createTestIo({ env: emulatorEnv(emulator) });
    expect(await main(['divisions', 'list', '--login-url', login], io)).toBe(1);
    const [first, ...rest] = io.err().trimEnd().split('\n');
    expect(first).toMatch(
      new RegExp(
        `^gcadopt: cannot reach the login host ${new URL(login).host} \\(POST /oauth/token\\): ECONNREFUSED`,
      ),
    );
    expect(rest).toEqual([
      'hint: check the network, the region (or --login-url) and any proxy settings (HTTPS_PROXY, NO_PROXY)',
    ]);
  }, 30_000);
});
