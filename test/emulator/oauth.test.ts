import { describe, expect, it } from 'vitest';
import { startTestEmulator } from '../helpers/emulator.js';

const form = { 'Content-Type': 'application/x-www-form-urlencoded' };

describe('emulator POST /oauth/token', () => {
  it('issues a bearer token for HTTP Basic client credentials', async () => {
    const emulator = await startTestEmulator({ tokenLifetime: 600 });
    const [client] = emulator.clients;
    const basic = Buffer.from(`${client!.id}:${client!.secret}`).toString('base64');
    const res = await fetch(`${emulator.url}/oauth/token`, {
      method: 'POST',
      headers: { ...form, Authorization: `Basic ${basic}` },
      body: 'grant_type=client_credentials',
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('inin-correlation-id')).toMatch(/^[0-9a-f-]{36}$/);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ token_type: 'bearer', expires_in: 600 });
    expect(typeof body.access_token).toBe('string');
  });

  it('accepts the form-field variant', async () => {
    const emulator = await startTestEmulator();
    const [client] = emulator.clients;
    const body = new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: client!.id,
      client_secret: client!.secret,
    });
    const res = await fetch(`${emulator.url}/oauth/token`, {
      method: 'POST',
      headers: form,
      body: body.toString(),
    });
    expect(res.status).toBe(200);
  });

  it.each([
    ['a wrong secret', 'grant_type=client_credentials', 'wrong', 401, 'invalid_client'],
    ['a missing grant type', '', 'right', 400, 'invalid_request'],
    ['another grant type', 'grant_type=password', 'right', 400, 'unsupported_grant_type'],
  ])('refuses %s', async (_what, body, secret, status, error) => {
    const emulator = await startTestEmulator();
    const [client] = emulator.clients;
    const basic = Buffer.from(
      `${client!.id}:${secret === 'right' ? client!.secret : 'nope'}`,
    ).toString('base64');
    const res = await fetch(`${emulator.url}/oauth/token`, {
      method: 'POST',
      headers: { ...form, Authorization: `Basic ${basic}` },
      body,
    });
    expect(res.status).toBe(status);
    const json = (await res.json()) as Record<string, unknown>;
    expect(json.error).toBe(error);
    expect(json).toHaveProperty('error_description');
  });
});

describe('emulator bearer tokens', () => {
  it.each([
    ['missing', undefined, 'authentication.required'],
    ['unknown', 'Bearer not-a-token', 'bad.credentials'],
  ])('answers 401 for a %s token', async (_what, authorization, code) => {
    const emulator = await startTestEmulator();
    const headers: Record<string, string> =
      authorization === undefined ? {} : { Authorization: authorization };
    const res = await fetch(`${emulator.url}/api/v2/authorization/divisions`, { headers });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ status: 401, code });
  });

  it('answers 401 credentials.expired once the token lifetime has passed', async () => {
    let now = 1_000_000;
    const emulator = await startTestEmulator({ tokenLifetime: 60, now: () => now });
    const [client] = emulator.clients;
    const basic = Buffer.from(`${client!.id}:${client!.secret}`).toString('base64');
    const login = await fetch(`${emulator.url}/oauth/token`, {
      method: 'POST',
      headers: { ...form, Authorization: `Basic ${basic}` },
      body: 'grant_type=client_credentials',
    });
    const { access_token: token } = (await login.json()) as { access_token: string };
    const get = () =>
      fetch(`${emulator.url}/api/v2/authorization/divisions/home`, {
        headers: { Authorization: `Bearer ${token}` },
      });
    expect((await get()).status).toBe(200);
    now += 60_000;
    const res = await get();
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ code: 'credentials.expired' });
  });
});
