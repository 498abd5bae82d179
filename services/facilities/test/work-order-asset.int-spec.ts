import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { token } from '@houqin/testing';
import { FacilitiesTestApp } from './support/facilities-app';
import { ledgerAsset } from './support/ledger-assets';

/** A report about a ledger asset: the `assetId` filter of the list, and a repeat failure (返修) judged from the asset's last completion. */
const facilities = new FacilitiesTestApp('facilities_asset');
const { schema } = facilities;
let app: INestApplication;

beforeAll(async () => {
  app = await facilities.start();
});
afterAll(() => facilities.stop());

const schoolId = `A1-${schema.slice(-8)}`;
const staff = token({ sub: 'staff.1', role: 'school-staff', schoolId });
const admin = token({ sub: 'admin.1', role: 'school-admin', schoolId });
const assetId = '3b4f0c1e-8f7a-4c55-9d0e-2f1a6b7c8d9e';
const repair = { title: '投影仪不亮', location: '302', category: 'network', priority: 'normal' };

let keys = 0;
const post = (path: string, bearer: string, body: object) =>
  request(app.getHttpServer()).post(path).set({ authorization: `Bearer ${bearer}`, 'idempotency-key': `asset-key-${++keys}-${schema}` }).send(body);
const list = (query: Record<string, string>) => request(app.getHttpServer()).get('/work-orders').set('authorization', `Bearer ${staff}`).query(query).expect(200);
const detail = (id: string) => request(app.getHttpServer()).get(`/work-orders/${id}`).set('authorization', `Bearer ${staff}`).expect(200);

it('lists the reports of one asset, and marks a report within 30 days of its last completed repair as a repeat', async () => {
  const first = (await post('/work-orders', staff, { ...repair, assetId }).expect(201)).body;
  await post('/work-orders', staff, repair).expect(201);
  await post(`/work-orders/${first.workOrderId}/assign`, admin, { assignee: '电教 王老师' }).expect(200);
  const done = (await post(`/work-orders/${first.workOrderId}/complete`, admin, {}).expect(200)).body;
  const listed = (await list({ assetId, consistentWith: done.position })).body.items;
  expect(listed.map((i: { workOrderId: string }) => i.workOrderId)).toEqual([first.workOrderId]);

  const again = (await post('/work-orders', staff, { ...repair, assetId }).expect(201)).body;
  expect((await detail(again.workOrderId)).body).toMatchObject({ assetId, repeat: { previousWorkOrderId: first.workOrderId, rule: { ruleId: 'facilities.repair.repeatFailureWindowDays' } } });
  expect((await detail(first.workOrderId)).body.repeat).toBeUndefined();
});

it('refuses an asset id that is not a uuid, in the report and the filter (400 naming assetId)', async () => {
  const bad = await post('/work-orders', staff, { ...repair, assetId: 'projector-1' }).expect(400);
  expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'assetId' })]);
  const badFilter = await request(app.getHttpServer()).get('/work-orders').set('authorization', `Bearer ${staff}`).query({ assetId: 'x' }).expect(400);
  expect(badFilter.body.errors).toEqual([expect.objectContaining({ field: 'assetId' })]);
});

it("counts a report naming only a ledger asset under the asset's category (the portal's picker); an id the ledger does not hold stays unlinked", async () => {
  const { assetId: projector, position } = await ledgerAsset(app, schoolId);
  await request(app.getHttpServer()).get('/assets').set('authorization', `Bearer ${staff}`).query({ consistentWith: position }).expect(200);
  const linked = (await post('/work-orders', staff, { ...repair, assetId: projector }).expect(201)).body;
  expect((await detail(linked.workOrderId)).body).toMatchObject({ assetId: projector, assetCategory: '2020000' });
  const unknown = (await post('/work-orders', staff, { ...repair, assetId: '0b4f0c1e-8f7a-4c55-9d0e-2f1a6b7c8d9e' }).expect(201)).body;
  expect((await detail(unknown.workOrderId)).body.assetCategory).toBeUndefined();
});
