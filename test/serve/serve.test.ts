import { describe, expect, it, vi } from 'vitest';
import { startTestEmulator } from '../helpers/emulator.js';
import { startExampleOrg } from '../helpers/example.js';
import { startHcpStandIn } from './hcp-stand-in.js';
import { hmacKey, readExamplePlans, startTestService } from './service.js';

type Body = {
  data: {
    attributes: { status: string; message: string };
    relationships?: { outcomes: { data: { attributes: Record<string, unknown> }[] } };
  };
};

describe('gcadopt serve: the run task protocol', () => {
  it('answers the registration check with 200 and calls nothing back', async () => {
    const hcp = await startHcpStandIn(hmacKey);
    const service = await startTestService({ demo: await startExampleOrg() });
    const res = await hcp.send(
      service.url,
      hcp.payload('verify', 'demo-x', { access_token: 'test-token' }),
    );
    expect(res.status).toBe(200);
    await service.server.idle();
    expect(hcp.callbacks).toEqual([]);
    expect(hcp.planRequests).toEqual([]);
    expect(service.logs).toEqual([{ event: 'verification' }]);
  });

  it('fails a run whose apply would hit a 409, one documented outcome per finding', async () => {
    const hcp = await startHcpStandIn(hmacKey);
    const emulator = await startExampleOrg();
    const service = await startTestService({ demo: emulator });
    const { conflicts } = await readExamplePlans();
    hcp.addRun('r1', conflicts, 'token-r1');
    const release = hcp.holdPlans();
    const res = await hcp.send(service.url, hcp.payload('r1', 'demo-prod'));
    // 200 at once: the answer came before the plan could be had.
    expect(res.status).toBe(200);
    try {
      await vi.waitFor(() => expect(hcp.planRequests).toHaveLength(1));
      expect(hcp.callbacks).toEqual([]);
    } finally {
      release();
    }
    await service.server.idle();
    const callback = hcp.delivered('taskrs-r1');
    expect(callback?.problems).toEqual([]);
    expect(callback?.authorization).toBe('Bearer token-r1');
    expect(callback?.contentType).toBe('application/vnd.api+json');
    const body = callback?.body as Body;
    expect(body.data.attributes.status).toBe('failed');
    expect(body.data.attributes.message).toMatch(/^terraform apply would fail: \d+ error\(s\)/);
    const outcomes = body.data.relationships?.outcomes.data ?? [];
    expect(outcomes.length).toBeGreaterThan(0);
    const emea = outcomes.find((o) => String(o.attributes.description).includes('EMEA Sales'));
    expect(emea?.attributes['outcome-id']).toBe('gcadopt-conflict');
    expect(emea?.attributes.tags).toMatchObject({ Severity: [{ label: 'Error', level: 'error' }] });
    const live = emulator.store.list().find((d) => d.name === 'EMEA Sales');
    expect(emea?.attributes.body).toContain(`id = "${live?.id ?? 'missing'}"`);
    expect(emea?.attributes.body).toContain(
      '```hcl\nimport {\n  to = module.business_unit["emea"]',
    );
    // The plan came through the redirect; the token went to HCP Terraform only.
    expect(hcp.planRequests.map((r) => [r.path.split('/')[1], r.authorization])).toEqual([
      ['api', 'Bearer token-r1'],
      ['_archivist', undefined],
    ]);
    const [record] = service.logs;
    expect(record).toMatchObject({
      event: 'task',
      workspace: 'demo-prod',
      run: 'run-r1',
      org: 'demo',
      verdict: 'failed',
      callbackAttempts: 1,
    });
  });

  it('passes a clean run, without outcomes when the caller does not take them', async () => {
    const hcp = await startHcpStandIn(hmacKey);
    const service = await startTestService({ demo: await startExampleOrg() });
    hcp.addRun('r2', (await readExamplePlans()).clean, 'token-r2');
    await hcp.send(
      service.url,
      hcp.payload('r2', 'demo-dev', { capabilities: { outcomes: false } }),
    );
    await service.server.idle();
    const callback = hcp.delivered('taskrs-r2');
    expect(callback?.problems).toEqual([]);
    expect(callback?.body).toEqual({
      data: {
        type: 'task-results',
        attributes: {
          status: 'passed',
          message: 'no collisions: 1 resource(s) checked, 0 warning(s)',
        },
      },
    });
  });

  it('retries a callback answered 503 then 502, and delivers it', async () => {
    const hcp = await startHcpStandIn(hmacKey);
    const service = await startTestService({ demo: await startExampleOrg() });
    hcp.addRun('r3', (await readExamplePlans()).clean, 'token-r3');
    hcp.failCallbacks('taskrs-r3', [503, 502]);
    await hcp.send(service.url, hcp.payload('r3', 'demo-dev'));
    await service.server.idle();
    expect(hcp.callbacks.filter((c) => c.taskResult === 'taskrs-r3').map((c) => c.status)).toEqual([
      503, 502, 200,
    ]);
    expect(service.delays).toHaveLength(2);
    expect(service.logs[0]).toMatchObject({ verdict: 'passed', callbackAttempts: 3 });
  });

  it('gives up on a callback answered 503 past the deadline, and logs it undelivered', async () => {
    const hcp = await startHcpStandIn(hmacKey);
    const service = await startTestService(
      { demo: await startExampleOrg() },
      { callbackDeadlineSeconds: 20 },
    );
    hcp.addRun('r3b', (await readExamplePlans()).clean, 'token-r3b');
    hcp.failCallbacks(
      'taskrs-r3b',
      Array.from({ length: 100 }, () => 503),
    );
    await hcp.send(service.url, hcp.payload('r3b', 'demo-dev'));
    await service.server.idle();
    const attempts = hcp.callbacks.length;
    expect(attempts).toBeGreaterThan(3);
    expect(attempts).toBeLessThan(20);
    expect(service.delays.reduce((a, b) => a + b, 0)).toBeLessThan(20_000);
    expect(service.logs[0]).toMatchObject({
      verdict: 'undelivered',
      callbackAttempts: 0,
      reason: `HCP Terraform answered 503 for the task result callback (after ${attempts} attempt(s))`,
    });
  });

  it('handles a replayed delivery once', async () => {
    const hcp = await startHcpStandIn(hmacKey);
    const service = await startTestService({ demo: await startExampleOrg() });
    hcp.addRun('r4', (await readExamplePlans()).clean, 'token-r4');
    const payload = hcp.payload('r4', 'demo-dev');
    expect((await hcp.send(service.url, payload)).status).toBe(200);
    expect((await hcp.send(service.url, payload)).status).toBe(200);
    await service.server.idle();
    expect(hcp.callbacks).toHaveLength(1);
    expect(hcp.planRequests.filter((r) => r.path.startsWith('/api/'))).toHaveLength(1);
    expect(service.logs.map((l) => l.event).sort()).toEqual(['duplicate', 'task']);
  });
});

describe('gcadopt serve: bad requests', () => {
  it.each([
    ['unsigned', null],
    ['signed with another key', 'other'],
    ['with a signature that is not hex', 'zz'],
    ['with an empty signature', ''],
  ])('answers a request %s with 401 and nothing else', async (_name, mode) => {
    const hcp = await startHcpStandIn(hmacKey);
    const service = await startTestService({ demo: await startExampleOrg() });
    hcp.addRun('r5', (await readExamplePlans()).clean, 'token-r5');
    const payload = hcp.payload('r5', 'demo-dev');
    const options =
      mode === null
        ? { signature: null }
        : mode === 'other'
          ? { key: 'not-the-key' }
          : { signature: mode };
    const res = await hcp.send(service.url, payload, options);
    expect(res).toEqual({ status: 401, text: '' });
    await service.server.idle();
    expect(hcp.callbacks).toEqual([]);
    expect(hcp.planRequests).toEqual([]);
  });

  it('refuses a body changed after signing', async () => {
    const hcp = await startHcpStandIn(hmacKey);
    const service = await startTestService({ demo: await startExampleOrg() });
    const text = JSON.stringify(hcp.payload('r6', 'demo-dev'));
    const { signBody } = await import('../../src/serve/signature.js');
    const res = await hcp.send(service.url, text.replace('demo-dev', 'demo-prd'), {
      signature: signBody(text, hmacKey),
    });
    expect(res.status).toBe(401);
  });

  it.each([
    ['not JSON', '{"payload_version": 1,', /not JSON/],
    [
      'missing the callback URL',
      { payload_version: 1, stage: 'post_plan', access_token: 't' },
      /malformed run task payload/,
    ],
    ['of another payload version', 'v2', /malformed run task payload: payload_version/],
  ])('answers a signed payload %s with 400', async (_name, body, message) => {
    const hcp = await startHcpStandIn(hmacKey);
    const service = await startTestService({ demo: await startExampleOrg() });
    const sent = body === 'v2' ? hcp.payload('r7', 'demo-dev', { payload_version: 2 }) : body;
    const res = await hcp.send(service.url, sent);
    expect(res.status).toBe(400);
    expect(res.text).toMatch(message);
    expect(res.text.split('\n').filter(Boolean)).toHaveLength(1);
    await service.server.idle();
    expect(hcp.callbacks).toEqual([]);
  });

  it('answers an oversized payload with 413 without reading it all', async () => {
    const hcp = await startHcpStandIn(hmacKey);
    const service = await startTestService(
      { demo: await startExampleOrg() },
      { maxBodyBytes: 4096 },
    );
    const res = await hcp.send(
      service.url,
      hcp.payload('r8', 'demo-dev', { run_message: 'x'.repeat(10_000) }),
    );
    expect(res.status).toBe(413);
    expect(service.logs).toEqual([{ event: 'rejected', status: 413, reason: 'payload too large' }]);
  });

  it('answers other paths 404 and other methods 405, and /healthz 200', async () => {
    const service = await startTestService({ demo: await startExampleOrg() });
    expect((await fetch(`${service.server.url}/nope`, { method: 'POST' })).status).toBe(404);
    expect((await fetch(service.url)).status).toBe(405);
    const health = await fetch(`${service.server.url}/healthz`);
    expect([health.status, await health.json()]).toEqual([200, { status: 'ok' }]);
  });
});

describe('gcadopt serve: failures end as failed results', () => {
  it.each(['pre_plan', 'post_apply'])(
    'fails a task sent at stage %s, saying where to register it',
    async (stage) => {
      const hcp = await startHcpStandIn(hmacKey);
      const service = await startTestService({ demo: await startExampleOrg() });
      hcp.addRun('r9', {}, 'token-r9');
      const payload = hcp.payload('r9', 'demo-dev', {
        stage,
        plan_json_api_url: undefined,
      });
      expect((await hcp.send(service.url, payload)).status).toBe(200);
      await service.server.idle();
      const body = hcp.delivered('taskrs-r9')?.body as Body;
      expect(body.data.attributes).toEqual({
        status: 'failed',
        message: `gcadopt checks plans: register it at the post-plan stage (this request came at ${stage})`,
      });
      expect(hcp.planRequests).toEqual([]);
    },
  );

  it('fails a task whose plan URL answers 500, with the reason', async () => {
    const hcp = await startHcpStandIn(hmacKey);
    const service = await startTestService({ demo: await startExampleOrg() });
    hcp.addRun('r10', {}, 'token-r10');
    hcp.breakPlan('r10', 500);
    await hcp.send(service.url, hcp.payload('r10', 'demo-dev'));
    await service.server.idle();
    const callback = hcp.delivered('taskrs-r10');
    expect(callback?.problems).toEqual([]);
    expect((callback?.body as Body).data.attributes).toEqual({
      status: 'failed',
      message: 'gcadopt could not check this run: HCP Terraform answered 500 for the plan JSON',
    });
    // Tried three times (a passing failure may clear), then reported.
    expect(hcp.planRequests).toHaveLength(3);
  });

  it('logs an expired access token as undelivered: neither the plan nor the callback accepts it', async () => {
    const hcp = await startHcpStandIn(hmacKey);
    const service = await startTestService({ demo: await startExampleOrg() });
    hcp.addRun('r11', {}, 'token-r11');
    hcp.expireToken('token-r11');
    await hcp.send(service.url, hcp.payload('r11', 'demo-dev'));
    await service.server.idle();
    expect(hcp.callbacks.map((c) => c.status)).toEqual([401]);
    expect(service.logs[0]).toMatchObject({
      verdict: 'undelivered',
      reason:
        'HCP Terraform refused the run access token (expired or revoked) for the task result callback (after 1 attempt(s))',
    });
  });

  it('fails a task whose org cannot be reached, with the reason', async () => {
    const hcp = await startHcpStandIn(hmacKey);
    const emulator = await startTestEmulator();
    const service = await startTestService({ demo: emulator });
    await emulator.close();
    hcp.addRun('r12', (await readExamplePlans()).clean, 'token-r12');
    await hcp.send(service.url, hcp.payload('r12', 'demo-dev'));
    await service.server.idle();
    const body = hcp.delivered('taskrs-r12')?.body as Body;
    expect(body.data.attributes.status).toBe('failed');
    expect(body.data.attributes.message).toMatch(/^gcadopt could not check this run: .+/);
  }, 30_000);

  it.each([
    ['fail', 'failed', /^no Genesys org is mapped to workspace other-ws of acme/],
    ['warn', 'passed', /^not checked \(warning\): no Genesys org is mapped/],
  ])('with unmapped %s, answers an unmapped workspace %s', async (unmapped, status, message) => {
    const hcp = await startHcpStandIn(hmacKey);
    const service = await startTestService({ demo: await startExampleOrg() }, { unmapped });
    hcp.addRun('r13', (await readExamplePlans()).clean, 'token-r13');
    await hcp.send(service.url, hcp.payload('r13', 'other-ws'));
    await service.server.idle();
    const body = hcp.delivered('taskrs-r13')?.body as Body;
    expect(body.data.attributes.status).toBe(status);
    expect(body.data.attributes.message).toMatch(message);
    expect(hcp.planRequests).toEqual([]);
  });
});

describe('gcadopt serve: sharing an org', () => {
  it('concurrent runs for one org share one login and one listing per kind', async () => {
    const hcp = await startHcpStandIn(hmacKey);
    const emulator = await startExampleOrg();
    const service = await startTestService({ demo: emulator }, { listingTtlSeconds: 60 });
    const { conflicts } = await readExamplePlans();
    const ids = ['a', 'b', 'c', 'd', 'e', 'f'];
    for (const id of ids) hcp.addRun(id, conflicts, `token-${id}`);
    await Promise.all(ids.map((id) => hcp.send(service.url, hcp.payload(id, `demo-${id}`))));
    await service.server.idle();
    expect(ids.map((id) => hcp.delivered(`taskrs-${id}`)?.problems)).toEqual(ids.map(() => []));
    const paths = emulator.requests.map((r) => r.path.split('?')[0]);
    expect(paths.filter((p) => p === '/oauth/token')).toHaveLength(1);
    expect(paths.filter((p) => p === '/api/v2/authorization/divisions')).toHaveLength(1);
    const listings = service.logs.map((l) => l.listings as { fresh: number; reused: number });
    // Each run needs every kind its plan uses; only the first listing of each is fresh.
    const perRun = (listings[0]?.fresh ?? 0) + (listings[0]?.reused ?? 0);
    expect(perRun).toBeGreaterThanOrEqual(1);
    expect(listings.every((l) => l.fresh + l.reused === perRun)).toBe(true);
    expect(listings.reduce((n, l) => n + l.fresh, 0)).toBe(perRun);
    expect(listings.reduce((n, l) => n + l.reused, 0)).toBe(5 * perRun);
  });

  it('lists again once the reuse time has passed', async () => {
    const hcp = await startHcpStandIn(hmacKey);
    const emulator = await startExampleOrg();
    const service = await startTestService({ demo: emulator }, { listingTtlSeconds: 0 });
    const { clean } = await readExamplePlans();
    for (const id of ['g', 'h']) {
      hcp.addRun(id, clean, `token-${id}`);
      await hcp.send(service.url, hcp.payload(id, `demo-${id}`));
      await service.server.idle();
    }
    const lists = emulator.requests.filter((r) =>
      r.path.startsWith('/api/v2/authorization/divisions'),
    );
    expect(lists).toHaveLength(2);
  });
});
