import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { token } from '@houqin/testing';
import { FacilitiesTestApp } from './support/facilities-app';

/** 绿化档案 through HTTP on the real module and PostgreSQL: areas, trees, care, lists, access. */
const facilities = new FacilitiesTestApp('facilities_green');
const { clock } = facilities;
let app: INestApplication;
beforeAll(async () => {
  app = await facilities.start();
});
afterAll(() => facilities.stop());

let schools = 0;
function school() {
  const id = `G${++schools}-${facilities.schema.slice(-8)}`;
  return { id, staff: token({ sub: `gardener.${schools}`, role: 'school-staff', schoolId: id }), admin: token({ sub: `admin.${schools}`, role: 'school-admin', schoolId: id }) };
}
const official = token({ sub: 'chen.ju', role: 'bureau-official' });

let keys = 0;
const post = (path: string, bearer: string, body: object) =>
  request(app.getHttpServer()).post(path).set({ authorization: `Bearer ${bearer}`, 'idempotency-key': `green-${++keys}-${facilities.schema}` }).send(body);
const get = (path: string, bearer: string, query: Record<string, string | number | boolean> = {}) => request(app.getHttpServer()).get(path).set('authorization', `Bearer ${bearer}`).query(query);
const lawn = { name: '南操场草坪', location: '南操场西侧', areaM2: '1200.50', kind: 'lawn' };

it('registers an area, its trees and a term of care; lists them read-your-writes, closed while a pesticide works', async () => {
  const s = school();
  const id = (await post('/green-areas', s.admin, lawn).expect(201)).body.id as string;
  await post(`/green-areas/${id}/trees`, s.staff, { species: 'Ginkgo biloba', speciesZh: '银杏', count: 2, location: '北角', plantedOn: '1962-04-01', notable: true }).expect(200);
  await post(`/green-areas/${id}/care`, s.staff, { kind: 'watering', performedBy: '园林组 陈师傅', occurredAt: '2026-11-20T08:00:00+08:00' }).expect(200);
  const spray = await post(`/green-areas/${id}/care`, s.staff, { kind: 'pest-control', performedBy: '绿化公司', pesticide: { name: '吡虫啉', safetyIntervalDays: 7 } }).expect(200);

  const list = await get('/green-areas', s.staff, { consistentWith: spray.body.position }).expect(200);
  expect(list.body.items).toEqual([expect.objectContaining({ greenAreaId: id, areaM2: '1200.5', kindZh: '草坪', trees: 2, notableTrees: 2, careCount: 2, closedUntil: '2026-12-01T08:00:00.000Z' })]);
  expect((await get('/green-areas', s.staff, { closed: true }).expect(200)).body.items).toHaveLength(1);
  const detail = await get(`/green-areas/${id}`, s.staff, { consistentWith: spray.body.position }).expect(200);
  expect(detail.body.trees).toEqual([expect.objectContaining({ speciesZh: '银杏', notable: true })]);
  expect(detail.body.care.map((c: { kindZh: string; late: boolean }) => [c.kindZh, c.late])).toEqual([['病虫害防治', false], ['浇水', true]]); // 4 days late: 补录
  const care = await get('/green-areas/care', s.staff, { from: '2026-11-20', to: '2026-11-20' }).expect(200);
  expect(care.body.items).toEqual([expect.objectContaining({ areaName: '南操场草坪', kind: 'watering' })]);
  expect((await get('/green-areas/care', s.staff, { from: '2026-02-30' }).expect(400)).body.errors[0].field).toBe('from');
  expect((await post(`/green-areas/${id}/trees`, s.staff, { species: 'x', speciesZh: '树', count: 1, location: 'x', plantedOn: '2019-02-29', notable: false }).expect(400)).body.errors[0].field).toBe('plantedOn');
});

it('refuses a non-positive area (400 by pattern, 422 for zero), pest control without its pesticide, and care on a removed area', async () => {
  const s = school();
  const bad = await post('/green-areas', s.admin, { ...lawn, areaM2: '-3', kind: 'jungle' }).expect(400);
  expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['areaM2', 'kind']);
  expect((await post('/green-areas', s.admin, { ...lawn, areaM2: '0.00' }).expect(422)).body.code).toBe('area-not-positive');
  const id = (await post('/green-areas', s.admin, lawn).expect(201)).body.id as string;
  expect((await post(`/green-areas/${id}/care`, s.staff, { kind: 'pest-control', performedBy: 'x' }).expect(422)).body.code).toBe('pesticide-required');
  await post(`/green-areas/${id}/remove`, s.admin, { reason: '改建篮球场' }).expect(200);
  expect((await post(`/green-areas/${id}/care`, s.staff, { kind: 'watering', performedBy: 'x' }).expect(409)).body.code).toBe('green-area-removed');
});

it('pages the care records newest first by cursor, with the period and kind filters kept: no record twice, none lost', async () => {
  const s = school();
  const [lawn1, hedge] = await Promise.all([post('/green-areas', s.admin, lawn).expect(201), post('/green-areas', s.admin, { ...lawn, name: '北门绿篱', kind: 'hedge' }).expect(201)]);
  const care = (id: string, kind: string, occurredAt: string) => post(`/green-areas/${id}/care`, s.staff, { kind, performedBy: '园林组', occurredAt }).expect(200);
  // Four waterings of 21–23 Nov (two at the same instant: the id breaks the tie), one pruning inside, one watering after.
  await care(lawn1.body.id, 'watering', '2026-11-21T08:00:00+08:00');
  await care(hedge.body.id, 'watering', '2026-11-22T08:00:00+08:00');
  await care(lawn1.body.id, 'watering', '2026-11-22T08:00:00+08:00');
  await care(hedge.body.id, 'pruning', '2026-11-22T09:00:00+08:00');
  await care(hedge.body.id, 'watering', '2026-11-23T16:00:00+08:00');
  const last = await care(lawn1.body.id, 'watering', '2026-11-24T08:00:00+08:00');
  await get('/green-areas', s.staff, { consistentWith: last.body.position }).expect(200);

  const filters = { from: '2026-11-21', to: '2026-11-23', kind: 'watering', limit: 2 };
  const first = (await get('/green-areas/care', s.staff, filters).expect(200)).body;
  expect(first.items).toHaveLength(2);
  expect(first.nextCursor).toEqual(expect.any(String));
  const second = (await get('/green-areas/care', s.staff, { ...filters, cursor: first.nextCursor }).expect(200)).body;
  expect(second.items).toHaveLength(2);
  expect(second.nextCursor).toBeUndefined();
  const paged = [...first.items, ...second.items] as { careId: string; caredAt: string; kind: string }[];
  expect(new Set(paged.map((c) => c.careId)).size).toBe(4);
  expect(paged.map((c) => c.kind)).toEqual(['watering', 'watering', 'watering', 'watering']);
  expect(paged.map((c) => c.caredAt)).toEqual([...paged.map((c) => c.caredAt)].sort().reverse());
  const whole = (await get('/green-areas/care', s.staff, { ...filters, limit: 200 }).expect(200)).body;
  expect(whole.nextCursor).toBeUndefined();
  expect(paged.map((c) => c.careId)).toEqual(whole.items.map((c: { careId: string }) => c.careId));
  // The detail of an area still lists all its care records.
  expect((await get(`/green-areas/${hedge.body.id}`, s.staff).expect(200)).body.care).toHaveLength(3);
});

it('refuses a cursor that is not one of this list, with a message per field in zh and en (400, never a 500)', async () => {
  const s = school();
  const packed = (values: string[]) => Buffer.from(JSON.stringify(values)).toString('base64url');
  for (const cursor of ['not a cursor', `caredAt.desc.${packed(['yesterday', 'x'])}`, `caredAt.desc.${packed(['1'])}`, `name.asc.${packed(['1', 'x'])}`]) {
    const bad = await get('/green-areas/care', s.staff, { cursor }).expect(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'cursor', message: expect.stringMatching(/\w/), messageZh: expect.stringMatching(/\p{Script=Han}/u) })]);
  }
  expect((await get('/green-areas/care', s.staff, { limit: 201 }).expect(400)).body.errors[0].field).toBe('limit');
});

describe('access (green-area endpoints)', () => {
  it('another school: 404; wrong role: 403; the bureau reads across schools', async () => {
    const [s, other] = [school(), school()];
    clock.set('2026-11-24T08:00:00.000Z');
    const created = await post('/green-areas', s.admin, lawn).expect(201);
    const id = created.body.id as string;
    await get(`/green-areas/${id}`, other.staff).expect(404);
    await post(`/green-areas/${id}/care`, other.staff, { kind: 'watering', performedBy: 'x' }).expect(404);
    await post('/green-areas', s.staff, lawn).expect(403);
    await post(`/green-areas/${id}/care`, official, { kind: 'watering', performedBy: 'x' }).expect(403);
    const bureau = await get('/green-areas', official, { schoolId: s.id, consistentWith: created.body.position }).expect(200);
    expect(bureau.body.items).toHaveLength(1);
    expect((await get('/green-areas', other.staff, { schoolId: s.id }).expect(200)).body.items).toEqual([]);
  });
});
