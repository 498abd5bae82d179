import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { token } from '@houqin/testing';
import { FacilitiesTestApp } from './support/facilities-app';
import { ledgerAsset } from './support/ledger-assets';

/**
 * QR report links through HTTP on the real module and PostgreSQL: issued by a school admin, scanned without a
 * login (the asset, its place and school), a report becoming a work order attributed to the link, revocation
 * (410), bad tokens (404), the per-link and per-address limits (429 with Retry-After), and access.
 */
const facilities = new FacilitiesTestApp('facilities_links');
const { schema, clock } = facilities;
let app: INestApplication;
const LIMITS = { FACILITIES_PUBLIC_RATE_PER_LINK: '3', FACILITIES_PUBLIC_RATE_PER_IP: '5', FACILITIES_PUBLIC_RATE_WINDOW_MS: '600000' };

beforeAll(async () => {
  Object.assign(process.env, LIMITS);
  app = await facilities.start();
});
afterAll(async () => {
  await facilities.stop();
  for (const name of Object.keys(LIMITS)) delete process.env[name];
});

const admin = token({ sub: 'admin.wang', role: 'school-admin', schoolId: 'S001' });
const staff = token({ sub: 'teacher.li', role: 'school-staff', schoolId: 'S001' });
const otherAdmin = token({ sub: 'admin.zhao', role: 'school-admin', schoolId: 'S002' });
const official = token({ sub: 'chen.ju', role: 'bureau-official' });

let keys = 0;
let addresses = 0;
const http = () => request(app.getHttpServer());
const post = (path: string, bearer: string, body: object) => http().post(path).set({ authorization: `Bearer ${bearer}`, 'idempotency-key': `link-key-${++keys}-${schema}` }).send(body);
/** Each scan from its own address unless one is given: the per-address limit is tested on its own. */
const scan = (token: string, address = `10.0.0.${++addresses}`) => http().get(`/public/report-links/${token}`).set('x-forwarded-for', address);
const reportThrough = (token: string, body: object, address = `10.0.1.${++addresses}`) => http().post(`/public/report-links/${token}/reports`).set('x-forwarded-for', address).send(body);

async function issued(assetId: string, bearer = admin) {
  const reply = await post('/report-links', bearer, { assetId }).expect(201);
  return reply.body as { linkId: string; token: string; path: string; position: string };
}

it('a school admin issues a link; anyone with it sees the asset and its place, without logging in', async () => {
  const { assetId } = await ledgerAsset(app, 'S001', { name: '多媒体投影仪', location: { building: '教学楼', floor: '3F', room: '302' } });
  const link = await issued(assetId);
  expect(link.path).toBe(`/r/${link.token}`);

  const page = await scan(link.token).expect(200);
  expect(page.body).toEqual({
    asset: { name: '多媒体投影仪', category: '2020000', categoryZh: expect.stringContaining('办公设备'), model: 'EB-X51', location: { building: '教学楼', floor: '3F', room: '302' }, locationText: '教学楼 3F 302' },
    school: { schoolId: 'S001', name: 'S001' },
  });
  expect(JSON.stringify(page.body)).not.toContain('SN-');
});

it('a report through the link becomes a work order attributed to the link, the contact kept beside it (in full to the school admin, masked to the bureau)', async () => {
  const { assetId } = await ledgerAsset(app, 'S001');
  const link = await issued(assetId);
  const reply = await reportThrough(link.token, { title: '投影仪不亮', description: '开机后无画面', reporterName: '李老师', reporterPhone: '13812345678' }).expect(201);
  const { workOrderId } = reply.body;

  const order = await http().get(`/work-orders/${workOrderId}`).set('authorization', `Bearer ${admin}`).expect(200);
  expect(order.body).toMatchObject({ status: 'reported', schoolId: 'S001', title: '投影仪不亮', location: '教学楼 3F 302', reportedBy: `link:${link.linkId}`, assetId, source: { kind: 'qr-link', refId: link.linkId } });
  expect(order.body.description).toContain('开机后无画面');
  expect(JSON.stringify(order.body)).not.toContain('13812345678');

  const contacts = await http().get(`/report-links/${link.linkId}/reports`).query({ consistentWith: link.position }).set('authorization', `Bearer ${admin}`).expect(200);
  expect(contacts.body.items).toEqual([{ workOrderId, reportedAt: '2026-11-24T08:00:00.000Z', reporterName: '李老师', reporterPhone: '13812345678' }]);
  const seenByBureau = await http().get(`/report-links/${link.linkId}/reports`).set('authorization', `Bearer ${official}`).expect(200);
  expect(seenByBureau.body.items).toEqual([expect.objectContaining({ workOrderId, reporterPhone: '138****5678' })]);

  const listed = await http().get('/report-links').query({ assetId }).set('authorization', `Bearer ${admin}`).expect(200);
  expect(listed.body.items).toEqual([expect.objectContaining({ linkId: link.linkId, status: 'active', token: link.token })]);
});

it('refuses a revoked link (410) and a token that is not ours (404); a bad body is a 400 per field', async () => {
  const { assetId } = await ledgerAsset(app, 'S001');
  const link = await issued(assetId);
  await reportThrough(link.token, { title: '' }).expect(400).expect((r) => expect(r.body.errors.map((e: { field: string }) => e.field)).toContain('title'));
  await reportThrough(link.token, { title: '坏了', reporterPhone: '12345' }).expect(400).expect((r) => expect(r.body.errors[0]).toMatchObject({ field: 'reporterPhone', messageZh: expect.any(String) }));

  const revoked = await post(`/report-links/${link.linkId}/revoke`, admin, { reason: '标签损坏' }).expect(200);
  await http().get('/report-links').query({ assetId, consistentWith: revoked.body.position }).set('authorization', `Bearer ${admin}`).expect(200)
    .expect((r) => expect(r.body.items[0]).toMatchObject({ status: 'revoked', revokedBy: 'admin.wang' }));
  await scan(link.token).expect(410).expect((r) => expect(r.body).toMatchObject({ code: 'report-link-revoked', messageZh: '该报修二维码已被学校作废' }));
  await reportThrough(link.token, { title: '投影仪不亮' }).expect(410);

  const [id, mac] = [link.token.slice(0, 22), link.token.slice(22)];
  await scan(`${id}${mac.slice(0, -2)}AA`).expect(404);
  await scan('not-a-token').expect(404);
  await reportThrough(`${id.slice(0, -2)}AA${mac}`, { title: '坏了' }).expect(404);
});

it('limits reports per link and per address (429 with Retry-After), counted in PostgreSQL by the clock', async () => {
  const { assetId } = await ledgerAsset(app, 'S001');
  const link = await issued(assetId);
  for (let i = 0; i < 3; i++) await reportThrough(link.token, { title: `第${i + 1}次` }).expect(201);
  const limited = await reportThrough(link.token, { title: '第4次' }).expect(429);
  expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
  expect(limited.body).toMatchObject({ code: 'rate-limited', messageZh: expect.stringContaining('提交过于频繁') });

  // One address over several links: its own limit (5).
  const other = await Promise.all([1, 2].map(async () => issued((await ledgerAsset(app, 'S001')).assetId)));
  const address = '192.0.2.7';
  for (let i = 0; i < 5; i++) await reportThrough(other[i % 2].token, { title: `同一设备${i}` }, address).expect(201);
  await reportThrough(other[1].token, { title: '第6次' }, address).expect(429);

  // The next window counts afresh.
  clock.advance({ minutes: 10 });
  await reportThrough(link.token, { title: '下一个时段' }).expect(201);
  await reportThrough(other[0].token, { title: '下一个时段' }, address).expect(201);
});

it('a label sheet issues links for assets without one and keeps the active ones', async () => {
  const [a, b] = [await ledgerAsset(app, 'S001', { name: '空调' }), await ledgerAsset(app, 'S001', { name: '饮水机' })];
  const existing = await issued(a.assetId);
  const sheet = await http().post('/report-links/label-sheet').set('authorization', `Bearer ${admin}`).send({ assetIds: [a.assetId, b.assetId], consistentWith: existing.position }).expect(200);
  expect(sheet.body.school).toEqual({ schoolId: 'S001', name: 'S001' });
  expect(sheet.body.labels).toEqual([
    expect.objectContaining({ linkId: existing.linkId, token: existing.token, asset: expect.objectContaining({ name: '空调', locationText: '教学楼 3F 302' }) }),
    expect.objectContaining({ assetId: b.assetId, status: 'active', asset: expect.objectContaining({ name: '饮水机' }) }),
  ]);
  await scan(sheet.body.labels[1].token).expect(200);
});

it('access: admins of the school only; another school’s asset or link is 404; staff 403; the bureau reads', async () => {
  const { assetId } = await ledgerAsset(app, 'S001');
  await post('/report-links', staff, { assetId }).expect(403);
  await post('/report-links', otherAdmin, { assetId }).expect(404);
  await http().post('/report-links/label-sheet').set('authorization', `Bearer ${otherAdmin}`).send({ assetIds: [assetId] }).expect(404);
  const link = await issued(assetId);
  await post(`/report-links/${link.linkId}/revoke`, otherAdmin, {}).expect(404);
  await http().get(`/report-links/${link.linkId}`).set('authorization', `Bearer ${otherAdmin}`).expect(404);
  await http().get(`/report-links/${link.linkId}/reports`).set('authorization', `Bearer ${otherAdmin}`).expect(404);
  await http().get('/report-links').set('authorization', `Bearer ${staff}`).expect(403);
  await http().get('/report-links').set('authorization', `Bearer ${otherAdmin}`).expect(200).expect((r) => expect(r.body.items.every((i: { schoolId: string }) => i.schoolId === 'S002')).toBe(true));
  await http().get(`/report-links/${link.linkId}`).query({ consistentWith: link.position }).set('authorization', `Bearer ${official}`).expect(200);
  await post('/report-links', admin, { assetId: 'nope' }).expect(400);
});
