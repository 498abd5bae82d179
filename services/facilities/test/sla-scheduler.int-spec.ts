import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { sql, token } from '@houqin/testing';
import { FacilitiesTestApp } from './support/facilities-app';
import { SlaScheduler } from '../src/application/sla-scheduler';

/**
 * Deadlines from the rule pack, turned into events by a scheduler that reads the injected clock:
 * the test moves a ManualClock and calls tick(), never sleeps. Two app instances on one schema are
 * two replicas. The scheduler's timer is off (FACILITIES_SLA_SCAN_INTERVAL_MS=0).
 */
const facilities = new FacilitiesTestApp('facilities_sla');
const { schema, clock, apps } = facilities;
const startReplica = () => facilities.start();
const scheduler = (app: INestApplication) => app.get(SlaScheduler);

beforeAll(async () => {
  await startReplica();
});
afterAll(() => facilities.stop());

const staff = token({ sub: 'teacher.li', role: 'school-staff', schoolId: 'S001' });
const admin = token({ sub: 'admin.wang', role: 'school-admin', schoolId: 'S001' });
let keys = 0;
const post = (path: string, bearer: string, body: object) =>
  request(apps[0].getHttpServer()).post(path).set('authorization', `Bearer ${bearer}`).set('idempotency-key', `sla-key-${++keys}-${schema}`).send(body);
const urgent = { title: '水管爆裂', location: '食堂后厨', category: 'plumbing', priority: 'urgent' };

type Row = { type: string; data: Record<string, unknown>; metadata: { occurredAt: string; actor: { id: string; role: string } } };
const eventsOf = (id: string) => sql<Row>(schema, 'SELECT type, data, metadata FROM events WHERE stream_id = $1 ORDER BY stream_version', [`WorkOrder-${id}`]);
const typesOf = async (id: string) => (await eventsOf(id)).map((e) => e.type);

it('stamps the report with the deadlines of the rule in force, and raises each overdue fact once as the clock passes it', async () => {
  clock.set('2026-11-24T08:00:00.000Z');
  const { body } = await post('/work-orders', staff, urgent).expect(201);
  const [reported] = await eventsOf(body.workOrderId);
  // urgent: answered within 1 h, done within 24 h (facilities.repair.sla v1)
  expect(reported.data).toMatchObject({ responseDueAt: '2026-11-24T09:00:00.000Z', completionDueAt: '2026-11-25T08:00:00.000Z', slaRule: { ruleId: 'facilities.repair.sla', version: 'v1' }, late: false });

  expect(await scheduler(apps[0]).tick()).toBe(0);
  clock.set('2026-11-24T09:00:00.000Z'); // exactly at the deadline: still met
  expect(await scheduler(apps[0]).tick()).toBe(0);
  clock.advance({ ms: 1 });
  expect(await scheduler(apps[0]).tick()).toBe(1);
  expect(await typesOf(body.workOrderId)).toEqual(['WorkOrderReported', 'WorkOrderResponseOverdue']);
  const [, overdue] = await eventsOf(body.workOrderId);
  expect(overdue.data).toMatchObject({ dueAt: '2026-11-24T09:00:00.000Z', raisedAt: '2026-11-24T09:00:00.001Z' });
  expect(overdue.metadata.actor).toEqual({ id: 'sla-scheduler', role: 'system' });
  expect(await scheduler(apps[0]).tick()).toBe(0);

  // Answered late, then the completion deadline passes unmet.
  await post(`/work-orders/${body.workOrderId}/assign`, admin, { assignee: '水暖工 刘师傅' }).expect(200);
  clock.set('2026-11-25T08:00:00.001Z');
  expect(await scheduler(apps[0]).tick()).toBe(1);
  expect(await typesOf(body.workOrderId)).toEqual(['WorkOrderReported', 'WorkOrderResponseOverdue', 'WorkOrderAssigned', 'WorkOrderCompletionOverdue']);
  const detail = await request(apps[0].getHttpServer()).get(`/work-orders/${body.workOrderId}`).set('authorization', `Bearer ${staff}`).expect(200);
  expect(detail.body.sla).toMatchObject({ responseOverdue: true, completionOverdue: true, respondedAt: '2026-11-24T09:00:00.001Z' });

  // A restarted scheduler (a new instance, its read model rebuilt or resumed) raises nothing new.
  await apps.shift()!.close();
  await startReplica();
  clock.advance({ days: 3 });
  expect(await scheduler(apps[0]).tick()).toBe(0);
  expect(await typesOf(body.workOrderId)).toHaveLength(4);
});

it('two replicas ticking at once raise each overdue event once', async () => {
  clock.set('2026-11-26T08:00:00.000Z');
  const ids: string[] = [];
  for (let i = 0; i < 12; i++) ids.push((await post('/work-orders', staff, { ...urgent, title: `漏水 ${i}` }).expect(201)).body.workOrderId);
  const second = await startReplica();
  clock.advance({ hours: 2 });
  const raised = await Promise.all([scheduler(apps[0]).tick(), scheduler(second).tick()]);
  expect(raised[0] + raised[1]).toBe(12);
  const [{ count }] = await sql<{ count: string }>(schema, `SELECT count(*) FROM events WHERE type = 'WorkOrderResponseOverdue' AND stream_id = ANY($1)`, [ids.map((id) => `WorkOrder-${id}`)]);
  expect(Number(count)).toBe(12);
  expect(await Promise.all([scheduler(apps[0]).tick(), scheduler(second).tick()])).toEqual([0, 0]);
});

describe('a late entry (补录) through HTTP', () => {
  it('keeps the business time, marks it late past the 24 h allowance, and judges its deadlines from when it happened', async () => {
    clock.set('2026-11-28T10:00:00.000Z');
    const { body } = await post('/work-orders', staff, { ...urgent, occurredAt: '2026-11-27T16:00:00+08:00' }).expect(201); // 26 h earlier
    const [reported] = await eventsOf(body.workOrderId);
    expect(reported.data).toMatchObject({ reportedAt: '2026-11-27T08:00:00.000Z', late: true, lateByMs: 2 * 3_600_000, responseDueAt: '2026-11-27T09:00:00.000Z' });
    expect(reported.metadata.occurredAt).toBe('2026-11-27T08:00:00.000Z');
    // Its deadlines passed before it was entered: the next scan raises both.
    await scheduler(apps[0]).tick();
    expect(await typesOf(body.workOrderId)).toEqual(['WorkOrderReported', 'WorkOrderResponseOverdue', 'WorkOrderCompletionOverdue']);

    const onTime = await post('/work-orders', staff, { ...urgent, occurredAt: '2026-11-28T09:00:00Z' }).expect(201);
    expect((await eventsOf(onTime.body.workOrderId))[0].data).toMatchObject({ late: false, lateByMs: 0 });
  });

  it('refuses a business time in the future or before the school year (422), and a malformed one naming the field (400)', async () => {
    clock.set('2026-11-28T10:00:00.000Z');
    const future = await post('/work-orders', staff, { ...urgent, occurredAt: '2026-11-28T10:06:00Z' }).expect(422);
    expect(future.body).toMatchObject({ code: 'occurred-at-in-future', messageZh: expect.stringContaining('晚于当前时间') });
    await post('/work-orders', staff, { ...urgent, occurredAt: '2026-11-28T10:04:00Z' }).expect(201); // within the 5 min of clock skew
    const lastYear = await post('/work-orders', staff, { ...urgent, occurredAt: '2026-08-31T15:59:59Z' }).expect(422); // 23:59:59 Beijing, 31 August
    expect(lastYear.body).toMatchObject({ code: 'occurred-at-before-school-year' });
    for (const bad of ['2026-11-28', '2026-02-30T08:00:00Z', 'yesterday']) {
      const reply = await post('/work-orders', staff, { ...urgent, occurredAt: bad }).expect(400);
      expect(reply.body.errors[0]).toMatchObject({ field: 'occurredAt' });
    }
  });

  it('refuses a completion entered as happening before the assignment', async () => {
    clock.set('2026-11-28T12:00:00.000Z');
    const { body } = await post('/work-orders', staff, urgent).expect(201);
    await post(`/work-orders/${body.workOrderId}/assign`, admin, { assignee: '水暖工 刘师傅' }).expect(200);
    const early = await post(`/work-orders/${body.workOrderId}/complete`, admin, { occurredAt: '2026-11-28T11:00:00Z' }).expect(422);
    expect(early.body).toMatchObject({ code: 'occurred-before-previous-step' });
  });
});
