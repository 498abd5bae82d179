import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { sql, token } from '@houqin/testing';
import { InspectionScheduler } from '../src/application/inspection-scheduler';
import { InspectionWorkOrders } from '../src/application/inspection-work-orders';
import { inspectionHarness } from './support/inspection-harness';

/**
 * Inspections (定期检查) through HTTP on the real module and PostgreSQL: plans, checklist recording, the
 * overdue scheduler by a moved ManualClock (never a sleep), the failed-item → work-order process manager
 * across a crash, the lists with school scope and paging, and the access rules of the endpoint family.
 * Timers off: the tests call tick().
 */
const { facilities, schema, clock, apps, app, school, post, get } = inspectionHarness('facilities_insp', 'I');
const scheduler = () => app().get(InspectionScheduler);
const processManager = () => app().get(InspectionWorkOrders);
const official = token({ sub: 'chen.ju', role: 'bureau-official' });

const checklist = [
  { itemId: 'p', textZh: '压力表指针在绿区' },
  { itemId: 's', textZh: '铅封完好' },
];
const pass = [
  { itemId: 'p', result: 'pass' },
  { itemId: 's', result: 'pass' },
];
const failing = [
  { itemId: 'p', result: 'fail', note: '压力不足' },
  { itemId: 's', result: 'fail', note: '铅封缺失' },
];

async function createPlan(admin: string, extra: object = {}) {
  const reply = await post('/inspection-plans', admin, { name: 'A楼灭火器月检', kind: 'fire-extinguisher', target: { location: '教学楼A', assetCategory: '灭火器' }, checklist, responsiblePerson: 'staff.zhou', ...extra }).expect(201);
  return { id: reply.body.planId as string, position: reply.body.position as string };
}
type Row = { type: string; data: Record<string, unknown> };
const eventsOf = (stream: string) => sql<Row>(schema, 'SELECT type, data FROM events WHERE stream_id = $1 ORDER BY stream_version', [stream]);
const reportsFrom = (inspectionId: string) =>
  sql<{ stream_id: string }>(schema, `SELECT stream_id FROM events WHERE type = 'WorkOrderReported' AND data->'source'->>'refId' = $1 ORDER BY stream_id`, [inspectionId]);

describe('plans', () => {
  it('a school admin plans by the rule pack; the plan and the list show the next due date', async () => {
    clock.set('2026-09-01T00:00:00.000Z');
    const s = school();
    const plan = await createPlan(s.admin);
    const detail = await get(`/inspection-plans/${plan.id}`, s.staff).expect(200);
    expect(detail.body).toMatchObject({ status: 'active', kind: 'fire-extinguisher', kindZh: '灭火器', intervalDays: 31, nextDueAt: '2026-10-02T00:00:00.000Z', intervalRule: { ruleId: 'facilities.extinguisher.inspectionIntervalDays' } });
    const listed = await get('/inspection-plans', s.staff, { consistentWith: plan.position }).expect(200);
    expect(listed.body.items.map((p: { planId: string }) => p.planId)).toEqual([plan.id]);
    const standard = await get('/inspection-plans/checklists', s.staff).expect(200);
    expect(standard.body.find((k: { kind: string }) => k.kind === 'elevator')).toMatchObject({ kindZh: '电梯', intervalSettings: ['maintenance', 'selfCheck'] });
  });

  it('refuses an interval longer than the rule (422) and bad input field by field (400, zh and en), storing nothing', async () => {
    const s = school();
    const long = await post('/inspection-plans', s.admin, { name: 'x', kind: 'elevator', target: { location: '综合楼' }, responsiblePerson: 'a', intervalDays: 30 }).expect(422);
    expect(long.body).toMatchObject({ code: 'interval-exceeds-rule' });
    const untargeted = await post('/inspection-plans', s.admin, { name: 'x', kind: 'library', target: {}, responsiblePerson: 'a' }).expect(422);
    expect(untargeted.body).toMatchObject({ code: 'inspection-target-missing' });
    await post('/inspection-plans', s.admin, { name: 'x', kind: 'library', target: { assetId: '00000000-0000-0000-0000-000000000000' }, responsiblePerson: 'a' }).expect(400);
    const bad = await post('/inspection-plans', s.admin, { name: '', kind: 'rocket', target: { assetId: 'not-a-uuid' }, responsiblePerson: 'a', checklist: [{ itemId: 'x' }] }).expect(400);
    const fields = (bad.body.errors as { field: string; messageZh?: string }[]).map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['name', 'kind', 'target.assetId', 'checklist.0.textZh']));
    const [{ count }] = await sql<{ count: string }>(schema, `SELECT count(*) FROM events WHERE school_id = $1`, [s.id]);
    expect(Number(count)).toBe(0);
  });
});

describe('recording against the checklist', () => {
  it('needs every item answered; a retired plan takes no inspection', async () => {
    const s = school();
    const plan = await createPlan(s.admin);
    const incomplete = await post(`/inspection-plans/${plan.id}/inspections`, s.staff, { results: [pass[0]] }).expect(422);
    expect(incomplete.body).toMatchObject({ code: 'checklist-incomplete' });
    await post(`/inspection-plans/${plan.id}/retire`, s.admin, { reason: '灭火器已集中更换' }).expect(200);
    const retired = await post(`/inspection-plans/${plan.id}/inspections`, s.staff, { results: pass }).expect(409);
    expect(retired.body).toMatchObject({ code: 'inspection-plan-retired' });
  });

  it('lists inspections by plan and result, newest first, page by page', async () => {
    clock.set('2026-09-01T00:00:00.000Z');
    const s = school();
    const plan = await createPlan(s.admin);
    clock.set('2026-09-10T02:00:00.000Z');
    await post(`/inspection-plans/${plan.id}/inspections`, s.staff, { results: pass }).expect(201);
    clock.set('2026-09-20T02:00:00.000Z');
    const second = await post(`/inspection-plans/${plan.id}/inspections`, s.staff, { results: failing }).expect(201);
    const first = await get('/inspections', s.staff, { planId: plan.id, limit: 1, consistentWith: second.body.position }).expect(200);
    expect(first.body.items).toHaveLength(1);
    expect(first.body.items[0]).toMatchObject({ inspectionId: second.body.inspectionId, result: 'fail', failedItems: 2, onTime: true, kindZh: '灭火器' });
    const next = await get('/inspections', s.staff, { planId: plan.id, limit: 1, cursor: first.body.nextCursor }).expect(200);
    expect(next.body.items[0]).toMatchObject({ result: 'pass' });
    expect(next.body.nextCursor).toBeUndefined();
    const failed = await get('/inspections', s.admin, { result: 'fail' }).expect(200);
    expect(failed.body.items.map((i: { inspectionId: string }) => i.inspectionId)).toEqual([second.body.inspectionId]);
  });
});

describe('a missed inspection becomes overdue by the clock', () => {
  it('is raised once after the due date passes, listed as overdue, and closed (late) by the inspection', async () => {
    clock.set('2026-09-01T00:00:00.000Z');
    const s = school();
    const plan = await createPlan(s.admin, { intervalDays: 7 });
    expect(await scheduler().tick()).toBe(0);
    clock.set('2026-09-08T00:00:00.000Z'); // exactly at the due date: not yet missed
    expect(await scheduler().tick()).toBe(0);
    clock.advance({ ms: 1 });
    expect(await scheduler().tick()).toBe(1);
    expect(await scheduler().tick()).toBe(0);
    // A restarted service (new scheduler instance, its read model resumed) raises nothing new.
    await apps.shift()!.close();
    await facilities.start();
    clock.advance({ days: 2 });
    expect(await scheduler().tick()).toBe(0);
    const events = await eventsOf(`InspectionPlan-${plan.id}`);
    expect(events.map((e) => e.type)).toEqual(['InspectionPlanCreated', 'InspectionOverdue']);
    expect(events[1].data).toMatchObject({ dueAt: '2026-09-08T00:00:00.000Z', raisedAt: '2026-09-08T00:00:00.001Z' });

    const overdue = await get('/inspection-plans', s.staff, { overdue: true }).expect(200);
    expect(overdue.body.items.map((p: { planId: string }) => p.planId)).toEqual([plan.id]);
    const recorded = await post(`/inspection-plans/${plan.id}/inspections`, s.staff, { results: pass }).expect(201);
    const [, , inspection] = await eventsOf(`InspectionPlan-${plan.id}`);
    expect(inspection.data).toMatchObject({ onTime: false, closedOverdue: true, dueAt: '2026-09-08T00:00:00.000Z', nextDueAt: '2026-09-17T00:00:00.001Z' });
    const after = await get('/inspection-plans', s.staff, { overdue: true, consistentWith: recorded.body.position }).expect(200);
    expect(after.body.items).toEqual([]);
  });
});

describe('a failed item opens a work order (process manager)', () => {
  it('opens one work order per failed item on the asset, sourced from the inspection, once', async () => {
    clock.set('2026-09-01T00:00:00.000Z');
    const s = school();
    const assetId = randomUUID();
    const plan = await createPlan(s.admin, { target: { assetId, location: '教学楼A 2F' } });
    clock.set('2026-09-10T02:00:00.000Z');
    const { body } = await post(`/inspection-plans/${plan.id}/inspections`, s.staff, { results: [pass[0], failing[1]] }).expect(201);
    expect(await processManager().tick()).toBe(1);
    expect(await processManager().tick()).toBe(0);
    const [report] = await reportsFrom(body.inspectionId);
    const [reported] = await eventsOf(report.stream_id);
    expect(reported.data).toMatchObject({ schoolId: s.id, assetId, source: { kind: 'inspection', refId: body.inspectionId }, priority: 'high', title: '灭火器检查不合格：铅封完好', location: '教学楼A 2F', reportedBy: 'staff.' + s.n, reportedAt: '2026-09-10T02:00:00.000Z' });
    const order = await get(`/work-orders/${report.stream_id.slice('WorkOrder-'.length)}`, s.staff).expect(200);
    expect(order.body).toMatchObject({ status: 'reported', source: { kind: 'inspection' } });
  });

  it('survives a crash between the inspection and its work orders, and one between a work order and its link', async () => {
    clock.set('2026-09-01T00:00:00.000Z');
    const s = school();
    const plan = await createPlan(s.admin);
    clock.set('2026-09-10T02:00:00.000Z');
    const { body } = await post(`/inspection-plans/${plan.id}/inspections`, s.staff, { results: failing }).expect(201);
    // The service stops right after the inspection committed: no work order yet.
    await apps.shift()!.close();
    expect(await reportsFrom(body.inspectionId)).toEqual([]);
    await facilities.start();
    expect(await processManager().tick()).toBe(2);
    expect(await reportsFrom(body.inspectionId)).toHaveLength(2);
    // A crash after the reports and before their links: the next pass finds them existing and only links them.
    await sql(schema, `DELETE FROM inspection_work_orders WHERE inspection_id = $1`, [body.inspectionId]);
    expect(await processManager().tick()).toBe(0);
    expect(await reportsFrom(body.inspectionId)).toHaveLength(2);
    const [{ count }] = await sql<{ count: string }>(schema, `SELECT count(*) FROM inspection_work_orders WHERE inspection_id = $1`, [body.inspectionId]);
    expect(Number(count)).toBe(2);
  });

  it('two replicas passing at once open each work order once', async () => {
    clock.set('2026-09-01T00:00:00.000Z');
    const s = school();
    const plan = await createPlan(s.admin);
    const { body } = await post(`/inspection-plans/${plan.id}/inspections`, s.staff, { results: failing }).expect(201);
    const second = await facilities.start();
    const opened = await Promise.all([processManager().tick(), second.get(InspectionWorkOrders).tick()]);
    expect(opened[0] + opened[1]).toBe(2);
    expect(await reportsFrom(body.inspectionId)).toHaveLength(2);
  });
});

describe('access (inspection endpoints)', () => {
  it('school scope: another school answers 404; roles: staff cannot plan (403); the bureau reads across schools', async () => {
    clock.set('2026-09-01T00:00:00.000Z');
    const a = school();
    const b = school();
    const plan = await createPlan(a.admin);
    await post('/inspection-plans', a.staff, { name: 'x', kind: 'library', target: { location: '图书馆' }, responsiblePerson: 'a' }).expect(403);
    await post('/inspection-plans', official, { name: 'x', kind: 'library', target: { location: '图书馆' }, responsiblePerson: 'a' }).expect(403);
    await get(`/inspection-plans/${plan.id}`, b.staff).expect(404);
    await post(`/inspection-plans/${plan.id}/inspections`, b.staff, { results: pass }).expect(404);
    await post(`/inspection-plans/${plan.id}/retire`, b.admin, { reason: 'x' }).expect(404);
    await post(`/inspection-plans/${plan.id}/reassign`, a.staff, { responsiblePerson: 'y' }).expect(403);
    // Revision (修订): the plan's school admin only; another school's admin gets 404, staff and the bureau 403.
    await post(`/inspection-plans/${plan.id}/revise`, b.admin, { name: 'x' }).expect(404);
    await post(`/inspection-plans/${plan.id}/revise`, a.staff, { name: 'x' }).expect(403);
    await post(`/inspection-plans/${plan.id}/revise`, official, { name: 'x' }).expect(403);
    await post(`/inspection-plans/${plan.id}/revise`, a.admin, { intervalDays: 7 }).expect(200);
    const theirs = await get('/inspection-plans', b.staff, { consistentWith: plan.position }).expect(200);
    expect(theirs.body.items).toEqual([]);
    const bureau = await get('/inspection-plans', official, { schoolId: a.id }).expect(200);
    expect(bureau.body.items.map((p: { planId: string }) => p.planId)).toEqual([plan.id]);
    await get(`/inspection-plans/${plan.id}`, official).expect(200);
    await get('/inspections', b.staff).expect(200);
    await request(app().getHttpServer()).get('/inspections').expect(401);
  });
});
