import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { token } from '@houqin/testing';
import { FacilitiesTestApp } from './support/facilities-app';
import { ledgerAsset } from './support/ledger-assets';

/**
 * 盘点 through HTTP on the real module: the expected assets from the ledger's list, marking, found-but-unlisted,
 * closing with the differences becoming facts on the asset streams (missing, damaged, moved, found again), a second
 * close changing nothing, and access.
 */
const facilities = new FacilitiesTestApp('facilities_stocktake');
const { schema } = facilities;
let app: INestApplication;

beforeAll(async () => {
  app = await facilities.start();
});
afterAll(() => facilities.stop());

const admin = token({ sub: 'admin.wang', role: 'school-admin', schoolId: 'S001' });
const staff = token({ sub: 'teacher.li', role: 'school-staff', schoolId: 'S001' });
const otherAdmin = token({ sub: 'admin.zhao', role: 'school-admin', schoolId: 'S002' });
const official = token({ sub: 'chen.ju', role: 'bureau-official' });
const http = () => request(app.getHttpServer());
let keys = 0;
const post = (path: string, bearer: string, body: object = {}) => http().post(path).set({ authorization: `Bearer ${bearer}`, 'idempotency-key': `st-${++keys}-${schema}` }).send(body);
const asset = async (id: string) => (await http().get(`/assets/${id}`).set('authorization', `Bearer ${admin}`).expect(200)).body;

it('opens with the ledger’s assets of the place, marks them, records the unlisted, and closing turns the differences into asset facts', async () => {
  const at302 = { building: '教学楼', floor: '3F', room: '302' };
  const projector = await ledgerAsset(app, 'S001', { name: '投影仪', location: at302 });
  const podium = await ledgerAsset(app, 'S001', { name: '讲台', category: '6010000', location: at302 });
  const speaker = await ledgerAsset(app, 'S001', { name: '音箱', location: at302 });
  await ledgerAsset(app, 'S001', { name: '幕布', location: { building: '教学楼', floor: '3F', room: '303' } });
  const laptop = await ledgerAsset(app, 'S001', { name: '笔记本电脑', category: '2010105', location: { building: '行政楼' } });
  await ledgerAsset(app, 'S002', { name: '别校投影仪', location: at302 });

  const opened = await post('/stocktakes', admin, { location: { building: '教学楼', floor: '3F' }, consistentWith: laptop.position }).expect(201);
  const id = opened.body.stocktakeId;
  const detail = (await http().get(`/stocktakes/${id}`).set('authorization', `Bearer ${staff}`).expect(200)).body;
  expect(detail).toMatchObject({ status: 'open', title: '教学楼 3F 盘点', expectedCount: 4, markedCount: 0 });
  expect(detail.expected.map((a: { name: string }) => a.name).sort()).toEqual(['幕布', '投影仪', '讲台', '音箱'].sort());

  await post(`/stocktakes/${id}/items/${projector.assetId}`, staff, { finding: 'found' }).expect(200);
  await post(`/stocktakes/${id}/items/${podium.assetId}`, staff, { finding: 'damaged', note: '桌面开裂' }).expect(200);
  await post(`/stocktakes/${id}/items/${speaker.assetId}`, staff, { finding: 'missing' }).expect(200);
  await post(`/stocktakes/${id}/items/${podium.assetId}`, staff, { finding: 'damaged' }).expect(422).expect((r) => expect(r.body.code).toBe('stocktake-damage-needs-note'));
  await post(`/stocktakes/${id}/items/${laptop.assetId}`, staff, { finding: 'found' }).expect(422).expect((r) => expect(r.body.code).toBe('stocktake-asset-not-listed'));
  await post(`/stocktakes/${id}/items/${projector.assetId}`, staff, { finding: 'lost' }).expect(400);
  await post(`/stocktakes/${id}/unlisted`, staff, { assetId: laptop.assetId, room: '302', note: '借用未登记' }).expect(200);
  await post(`/stocktakes/${id}/unlisted`, staff, { description: '折叠椅 4 把' }).expect(200);

  // 幕布 is not marked: closing is refused unless the closer counts it missing.
  await post(`/stocktakes/${id}/close`, admin).expect(422).expect((r) => expect(r.body).toMatchObject({ code: 'stocktake-unmarked-items', messageZh: expect.stringContaining('1 项') }));
  const closed = await post(`/stocktakes/${id}/close`, admin, { unmarkedAsMissing: true }).expect(200);
  const outcomes = Object.fromEntries(closed.body.applied.map((a: { name: string; command: string; outcome: string }) => [a.name, `${a.command}:${a.outcome}`]));
  expect(outcomes).toEqual({ 讲台: 'ReportAssetDamaged:recorded', 音箱: 'ReportAssetMissing:recorded', 幕布: 'ReportAssetMissing:recorded', 笔记本电脑: 'MoveAsset:recorded' });

  const after = (await http().get(`/stocktakes/${id}`).set('authorization', `Bearer ${admin}`).expect(200)).body;
  expect(after).toMatchObject({ status: 'closed', summary: { expected: 4, found: 1, missing: 2, damaged: 1, unmarkedCountedMissing: 1, foundElsewhere: 1, notInLedger: 1 } });
  expect(after.differences).toContainEqual({ kind: 'not-in-ledger', entryId: expect.any(String), name: '折叠椅 4 把' });
  expect(await asset(speaker.assetId)).toMatchObject({ status: 'missing' });
  expect((await asset(podium.assetId)).damage).toMatchObject({ note: '桌面开裂', stocktakeId: id });
  expect((await asset(laptop.assetId)).location).toEqual({ building: '教学楼', floor: '3F', room: '302' });

  // Sent again (a retry after a crash): nothing is recorded twice.
  const again = await post(`/stocktakes/${id}/close`, admin, { unmarkedAsMissing: true }).expect(200);
  expect(again.body.events).toEqual([]);
  await post(`/stocktakes/${id}/items/${projector.assetId}`, staff, { finding: 'missing' }).expect(409);

  // The next stocktake of 302 lists the missing speaker; found there, it comes back.
  const list = await http().get('/stocktakes').query({ consistentWith: again.body.position ?? closed.body.position }).set('authorization', `Bearer ${admin}`).expect(200);
  expect(list.body.items[0]).toMatchObject({ stocktakeId: id, status: 'closed', expectedCount: 4 });
  const speakerMissing = (await http().get('/assets').query({ status: 'missing', consistentWith: closed.body.position }).set('authorization', `Bearer ${admin}`).expect(200)).body.items;
  expect(speakerMissing.map((a: { assetId: string }) => a.assetId)).toContain(speaker.assetId);
  const second = await post('/stocktakes', admin, { location: at302, title: '302 复盘' }).expect(201);
  for (const a of [projector, podium, speaker, laptop]) await post(`/stocktakes/${second.body.stocktakeId}/items/${a.assetId}`, staff, { finding: 'found' }).expect(200);
  await post(`/stocktakes/${second.body.stocktakeId}/unlisted`, staff, { description: '冰箱', room: '101' }).expect(422);
  const reclosed = await post(`/stocktakes/${second.body.stocktakeId}/close`, admin).expect(200);
  expect(reclosed.body.applied).toContainEqual(expect.objectContaining({ name: '音箱', command: 'ReportAssetFound', outcome: 'recorded' }));
  expect(await asset(speaker.assetId)).toMatchObject({ status: 'in-use' });
});

it('access: another school’s stocktake is 404; staff neither open nor close; the bureau reads', async () => {
  const opened = await post('/stocktakes', admin, { location: { building: '图书馆' } }).expect(201);
  const id = opened.body.stocktakeId;
  await post('/stocktakes', staff, { location: { building: '图书馆' } }).expect(403);
  await post(`/stocktakes/${id}/close`, staff, { unmarkedAsMissing: true }).expect(403);
  await http().get(`/stocktakes/${id}`).set('authorization', `Bearer ${otherAdmin}`).expect(404);
  await post(`/stocktakes/${id}/unlisted`, otherAdmin, { description: 'x' }).expect(404);
  await post(`/stocktakes/${id}/close`, otherAdmin, { unmarkedAsMissing: true }).expect(404);
  await http().get(`/stocktakes/${id}`).set('authorization', `Bearer ${official}`).expect(200);
  await post('/stocktakes', admin, { location: {} }).expect(400).expect((r) => expect(r.body.errors[0].field).toContain('building'));
  const other = await http().get('/stocktakes').query({ consistentWith: opened.body.position }).set('authorization', `Bearer ${otherAdmin}`).expect(200);
  expect(other.body.items).toEqual([]);
});
