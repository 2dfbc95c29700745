import platformClient from 'purecloud-platform-client-v2';
import { describe, expect, it } from 'vitest';
import { startTestEmulator } from '../helpers/emulator.js';
import { loginSdk } from '../helpers/sdk.js';

const rejection = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error as { status: number; code: string },
  );

/** The official SDK drives schedules, schedule groups, data tables and skill groups. */
describe('official SDK against the emulated Architect and skill group endpoints', () => {
  it('creates, meets the duplicate, updates, lists (cursor for skill groups) and deletes', async () => {
    const skillgroups = Array.from({ length: 60 }, (_, i) => ({
      name: `Group ${String(i).padStart(2, '0')}`,
      skillConditions: [],
    }));
    const emulator = await startTestEmulator({ seed: { skillgroups } });
    await loginSdk(emulator);
    const architect = new platformClient.ArchitectApi();
    const routing = new platformClient.RoutingApi();

    const schedule = await architect.postArchitectSchedules({
      name: 'Weekdays',
      start: '2024-01-01T08:00:00.000',
      end: '2024-01-01T17:00:00.000',
      rrule: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR',
    });
    expect(schedule).toMatchObject({ name: 'Weekdays', state: 'active', version: 1 });
    const dup = await rejection(
      architect.postArchitectSchedules({ name: 'weekdays', start: 'a', end: 'b' }),
    );
    expect(dup).toMatchObject({ code: 'general.conflict' });
    const moved = await architect.putArchitectSchedule(schedule.id!, {
      ...schedule,
      end: '2024-01-01T18:00:00.000',
    });
    expect(moved).toMatchObject({ end: '2024-01-01T18:00:00.000', version: 2 });

    const group = await architect.postArchitectSchedulegroups({
      name: 'Support hours',
      timeZone: 'Europe/Paris',
      openSchedules: [{ id: schedule.id! }],
    });
    expect(group).toMatchObject({ timeZone: 'Europe/Paris', openSchedules: [{ id: schedule.id }] });
    expect((await architect.getArchitectSchedulegroups({ name: 'support' })).total).toBe(1);

    const table = await architect.postFlowsDatatables({ name: 'Routing Table' });
    expect((await architect.getFlowsDatatables({ name: 'routing*' })).entities?.[0]?.id).toBe(
      table.id,
    );
    await architect.deleteFlowsDatatable(table.id!);
    expect((await architect.getFlowsDatatables({})).total).toBe(0);

    const names: string[] = [];
    let after: string | undefined;
    let pages = 0;
    do {
      const page = await routing.getRoutingSkillgroups({
        pageSize: 25,
        ...(after ? { after } : {}),
      });
      names.push(...(page.entities ?? []).map((g) => g.name ?? ''));
      after = page.nextUri
        ? (new URL(page.nextUri, 'http://x').searchParams.get('after') ?? undefined)
        : undefined;
      pages += 1;
    } while (after !== undefined);
    expect(pages).toBe(3);
    expect(names).toEqual(skillgroups.map((g) => g.name));
    const created = await routing.postRoutingSkillgroups({ name: 'Tier 2', skillConditions: [] });
    const patched = await routing.patchRoutingSkillgroup(created.id!, {
      name: 'Tier 2',
      description: 'escalations',
      skillConditions: [],
    });
    expect(patched).toMatchObject({ name: 'Tier 2', description: 'escalations' });
    await routing.deleteRoutingSkillgroup(created.id!);
    expect((await rejection(routing.getRoutingSkillgroup(created.id!)))?.status).toBe(404);
  });
});
