import platformClient from 'purecloud-platform-client-v2';
import { describe, expect, it } from 'vitest';
import { seedDivisions, startTestEmulator } from '../helpers/emulator.js';

/**
 * The official Genesys JavaScript SDK is the referee: pointed at the emulator with
 * its gateway setting, it must log in, page, create, meet the conflict, update and
 * delete exactly as it does against the real platform.
 */
describe('official SDK against the emulator', () => {
  it('logs in, pages 250 divisions, creates, conflicts, updates and deletes', async () => {
    const emulator = await startTestEmulator({ seed: { divisions: seedDivisions(250) } });
    const port = Number(new URL(emulator.url).port);
    const client = platformClient.ApiClient.instance;
    client.setGateway({
      host: '127.0.0.1',
      protocol: 'http',
      port,
      path_params_login: '',
      path_params_api: '',
    });
    const [credentials] = emulator.clients;
    const login = await client.loginClientCredentialsGrant(credentials!.id, credentials!.secret);
    expect(login.accessToken).toBeTruthy();

    const api = new platformClient.AuthorizationApi();
    const names = new Set<string>();
    let pageNumber = 1;
    let pageCount = 1;
    do {
      const page = await api.getAuthorizationDivisions({ pageSize: 100, pageNumber });
      for (const d of page.entities ?? []) names.add(d.name ?? '');
      pageCount = page.pageCount ?? 0;
      pageNumber += 1;
    } while (pageNumber <= pageCount);
    expect(names.size).toBe(251);
    expect(pageCount).toBe(3);

    const created = await api.postAuthorizationDivisions({
      name: 'Contract',
      description: 'made by the SDK',
    });
    expect(created).toMatchObject({ name: 'Contract', homeDivision: false });

    // Without extended responses the SDK rejects with the Genesys error body itself.
    const conflict = (await api
      .postAuthorizationDivisions({ name: 'contract', description: '' })
      .then(
        () => undefined,
        (error: unknown) => error,
      )) as { status: number; code: string; message: string } | undefined;
    expect(conflict?.status).toBe(409);
    expect(conflict?.code).toBe('general.conflict');
    expect(conflict?.message).toContain('contract');

    const updated = await api.putAuthorizationDivision(created.id!, {
      name: 'Contract 2',
      description: 'renamed',
    });
    expect(updated.name).toBe('Contract 2');
    await api.deleteAuthorizationDivision(created.id!);
    const gone = (await api.getAuthorizationDivision(created.id!).then(
      () => undefined,
      (error: unknown) => error,
    )) as { status: number; code: string } | undefined;
    expect(gone?.status).toBe(404);
    expect(gone?.code).toBe('not.found');
  });
});
