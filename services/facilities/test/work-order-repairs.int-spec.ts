import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { token } from '@houqin/testing';
import { FacilitiesTestApp } from './support/facilities-app';

/** 派工 → 开工 → 登记费用 → 完工 → 验收 / 返修 through HTTP on the real module, and who may do each. */
const facilities = new FacilitiesTestApp('facilities_repairs');
const { schema } = facilities;
let app: INestApplication;

beforeAll(async () => {
  app = await facilities.start();
});
afterAll(() => facilities.stop());

const schoolId = `R1-${schema.slice(-8)}`;
const reporter = token({ sub: 'teacher.li', role: 'school-staff', schoolId });
const admin = token({ sub: 'admin.wang', role: 'school-admin', schoolId });
const technician = token({ sub: 'tech.zhang', role: 'school-staff', schoolId });
const otherAdmin = token({ sub: 'admin.zhao', role: 'school-admin', schoolId: `R2-${schema.slice(-8)}` });
const official = token({ sub: 'chen.ju', role: 'bureau-official' });

let keys = 0;
const post = (path: string, bearer: string, body: object = {}) =>
  request(app.getHttpServer()).post(path).set({ authorization: `Bearer ${bearer}`, 'idempotency-key': `repair-key-${++keys}-${schema}` }).send(body);
const get = (path: string, bearer: string, query: Record<string, string> = {}) => request(app.getHttpServer()).get(path).set('authorization', `Bearer ${bearer}`).query(query);

async function reported(): Promise<string> {
  const reply = await post('/work-orders', reporter, { title: '卫生间水管漏水', location: '教学楼 2F', category: 'plumbing', priority: 'high' }).expect(201);
  return reply.body.workOrderId;
}
const toTechnician = { technicianId: 'tech.zhang', technicianName: '张师傅' };
const toContractor = { company: '蓝天水电维修有限公司', contact: '王经理', phone: '13800138000' };
/** The fields a 400 names, each once. */
const fieldsOf = (body: { errors: { field: string }[] }) => [...new Set(body.errors.map((e) => e.field))].sort();
const sheet = { parts: [{ name: '三角阀', quantity: 2, unitPriceFen: 1850 }], labourFen: 5000 };

it('a technician is dispatched, starts, records parts and labour, completes; the reporter verifies with a rating', async () => {
  const id = await reported();
  await post(`/work-orders/${id}/dispatch/technician`, admin, toTechnician).expect(200);
  await post(`/work-orders/${id}/start`, technician).expect(200);
  expect((await get(`/work-orders/${id}`, reporter).expect(200)).body).toMatchObject({ status: 'in-progress', statusZh: '维修中', repairer: { kind: 'technician', name: '张师傅' } });
  await post(`/work-orders/${id}/costs`, technician, sheet).expect(200);
  await post(`/work-orders/${id}/complete`, technician, { note: '更换两个三角阀' }).expect(200);
  const verified = await post(`/work-orders/${id}/verify`, reporter, { rating: 5 }).expect(200);
  const detail = (await get(`/work-orders/${id}`, reporter).expect(200)).body;
  expect(detail).toMatchObject({
    status: 'verified',
    rating: 5,
    costs: { parts: [{ name: '三角阀', quantity: 2, unitPriceFen: 1850, amountFen: 3700 }], partsFen: 3700, labourFen: 5000, totalFen: 8700 },
  });
  const [listed] = (await get('/work-orders', reporter, { status: 'verified', consistentWith: verified.body.position }).expect(200)).body.items;
  expect(listed).toEqual(detail);
});

it('a contractor’s phone is in full for the school-admin who dispatches, masked to staff and the bureau, in the detail and the list; the reporter reopens (返修) with a reason and it goes back to the contractor', async () => {
  const id = await reported();
  const dispatched = await post(`/work-orders/${id}/dispatch/contractor`, admin, toContractor).expect(200);
  const detail = (await get(`/work-orders/${id}`, admin).expect(200)).body;
  expect(detail).toMatchObject({ status: 'assigned', statusZh: '已派工', assignee: toContractor.company, repairer: { kind: 'contractor', contact: '王经理', phone: '13800138000' } });
  const listedTo = async (bearer: string) =>
    (await get('/work-orders', bearer, { schoolId, consistentWith: dispatched.body.position }).expect(200)).body.items.find((i: { workOrderId: string }) => i.workOrderId === id);
  expect((await listedTo(admin)).repairer.phone).toBe('13800138000');
  for (const reader of [reporter, official]) {
    expect((await get(`/work-orders/${id}`, reader).expect(200)).body.repairer).toEqual({ kind: 'contractor', company: toContractor.company, contact: '王经理', phone: '138****8000' });
    const listed = await listedTo(reader);
    expect(listed.repairer.phone).toBe('138****8000');
    expect(JSON.stringify(listed)).not.toContain('13800138000');
  }

  await post(`/work-orders/${id}/complete`, admin).expect(200);
  await post(`/work-orders/${id}/reject`, reporter, { reason: '仍在滴水' }).expect(200);
  expect((await get(`/work-orders/${id}`, reporter).expect(200)).body).toMatchObject({ status: 'assigned', rejections: 1, lastRejectionReason: '仍在滴水' });
});

describe('who may do what', () => {
  it('another school’s order answers 404 to every step; the bureau reads it but acts on nothing (403)', async () => {
    const id = await reported();
    await post(`/work-orders/${id}/dispatch/technician`, otherAdmin, toTechnician).expect(404);
    await post(`/work-orders/${id}/dispatch/technician`, admin, toTechnician).expect(200);
    await post(`/work-orders/${id}/start`, otherAdmin).expect(404);
    await post(`/work-orders/${id}/costs`, otherAdmin, sheet).expect(404);
    await get(`/work-orders/${id}`, otherAdmin).expect(404);
    await get(`/work-orders/${id}`, official).expect(200);
    await post(`/work-orders/${id}/costs`, official, sheet).expect(403);
  });

  it('staff cannot dispatch (403); only the dispatched technician or an admin starts and records costs (403 otherwise)', async () => {
    const id = await reported();
    await post(`/work-orders/${id}/dispatch/technician`, reporter, toTechnician).expect(403);
    await post(`/work-orders/${id}/dispatch/technician`, admin, toTechnician).expect(200);
    const refused = await post(`/work-orders/${id}/start`, reporter).expect(403);
    expect(refused.body).toMatchObject({ code: 'only-assignee-can-complete', messageZh: expect.any(String) });
    await post(`/work-orders/${id}/costs`, reporter, sheet).expect(403);
    await post(`/work-orders/${id}/costs`, admin, sheet).expect(200);
  });

  it('refuses bad input with a 400 naming each field, and stores nothing', async () => {
    const id = await reported();
    const noTechnician = await post(`/work-orders/${id}/dispatch/technician`, admin, { technicianName: '张师傅' }).expect(400);
    expect(fieldsOf(noTechnician.body)).toEqual(['technicianId']);
    const badContractor = await post(`/work-orders/${id}/dispatch/contractor`, admin, { company: '蓝天', phone: 'call me' }).expect(400);
    expect(fieldsOf(badContractor.body)).toEqual(['contact', 'phone']);
    expect(badContractor.body.errors[0]).toMatchObject({ message: expect.any(String), messageZh: expect.any(String) });
    await post(`/work-orders/${id}/dispatch/robot`, admin, toTechnician).expect(404);
    await post(`/work-orders/${id}/dispatch/technician`, admin, toTechnician).expect(200);
    const badSheet = await post(`/work-orders/${id}/costs`, admin, { parts: [{ name: '', quantity: 0, unitPriceFen: 12.5 }], labourFen: -1 }).expect(400);
    expect(fieldsOf(badSheet.body)).toEqual(expect.arrayContaining(['labourFen', expect.stringMatching(/parts.*quantity/), expect.stringMatching(/parts.*unitPriceFen/), expect.stringMatching(/parts.*name/)]));
    const detail = (await get(`/work-orders/${id}`, admin).expect(200)).body;
    expect(detail.costs).toBeUndefined();
    expect(detail.version).toBe(2);
  });
});
