import { randomUUID } from 'node:crypto';
import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { ManualClock } from '@houqin/event-sourcing';
import { token } from '@houqin/testing';
import { FacilitiesTestApp } from './support/facilities-app';

/**
 * 资产台账 through HTTP on the real module and PostgreSQL: registration (400 per field), movements, the
 * ledger list from the `asset-list` read model (filters, search, cursor paging, read-your-writes), net book
 * value today and at a date, disposal below and above the bureau threshold, and access per endpoint family.
 */
// 2026-11-24 16:00 Beijing.
const facilities = new FacilitiesTestApp('facilities_assets', new ManualClock('2026-11-24T08:00:00.000Z'));
const { schema } = facilities;
let app: INestApplication;

beforeAll(async () => {
  app = await facilities.start();
});
afterAll(() => facilities.stop());

let schools = 0;
function school() {
  const id = `A${++schools}-${schema.slice(-8)}`;
  return { id, staff: token({ sub: `staff.${schools}`, role: 'school-staff', schoolId: id }), admin: token({ sub: `head.${schools}`, role: 'school-admin', schoolId: id }) };
}
const official = token({ sub: 'chen.ju', role: 'bureau-official' });
const auditor = token({ sub: 'audit.li', role: 'auditor' });

let keys = 0;
const post = (path: string, bearer: string, body: object) =>
  request(app.getHttpServer()).post(path).set({ authorization: `Bearer ${bearer}`, 'idempotency-key': `asset-key-${++keys}-${schema}` }).send(body);
const get = (path: string, bearer: string, query: Record<string, string | number> = {}) => request(app.getHttpServer()).get(path).set('authorization', `Bearer ${bearer}`).query(query);

const computer = {
  category: '2010104',
  name: '学生用台式计算机',
  model: 'ThinkCentre M730',
  serialNumber: 'PC-2024-0001',
  purchaseDate: '2024-01-15',
  priceFen: 600_000,
  supplier: '联想（北京）',
  fundingSource: 'fiscal',
  location: { building: '实验楼', floor: '3F', room: '302' },
  custodian: '王老师',
  warrantyEndsOn: '2027-01-14',
};

async function register(bearer: string, fields: object = {}) {
  const reply = await post('/assets', bearer, { ...computer, ...fields }).expect(201);
  return reply.body as { assetId: string; position: string };
}

describe('registering assets', () => {
  it('registers with the category minimum life, and answers the net book value today and at a date', async () => {
    const s = school();
    const { assetId } = await register(s.staff);
    const detail = await get(`/assets/${assetId}`, s.staff, { at: '2024-02-29' }).expect(200);
    expect(detail.headers['etag']).toBe('"1"');
    // Feb 2024 … Oct 2026 charged by 2026-11-24: 33 of 72 months.
    expect(detail.body).toMatchObject({
      assetId,
      usefulLifeYears: 6,
      ledgerStatus: 'in-use',
      categoryZh: '台式计算机',
      netBookValueFen: 600_000 - 33 * Math.floor(600_000 / 72),
      bookValueToday: { on: '2026-11-24', monthsCharged: 33 },
      bookValueAt: { on: '2024-02-29', monthsCharged: 1, netBookValueFen: 591_667 },
      history: [expect.objectContaining({ type: 'AssetRegistered', version: 1, actor: expect.objectContaining({ id: 'staff.1' }) })],
    });
  });

  it('refuses bad input with a message per field (zh and en), and persists nothing', async () => {
    const s = school();
    const bad = await post('/assets', s.staff, { ...computer, category: '9999999', priceFen: 12.5, purchaseDate: '2026-02-30', location: { floor: '3F' } }).expect(400);
    const fields = bad.body.errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['category', 'priceFen', 'purchaseDate', 'location.building']));
    expect(bad.body.errors.every((e: { message: string; messageZh: string }) => e.message && e.messageZh)).toBe(true);
    const list = await get('/assets', s.staff).expect(200);
    expect(list.body.items).toEqual([]);
    expect(list.body.asOf).toBe('2026-11-24');
  });

  it('refuses a life below the category minimum and a purchase in the future (422)', async () => {
    const s = school();
    expect((await post('/assets', s.staff, { ...computer, usefulLifeYears: 3 }).expect(422)).body.code).toBe('useful-life-below-minimum');
    expect((await post('/assets', s.staff, { ...computer, purchaseDate: '2026-11-25' }).expect(422)).body.code).toBe('purchase-date-in-future');
  });
});

describe('movements and the ledger list', () => {
  it('moves, lends and returns, records maintenance; the list filters, searches and pages', async () => {
    const s = school();
    const a = await register(s.staff);
    const b = await register(s.staff, { name: '投影仪', category: '2020000', model: 'EB-X51', serialNumber: 'PJ-7788', location: { building: '教学楼', room: '101' }, custodian: '李老师' });
    const c = await register(s.staff, { name: '办公桌', category: '6010000', model: undefined, serialNumber: undefined, location: { building: '行政楼' } });

    await post(`/assets/${a.assetId}/move`, s.staff, { location: { building: '图书馆', floor: '2F' }, custodian: '赵老师' }).expect(200);
    const lent = await post(`/assets/${b.assetId}/lend`, s.staff, { borrower: '张老师', dueBackOn: '2026-12-01' }).expect(200);
    await post(`/assets/${b.assetId}/lend`, s.staff, { borrower: '孙老师', dueBackOn: '2026-12-01' }).expect(409);
    await post(`/assets/${c.assetId}/return`, s.staff, {}).expect(409);

    const lentOnes = await get('/assets', s.staff, { status: 'lent', consistentWith: lent.body.position }).expect(200);
    expect(lentOnes.body.items.map((i: { assetId: string }) => i.assetId)).toEqual([b.assetId]);
    expect(lentOnes.body.items[0]).toMatchObject({ ledgerStatus: 'lent', ledgerStatusZh: '借出', loan: { borrower: '张老师', dueBackOn: '2026-12-01' } });

    expect((await get('/assets', s.staff, { building: '图书馆' })).body.items).toEqual([expect.objectContaining({ assetId: a.assetId, custodian: '赵老师' })]);
    expect((await get('/assets', s.staff, { custodian: '赵老师' })).body.items).toHaveLength(1);
    expect((await get('/assets', s.staff, { category: '6010000' })).body.items).toEqual([expect.objectContaining({ assetId: c.assetId, netBookValueFen: expect.any(Number) })]);
    expect((await get('/assets', s.staff, { q: 'pj-77' })).body.items.map((i: { assetId: string }) => i.assetId)).toEqual([b.assetId]);
    expect((await get('/assets', s.staff, { q: '计算机' })).body.items.map((i: { assetId: string }) => i.assetId)).toEqual([a.assetId]);

    const first = await get('/assets', s.staff, { sort: 'name', order: 'asc', limit: 2 }).expect(200);
    const second = await get('/assets', s.staff, { sort: 'name', order: 'asc', limit: 2, cursor: first.body.nextCursor }).expect(200);
    expect([...first.body.items, ...second.body.items].map((i: { assetId: string }) => i.assetId).sort()).toEqual([a.assetId, b.assetId, c.assetId].sort());
    expect(second.body.nextCursor).toBeUndefined();
    await get('/assets', s.staff, { sort: 'price', order: 'asc', cursor: first.body.nextCursor }).expect(400);

    const back = await post(`/assets/${b.assetId}/return`, s.staff, {}).expect(200);
    await post(`/assets/${b.assetId}/maintenance`, s.staff, { what: '更换灯泡', costFen: 38_000, performedBy: '爱普生售后' }).expect(200);
    expect((await get('/assets', s.staff, { status: 'lent', consistentWith: back.body.position })).body.items).toEqual([]);
    const detail = await get(`/assets/${b.assetId}`, s.staff).expect(200);
    expect(detail.body.history.map((h: { type: string }) => h.type)).toEqual(['AssetRegistered', 'AssetLent', 'AssetReturned', 'AssetMaintenanceRecorded']);
  });
});

describe('disposal (报废)', () => {
  it('below the threshold: the school head approves and the disposal is recorded, without the bureau', async () => {
    const s = school();
    const { assetId } = await register(s.staff);
    await post(`/assets/${assetId}/disposal`, s.staff, { method: 'scrapped', reason: '主板损坏' }).expect(403);
    const req = await post(`/assets/${assetId}/disposal`, s.admin, { method: 'scrapped', reason: '主板损坏' }).expect(200);
    const listed = await get('/assets', s.admin, { status: 'disposal-requested', consistentWith: req.body.position }).expect(200);
    expect(listed.body.items[0]).toMatchObject({ assetId, disposal: { stage: 'requested', bureauApprovalRequired: false } });
    await post(`/assets/${assetId}/disposal/approve`, s.admin, { comment: '同意报废' }).expect(200);
    await post(`/assets/${assetId}/disposal/approve`, official, {}).expect(409);
    await post(`/assets/${assetId}/dispose`, s.admin, { residualValueFen: 5_000, disposedOn: '2026-11-24' }).expect(200);
    await post(`/assets/${assetId}/move`, s.staff, { location: { building: '仓库' } }).expect(409);
    const detail = await get(`/assets/${assetId}`, s.staff).expect(200);
    expect(detail.body).toMatchObject({ status: 'disposed', ledgerStatus: 'disposed', residualValueFen: 5_000, disposedOn: '2026-11-24' });
  });

  it('above the threshold: the bureau sees it in its queue across schools and approves it; or rejects another', async () => {
    const s = school();
    const other = school();
    const board = await register(s.staff, { name: '智慧黑板', category: '2020000', priceFen: 12_000_000, serialNumber: 'SB-1' });
    const bus = await register(other.staff, { name: '校车', category: '2030000', priceFen: 48_000_000, serialNumber: 'BUS-1', purchaseDate: '2016-08-01' });
    let position = '0';
    for (const [asset, head] of [[board, s.admin], [bus, other.admin]] as const) {
      await post(`/assets/${asset.assetId}/disposal`, head, { method: 'scrapped', reason: '到期报废' }).expect(200);
      position = (await post(`/assets/${asset.assetId}/disposal/approve`, head, {}).expect(200)).body.position;
    }
    await post(`/assets/${board.assetId}/dispose`, s.admin, { residualValueFen: 0, disposedOn: '2026-11-24' }).expect(409);
    await post(`/assets/${board.assetId}/disposal/approve`, s.admin, {}).expect(409);

    const queue = await get('/assets', official, { disposalStage: 'awaiting-bureau', consistentWith: position }).expect(200);
    const ids = queue.body.items.map((i: { assetId: string }) => i.assetId);
    expect(ids).toEqual(expect.arrayContaining([board.assetId, bus.assetId]));
    expect(queue.body.items.find((i: { assetId: string }) => i.assetId === bus.assetId)).toMatchObject({ schoolId: other.id, disposal: { bureauApprovalRequired: true } });

    await post(`/assets/${board.assetId}/disposal/approve`, official, { comment: '同意' }).expect(200);
    await post(`/assets/${board.assetId}/dispose`, s.admin, { residualValueFen: 20_000, disposedOn: '2026-11-24' }).expect(200);
    await post(`/assets/${bus.assetId}/disposal/reject`, official, { reason: '车况良好，继续使用' }).expect(200);
    const bus2 = await get(`/assets/${bus.assetId}`, other.staff).expect(200);
    expect(bus2.body).toMatchObject({ ledgerStatus: 'in-use' });
    expect(bus2.body.history.map((h: { type: string; actor: { role: string } }) => [h.type, h.actor.role]).slice(-1)).toEqual([['AssetDisposalRejected', 'bureau-official']]);
  });

  it("the bureau's approval without an Idempotency-Key is a 400 naming the header, before the asset is looked up (found by the OpenAPI fuzz)", async () => {
    for (const [action, body] of [['approve', { comment: '同意' }], ['reject', { reason: '不同意' }]] as const) {
      const reply = await request(app.getHttpServer()).post(`/assets/${randomUUID()}/disposal/${action}`).set('authorization', `Bearer ${official}`).send(body).expect(400);
      expect(reply.body.errors).toEqual([expect.objectContaining({ field: 'Idempotency-Key', messageZh: expect.stringContaining('幂等键') })]);
    }
  });
});

describe('access to /assets', () => {
  it('another school answers 404; a wrong role 403; the bureau and auditors read across schools', async () => {
    const s = school();
    const stranger = school();
    const { assetId, position } = await register(s.staff);
    await get(`/assets/${assetId}`, stranger.staff).expect(404);
    await post(`/assets/${assetId}/move`, stranger.staff, { location: { building: '操场' } }).expect(404);
    await post(`/assets/${assetId}/disposal`, stranger.admin, { method: 'scrapped', reason: 'x' }).expect(404);
    expect((await get('/assets', stranger.staff, { schoolId: s.id })).body.items).toEqual([]);

    await post('/assets', official, computer).expect(403);
    await post('/assets', auditor, computer).expect(403);
    await post(`/assets/${assetId}/disposal/approve`, s.staff, {}).expect(403);
    await request(app.getHttpServer()).get('/assets').expect(401);

    await get(`/assets/${assetId}`, official).expect(200);
    await post(`/assets/${assetId}/disposal/approve`, official, {}).expect(409);
    await post(`/assets/00000000-0000-4000-8000-000000000000/disposal/approve`, official, {}).expect(404);
    expect((await get('/assets', auditor, { schoolId: s.id, consistentWith: position })).body.items).toHaveLength(1);
  });
});
