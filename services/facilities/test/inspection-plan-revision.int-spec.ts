import { fuzzService, sql, token } from '@houqin/testing';
import { InspectionScheduler } from '../src/application/inspection-scheduler';
import { InspectionWorkOrders } from '../src/application/inspection-work-orders';
import { inspectionHarness } from './support/inspection-harness';

/**
 * Revising an inspection plan (修订检查计划) through HTTP on the real module and PostgreSQL: name, checklist and
 * interval; the lists (read model) and the detail show the new values; inspections after the revision answer the
 * new checklist, the ones before keep theirs; the due date moved by a shorter interval and the overdue scheduler
 * by a moved ManualClock; refusals (400 / 422 / 409) store nothing; and the route's own OpenAPI fuzz.
 */
const { schema, clock, app, school, post, get } = inspectionHarness('facilities_insp_rev', 'R');
const scheduler = () => app().get(InspectionScheduler);

const checklist = [
  { itemId: 'p', textZh: '压力表指针在绿区' },
  { itemId: 's', textZh: '铅封完好' },
];
const added = { itemId: 'b', textZh: '箱体周边无遮挡（区教育局通知新增）', text: 'Nothing blocks the cabinet (district notice)' };
const pass = (items: { itemId: string }[]) => items.map(({ itemId }) => ({ itemId, result: 'pass' }));

async function createPlan(admin: string, extra: object = {}) {
  const reply = await post('/inspection-plans', admin, { name: 'A楼灭火器月检', kind: 'fire-extinguisher', target: { location: '教学楼A' }, checklist, responsiblePerson: 'staff.zhou', ...extra }).expect(201);
  return reply.body.planId as string;
}
const eventsOf = (planId: string) => sql<{ type: string; data: Record<string, unknown> }>(schema, 'SELECT type, data FROM events WHERE stream_id = $1 ORDER BY stream_version', [`InspectionPlan-${planId}`]);
const eventCount = async (schoolId: string) => Number((await sql<{ n: string }>(schema, 'SELECT count(*) AS n FROM events WHERE school_id = $1', [schoolId]))[0].n);

describe('revising a plan', () => {
  it('changes name, checklist and interval; the detail and the lists show them; later inspections answer the new checklist', async () => {
    clock.set('2026-09-01T00:00:00.000Z');
    const s = school();
    const planId = await createPlan(s.admin);
    clock.set('2026-09-10T02:00:00.000Z');
    const before = await post(`/inspection-plans/${planId}/inspections`, s.staff, { results: pass(checklist) }).expect(201);

    clock.set('2026-09-12T00:00:00.000Z');
    const revised = await post(`/inspection-plans/${planId}/revise`, s.admin, { name: 'A楼灭火器月检（新版）', checklist: [...checklist, added], intervalDays: 15 }).expect(200);
    expect(revised.body).toMatchObject({ planId, version: 3, events: [expect.objectContaining({ type: 'InspectionPlanRevised' })] });
    const [, , revision] = await eventsOf(planId);
    expect(revision.data).toMatchObject({
      name: 'A楼灭火器月检（新版）',
      previousName: 'A楼灭火器月检',
      previousChecklist: checklist,
      intervalDays: 15,
      previousIntervalDays: 31,
      nextDueAt: '2026-09-25T02:00:00.000Z', // one new interval after the last inspection
      previousNextDueAt: '2026-10-11T02:00:00.000Z',
      revisedBy: 'admin.' + s.n,
    });

    const detail = await get(`/inspection-plans/${planId}`, s.staff).expect(200);
    expect(detail.body).toMatchObject({ name: 'A楼灭火器月检（新版）', intervalDays: 15, nextDueAt: '2026-09-25T02:00:00.000Z', revisedAt: '2026-09-12T00:00:00.000Z', checklist: [...checklist, added] });
    const listed = await get('/inspection-plans', s.staff, { consistentWith: revised.body.position, q: '新版' }).expect(200);
    expect(listed.body.items).toEqual([expect.objectContaining({ planId, name: 'A楼灭火器月检（新版）', intervalDays: 15, nextDueAt: '2026-09-25T02:00:00.000Z', inspectionCount: 1 })]);

    clock.set('2026-09-20T02:00:00.000Z');
    const incomplete = await post(`/inspection-plans/${planId}/inspections`, s.staff, { results: pass(checklist) }).expect(422);
    expect(incomplete.body).toMatchObject({ code: 'checklist-incomplete', messageZh: expect.stringContaining('箱体周边无遮挡') });
    const after = await post(`/inspection-plans/${planId}/inspections`, s.staff, { results: pass([...checklist, added]) }).expect(201);
    const history = await get('/inspections', s.staff, { planId, order: 'asc', consistentWith: after.body.position }).expect(200);
    expect(history.body.items.map((i: { inspectionId: string; results: unknown[] }) => [i.inspectionId, i.results.length])).toEqual([
      [before.body.inspectionId, 2],
      [after.body.inspectionId, 3],
    ]);
  });

  it('a shorter interval makes an overdue plan due now; the scheduler raises it once the moved clock passes that', async () => {
    clock.set('2026-09-01T00:00:00.000Z');
    const s = school();
    const planId = await createPlan(s.admin);
    clock.set('2026-09-10T00:00:00.000Z');
    await post(`/inspection-plans/${planId}/inspections`, s.staff, { results: pass(checklist) }).expect(201);
    clock.set('2026-09-25T08:00:00.000Z'); // 15 days after the last inspection: a 7-day interval is already past
    expect(await scheduler().tick()).toBe(0);
    const revised = await post(`/inspection-plans/${planId}/revise`, s.admin, { intervalDays: 7 }).expect(200);
    const detail = await get(`/inspection-plans/${planId}`, s.staff).expect(200);
    expect(detail.body).toMatchObject({ intervalDays: 7, nextDueAt: '2026-09-25T08:00:00.000Z', overdue: false });
    expect(await scheduler().tick()).toBe(0); // due now, not yet missed
    const due = await get('/inspection-plans', s.staff, { dueBefore: '2026-09-25T16:00:00.000Z', consistentWith: revised.body.position }).expect(200);
    expect(due.body.items.map((p: { planId: string }) => p.planId)).toEqual([planId]);
    clock.advance({ ms: 1 });
    expect(await scheduler().tick()).toBe(1);
    const [, , , overdue] = await eventsOf(planId);
    expect(overdue).toMatchObject({ type: 'InspectionOverdue', data: { dueAt: '2026-09-25T08:00:00.000Z' } });
  });

  it('a longer interval pushes the due date out, within the rule; the scheduler watches the new date', async () => {
    clock.set('2026-09-01T00:00:00.000Z');
    const s = school();
    const planId = await createPlan(s.admin, { intervalDays: 7 });
    clock.set('2026-09-03T00:00:00.000Z');
    await post(`/inspection-plans/${planId}/revise`, s.admin, { intervalDays: 14 }).expect(200);
    clock.set('2026-09-08T00:00:00.001Z'); // past the old due date: nothing is missed
    expect(await scheduler().tick()).toBe(0);
    clock.set('2026-09-15T00:00:00.001Z');
    expect(await scheduler().tick()).toBe(1);
    const [, , overdue] = await eventsOf(planId);
    expect(overdue.data).toMatchObject({ dueAt: '2026-09-15T00:00:00.000Z' });
  });

  it('refuses, storing nothing: no field (400), bad fields (400), longer than the rule (422), a retired plan (409)', async () => {
    clock.set('2026-09-01T00:00:00.000Z');
    const s = school();
    const planId = await createPlan(s.admin);
    const stored = await eventCount(s.id);
    const empty = await post(`/inspection-plans/${planId}/revise`, s.admin, {}).expect(400);
    expect(empty.body).toMatchObject({ message: expect.stringContaining('at least one'), messageZh: expect.stringContaining('至少') });
    expect(empty.body.errors.map((e: { field: string }) => e.field)).toEqual(['name', 'checklist', 'intervalDays']);
    const bad = await post(`/inspection-plans/${planId}/revise`, s.admin, { name: '', checklist: [{ itemId: 'x' }], intervalDays: 0 }).expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['name', 'checklist.0.textZh', 'intervalDays']));
    await post(`/inspection-plans/${planId}/revise`, s.admin, { checklist: [] }).expect(400);
    await post(`/inspection-plans/${planId}/revise`, s.admin, { name: null }).expect(400);
    const twice = await post(`/inspection-plans/${planId}/revise`, s.admin, { checklist: [checklist[0], checklist[0]] }).expect(422);
    expect(twice.body).toMatchObject({ code: 'checklist-item-twice' });
    const long = await post(`/inspection-plans/${planId}/revise`, s.admin, { intervalDays: 32 }).expect(422);
    expect(long.body).toMatchObject({ code: 'interval-exceeds-rule', messageZh: expect.stringContaining('31') });
    expect(await eventCount(s.id)).toBe(stored);

    await post(`/inspection-plans/${planId}/retire`, s.admin, { reason: '灭火器已集中更换' }).expect(200);
    const retired = await post(`/inspection-plans/${planId}/revise`, s.admin, { name: '新名称' }).expect(409);
    expect(retired.body).toMatchObject({ code: 'inspection-plan-retired', message: expect.any(String), messageZh: '检查计划已停用' });
    expect(await eventCount(s.id)).toBe(stored + 1);
  });
});

describe('a failed item of an inspection before the revision', () => {
  it('opens its work order titled by the item it failed, though the new checklist dropped it', async () => {
    clock.set('2026-09-01T00:00:00.000Z');
    const s = school();
    const planId = await createPlan(s.admin);
    clock.set('2026-09-10T02:00:00.000Z');
    const failed = await post(`/inspection-plans/${planId}/inspections`, s.staff, { results: [{ itemId: 'p', result: 'pass' }, { itemId: 's', result: 'fail', note: '铅封缺失' }] }).expect(201);
    await post(`/inspection-plans/${planId}/revise`, s.admin, { name: 'A楼灭火器月检（新版）', checklist: [checklist[0], added] }).expect(200);
    expect(await app().get(InspectionWorkOrders).tick()).toBe(1);
    const [reported] = await sql<{ data: Record<string, unknown> }>(schema, `SELECT data FROM events WHERE type = 'WorkOrderReported' AND data->'source'->>'refId' = $1`, [failed.body.inspectionId]);
    expect(reported.data).toMatchObject({ title: '灭火器检查不合格：铅封完好', description: '铅封缺失（检查计划：A楼灭火器月检（新版））' });
  });
});

describe('OpenAPI fuzz of the revise route', () => {
  it('no 500, nothing invalid accepted or stored, refusals name the field in both languages, valid input not refused', async () => {
    await app().listen(0, '127.0.0.1');
    const baseUrl = (await app().getUrl()).replace('[::1]', '127.0.0.1');
    const document = (await (await fetch(`${baseUrl}/docs-json`)).json()) as { components: { schemas: Record<string, unknown> } };
    expect(document.components.schemas.ReviseInspectionPlanDto).toMatchObject({ minProperties: 1, properties: { checklist: { minItems: 1, maxItems: 50 } } });
    const fuzzer = { sub: 'fuzz.admin', role: 'school-admin' as const, schoolId: 'S-FUZZ' };
    // A real plan of the fuzzer's school, so the valid requests reach the decider (and revise it).
    const planId = await createPlan(token(fuzzer));
    const report = await fuzzService({
      service: 'facilities',
      baseUrl,
      principals: [fuzzer],
      pathValues: { id: planId },
      only: /^POST \/inspection-plans\/\{id\}\/revise$/,
      countRows: async () => eventCount('S-FUZZ'),
    });
    expect(report.operations).toBe(1);
    expect(report.serverErrors).toEqual([]);
    expect(report.invalidAccepted).toEqual([]);
    expect(report.badRefusals).toEqual([]);
    expect(report.validRefused).toEqual([]);
    expect(report.authFailures).toEqual([]);
    expect(report.unreachable).toEqual([]);
    expect(report.rowsWrittenByInvalid).toBe(0);
    expect(report.validRequests).toBeGreaterThan(10);
    expect(report.rowsWrittenByValid).toBeGreaterThan(0); // boundary names, checklists and intervals revised the plan
  }, 120_000);
});
