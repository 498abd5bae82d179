import request from 'supertest';
import { sql, token } from '@houqin/testing';
import { DormitoryCheckWorkOrders } from '../src/application/dormitory-check-work-orders';
import { FacilitiesTestApp } from './support/facilities-app';

/**
 * 宿舍检查 → 报修 through the process manager, on the real module and PostgreSQL: the request records the check
 * only; the failed items needing a repair become work orders by tick() (timer off here), once, across a crash
 * after the check, a crash after a report and before its link, a retried request, and two replicas.
 */
const TIMER = 'FACILITIES_DORMITORY_WORK_ORDERS_INTERVAL_MS';
process.env[TIMER] = '0';
const facilities = new FacilitiesTestApp('facilities_dormwo');
const { schema, apps } = facilities;
const app = () => apps[0];
const processManager = () => app().get(DormitoryCheckWorkOrders);
beforeAll(() => facilities.start());
afterAll(async () => {
  await facilities.stop();
  delete process.env[TIMER];
});

let schools = 0;
function school() {
  const n = ++schools;
  const id = `W${n}-${schema.slice(-8)}`;
  return { id, n, staff: token({ sub: `checker.${n}`, role: 'school-staff', schoolId: id }), admin: token({ sub: `admin.${n}`, role: 'school-admin', schoolId: id }) };
}
let keys = 0;
const post = (path: string, bearer: string, body: object, key = `dormwo-${++keys}-${schema}`) =>
  request(app().getHttpServer()).post(path).set({ authorization: `Bearer ${bearer}`, 'idempotency-key': key }).send(body);

async function building(s: ReturnType<typeof school>) {
  const id = (await post('/dormitories', s.admin, { name: '2号楼', gender: 'male' }).expect(201)).body.id as string;
  await post(`/dormitories/${id}/rooms`, s.admin, { roomNumber: '203', floor: 2, capacity: 4 }).expect(200);
  return id;
}
/** Lights and the door lock fail (two repairs), hygiene fails too (the cleaners', no work order). */
const FAILED = new Set(['lights', 'doors-locks', 'hygiene']);
const results = ['lights', 'doors-locks', 'windows', 'beds', 'fire-safety', 'hygiene'].map((item) => ({ item, passed: !FAILED.has(item), ...(FAILED.has(item) ? { note: `${item} 坏了` } : {}) }));
const check = (s: ReturnType<typeof school>, id: string, key?: string) => post(`/dormitories/${id}/checks`, s.staff, { roomNumber: '203', results }, key).expect(200);

type Row = { stream_id: string; data: Record<string, unknown> };
const reportsFrom = (checkId: string) =>
  sql<Row>(schema, `SELECT stream_id, data FROM events WHERE type = 'WorkOrderReported' AND data->'source'->>'refId' = $1 ORDER BY data->>'category'`, [checkId]);
const links = async (checkId: string) => Number((await sql<{ count: string }>(schema, `SELECT count(*) FROM dormitory_check_work_orders WHERE check_id = $1`, [checkId]))[0].count);

describe('a failed room check opens its work orders (process manager)', () => {
  it('the answer names the work orders; the pass opens them, titled and located as the check says, once', async () => {
    const s = school();
    const id = await building(s);
    const { body } = await check(s, id);
    expect(body.workOrderIds).toHaveLength(2);
    // The request recorded the check only.
    expect(await reportsFrom(body.checkId)).toEqual([]);

    expect(await processManager().tick()).toBe(2);
    expect(await processManager().tick()).toBe(0);
    const reports = await reportsFrom(body.checkId);
    expect(reports.map((r) => r.stream_id.slice('WorkOrder-'.length)).sort()).toEqual([...body.workOrderIds].sort());
    expect(reports.map((r) => r.data)).toEqual([
      expect.objectContaining({ schoolId: s.id, title: '宿舍检查：203 房门锁不合格', location: '2号楼 203', category: 'carpentry', priority: 'high', description: 'doors-locks 坏了', reportedBy: `checker.${s.n}` }),
      expect.objectContaining({ schoolId: s.id, title: '宿舍检查：203 房灯具照明不合格', location: '2号楼 203', category: 'electrical', priority: 'normal', description: 'lights 坏了' }),
    ]);
    const order = await request(app().getHttpServer()).get(`/work-orders/${body.workOrderIds[0]}`).set('authorization', `Bearer ${s.staff}`).expect(200);
    expect(order.body).toMatchObject({ status: 'reported', source: { kind: 'inspection', refId: body.checkId } });
    expect(await links(body.checkId)).toBe(2);
  });

  it('survives a crash right after the check, and one between a work order and its link; a retried request opens nothing twice', async () => {
    const s = school();
    const id = await building(s);
    const key = `dormwo-retried-${schema}`;
    const { body } = await check(s, id, key);
    // The service stops right after the check committed (its answer lost): no work order yet.
    await apps.shift()!.close();
    await facilities.start();
    expect(await reportsFrom(body.checkId)).toEqual([]);
    expect(await processManager().tick()).toBe(2);
    // A crash after the reports and before their links: the next pass finds them existing and only links them.
    await sql(schema, `DELETE FROM dormitory_check_work_orders WHERE check_id = $1`, [body.checkId]);
    expect(await processManager().tick()).toBe(0);
    expect(await links(body.checkId)).toBe(2);
    // The client retries the request: the same check, the same work orders, nothing new.
    const retried = await check(s, id, key);
    expect(retried.body).toMatchObject({ checkId: body.checkId, workOrderIds: body.workOrderIds });
    expect(await processManager().tick()).toBe(0);
    expect(await reportsFrom(body.checkId)).toHaveLength(2);
  });

  it('two replicas passing at once open each work order once', async () => {
    const s = school();
    const id = await building(s);
    const { body } = await check(s, id);
    const second = await facilities.start();
    const opened = await Promise.all([processManager().tick(), second.get(DormitoryCheckWorkOrders).tick()]);
    expect(opened[0] + opened[1]).toBe(2);
    expect(await reportsFrom(body.checkId)).toHaveLength(2);
  });
});
