import platformClient from 'purecloud-platform-client-v2';
import { describe, expect, it } from 'vitest';
import { startTestEmulator } from '../helpers/emulator.js';
import { loginSdk, rejection } from '../helpers/sdk.js';

/** The official SDK drives the flows family and the Architect job the provider publishes with. */
describe('official SDK against the emulated flows', () => {
  it('creates by name within a type, lists by repeated type and name, gets, updates, deletes', async () => {
    const emulator = await startTestEmulator({ seed: { datatables: [{ name: 'Table' }] } });
    await loginSdk(emulator);
    const architect = new platformClient.ArchitectApi();

    const call = await architect.postFlows({ name: 'Main', type: 'inboundcall' });
    expect(call).toMatchObject({ name: 'Main', type: 'INBOUNDCALL', division: { name: 'Home' } });
    // A flow's name is unique within its type only.
    const email = await architect.postFlows({ name: 'Main', type: 'INBOUNDEMAIL' });
    await architect.postFlows({ name: 'Main Menu', type: 'INBOUNDCHAT' });
    expect(
      await rejection(architect.postFlows({ name: 'main', type: 'INBOUNDCALL' })),
    ).toMatchObject({
      status: 409,
      code: 'general.conflict',
    });
    expect((await rejection(architect.postFlows({ name: 'X', type: 'NOPE' })))?.status).toBe(400);

    const byType = await architect.getFlows({ type: ['INBOUNDCALL', 'INBOUNDEMAIL'] });
    expect(byType.entities?.map((f) => f.id).sort()).toEqual([call.id, email.id].sort());
    const wildcard = await architect.getFlows({ name: 'main*', pageSize: 1 });
    expect([wildcard.total, wildcard.pageCount, wildcard.entities?.length]).toEqual([3, 3, 1]);
    expect((await architect.getFlows({ name: 'MAIN' })).total).toBe(2);

    expect(await architect.getFlow(call.id!)).toMatchObject({ id: call.id, type: 'INBOUNDCALL' });
    const updated = await architect.putFlow(call.id!, { name: 'Main', description: 'IVR' });
    expect(updated).toMatchObject({ type: 'INBOUNDCALL', description: 'IVR' });
    await architect.deleteFlow(email.id!);
    expect((await rejection(architect.getFlow(email.id!)))?.status).toBe(404);
    // /api/v2/flows/datatables is the data tables' own family, not a flow id.
    expect((await architect.getFlowsDatatables({})).entities?.map((t) => t.name)).toEqual([
      'Table',
    ]);
  });

  it('the Architect job republishes the flow of the same name and type, and creates any other', async () => {
    const seeded = {
      id: '77777777-0000-4000-8000-000000000001',
      name: 'Main',
      type: 'INBOUNDCALL',
    };
    const emulator = await startTestEmulator({ seed: { flows: [seeded] } });
    await loginSdk(emulator);
    const architect = new platformClient.ArchitectApi();
    const publish = async (yaml: string) => {
      const job = await architect.postFlowsJobs();
      const put = await fetch(job.presignedUrl!, {
        method: 'PUT',
        headers: job.headers ?? {},
        body: yaml,
      });
      expect(put.status).toBe(200);
      return architect.getFlowsJob(job.id!, { expand: ['messages'] });
    };

    const taken = await publish('inboundCall:\n  name: Main\n');
    expect(taken).toMatchObject({ status: 'Success', flow: { id: seeded.id, name: 'Main' } });
    expect(await architect.getFlow(seeded.id)).toMatchObject({
      active: true,
      publishedVersion: { version: '1.0' },
    });
    const other = await publish('inboundEmail:\n  name: Main\n');
    expect(other.flow?.id).not.toBe(seeded.id);
    expect((await architect.getFlows({ name: 'Main' })).total).toBe(2);

    const failed = await publish('inboundCall:\n  description: no name\n');
    expect(failed).toMatchObject({
      status: 'Failure',
      messages: [{ text: expect.stringContaining('name is missing') as string }],
    });
    expect(
      (await rejection(architect.getFlowsJob('77777777-0000-4000-8000-00000000dead')))?.status,
    ).toBe(404);
    const used = await fetch(`${emulator.url}/uploads/architect-jobs/${taken.id!}`, {
      method: 'PUT',
      body: 'inboundCall:\n  name: Main\n',
    });
    expect(used.status).toBe(404);
  });
});
