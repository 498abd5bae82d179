import { createHash } from 'node:crypto';
import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { sql, token } from '@houqin/testing';
import { ATTACHMENT_BODY_LIMIT } from '../src/api/attachments.controller';
import { MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS_PER_SUBJECT } from '../src/domain/attachment';
import { FacilitiesTestApp } from './support/facilities-app';

/**
 * Photos on a repair (附件) and the repair's timeline, through HTTP on the real module: bytes checked by their magic
 * numbers and size, stored with their sha256, served in the school's scope; GET /work-orders/:id/history from the events.
 */
const facilities = new FacilitiesTestApp('facilities_attach', undefined, { bodyLimit: ATTACHMENT_BODY_LIMIT });
const { schema, clock } = facilities;
let app: INestApplication;

beforeAll(async () => {
  app = await facilities.start();
});
afterAll(() => facilities.stop());

const staff = token({ sub: 'teacher.li', role: 'school-staff', schoolId: 'S001', name: '李老师' });
const admin = token({ sub: 'admin.wang', role: 'school-admin', schoolId: 'S001', name: '王主任' });
const otherSchool = token({ sub: 'teacher.zhao', role: 'school-staff', schoolId: 'S002' });
const official = token({ sub: 'chen.ju', role: 'bureau-official' });
const auditor = token({ sub: 'audit.sun', role: 'auditor' });
const colleague = token({ sub: 'teacher.zhou', role: 'school-staff', schoolId: 'S001', name: '周老师' });
const otherAdmin = token({ sub: 'admin.qian', role: 'school-admin', schoolId: 'S002' });

let keys = 0;
const post = (path: string, bearer: string, body: object) =>
  request(app.getHttpServer()).post(path).set({ authorization: `Bearer ${bearer}`, 'idempotency-key': `att-key-${++keys}-${schema}` }).send(body);
const get = (path: string, bearer: string) => request(app.getHttpServer()).get(path).set('authorization', `Bearer ${bearer}`);
const remove = (attachmentId: string, bearer: string, reason: unknown = '拍错了工单', key = `att-key-${++keys}-${schema}`) =>
  request(app.getHttpServer()).post(`/attachments/${attachmentId}/remove`).set({ authorization: `Bearer ${bearer}`, 'idempotency-key': key }).send({ reason });
const bytesIn = async (attachmentId: string) => (await sql<{ bytes: Buffer | null }>(schema, 'SELECT bytes FROM attachment_blobs WHERE attachment_id = $1', [attachmentId]))[0]?.bytes;

/** A tiny PNG: its signature and an IHDR chunk are all the check reads. */
const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('0000000d49484452000000010000000108060000001f15c489', 'hex')]);
const photo = (workOrderId: string, bytes = png, fileName = '灯管.png') => ({ subjectType: 'WorkOrder', subjectId: workOrderId, fileName, contentBase64: bytes.toString('base64') });

async function repair(bearer = staff): Promise<string> {
  const reply = await post('/work-orders', bearer, { title: '灯管不亮', location: '302', category: 'electrical', priority: 'normal' }).expect(201);
  return reply.body.workOrderId;
}

it('stores a photo the bytes show to be an image, with its hash in the event and never the bytes, and serves it back', async () => {
  const workOrderId = await repair();
  const uploaded = await post('/attachments', staff, photo(workOrderId)).expect(201);
  const { attachmentId } = uploaded.body;

  const [event] = await sql<{ type: string; data: Record<string, unknown>; metadata: { actor: { id: string; name?: string } } }>(schema, 'SELECT type, data, metadata FROM events WHERE stream_id = $1', [`Attachment-${attachmentId}`]);
  const sha256 = createHash('sha256').update(png).digest('hex');
  expect(event.type).toBe('AttachmentUploaded');
  expect(event.data).toEqual({
    attachmentId, schoolId: 'S001', subjectType: 'WorkOrder', subjectId: workOrderId, contentType: 'image/png', size: png.length, sha256, fileName: '灯管.png',
    uploadedBy: 'teacher.li', uploadedAt: clock.now().toISOString(),
  });
  expect(event.metadata.actor).toEqual({ id: 'teacher.li', role: 'school-staff', name: '李老师' });

  const served = await get(`/attachments/${attachmentId}`, staff).buffer(true).parse((res, done) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => done(null, Buffer.concat(chunks)));
  }).expect(200);
  expect(served.headers['content-type']).toBe('image/png');
  expect(served.headers['x-content-sha256']).toBe(sha256);
  expect(Buffer.compare(served.body as Buffer, png)).toBe(0);
  await get(`/attachments/${attachmentId}`, official).expect(200);
});

it('judges the type by the magic bytes, not by the name or the declared type, and stores nothing refused', async () => {
  const workOrderId = await repair();
  const pdf = Buffer.from('%PDF-1.7\n fake photo');
  const refused = await post('/attachments', staff, photo(workOrderId, pdf, 'photo.jpg')).expect(400);
  // The DTO's pattern (the document's too) holds the magic bytes: refused before any handler runs.
  expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'contentBase64', constraint: 'matches', message: expect.stringContaining('JPEG') })]);
  const bad = await post('/attachments', staff, { ...photo(workOrderId), contentBase64: '@@not base64@@' }).expect(400);
  expect(bad.body.errors[0]).toMatchObject({ field: 'contentBase64' });
  expect(await sql(schema, 'SELECT 1 FROM attachment_blobs WHERE subject_id = $1', [workOrderId])).toEqual([]);
  // The document says a UUID v4 (found by the OpenAPI fuzz: a v1 id used to reach the handler).
  const v1 = await post('/attachments', staff, { ...photo(workOrderId), subjectId: 'a8098c1a-f86e-11da-bd1a-00112444be1e' }).expect(400);
  expect(v1.body.errors).toEqual([expect.objectContaining({ field: 'subjectId', constraint: 'isUuid' })]);
});

it('refuses a file over the size bound, and more photos than the bound per work order', async () => {
  const workOrderId = await repair();
  const big = Buffer.concat([png, Buffer.alloc(MAX_ATTACHMENT_BYTES + 1 - png.length)]);
  const tooLarge = await post('/attachments', staff, photo(workOrderId, big)).expect(400);
  expect(tooLarge.body.errors[0]).toMatchObject({ field: 'contentBase64' });

  for (let i = 0; i < MAX_ATTACHMENTS_PER_SUBJECT; i++) await post('/attachments', staff, photo(workOrderId)).expect(201);
  const over = await post('/attachments', staff, photo(workOrderId)).expect(409);
  expect(over.body).toMatchObject({ code: 'attachment-limit' });
  // The refused upload's bytes were removed: only the recorded ones stay.
  expect(await sql(schema, 'SELECT 1 FROM attachment_blobs WHERE subject_id = $1', [workOrderId])).toHaveLength(MAX_ATTACHMENTS_PER_SUBJECT);
});

it("keeps to the school: another school's work order and photo answer 404, roles without the right 403", async () => {
  const workOrderId = await repair();
  const { attachmentId } = (await post('/attachments', staff, photo(workOrderId)).expect(201)).body;
  await get(`/attachments/${attachmentId}`, otherSchool).expect(404);
  await post('/attachments', otherSchool, photo(workOrderId)).expect(404);
  await get(`/work-orders/${workOrderId}/history`, otherSchool).expect(404);
  await post('/attachments', official, photo(workOrderId)).expect(403);
  await post('/attachments', auditor, photo(workOrderId)).expect(403);
  await get('/attachments/00000000-0000-4000-8000-000000000000', staff).expect(404);
});

it("answers a work order's history from its events, with actors' names, summaries and photos", async () => {
  const workOrderId = await repair();
  clock.advance({ minutes: 5 });
  const { attachmentId } = (await post('/attachments', staff, photo(workOrderId)).expect(201)).body;
  clock.advance({ hours: 1 });
  await post(`/work-orders/${workOrderId}/assign`, admin, { assignee: '电工 张师傅' }).expect(200);

  const history = (await get(`/work-orders/${workOrderId}/history`, staff).expect(200)).body;
  expect(history.events.map((e: { type: string }) => e.type)).toEqual(['WorkOrderReported', 'AttachmentUploaded', 'WorkOrderAssigned']);
  expect(history.events[2]).toMatchObject({
    actor: { id: 'admin.wang', role: 'school-admin', name: '王主任' },
    summary: { zh: '派工给 电工 张师傅', en: 'Dispatched to 电工 张师傅' },
    occurredAt: clock.now().toISOString(),
  });
  expect(history.events[1]).toMatchObject({ attachmentId, summary: { zh: '上传照片：灯管.png' } });
  expect(history.attachments).toEqual([expect.objectContaining({ attachmentId, contentType: 'image/png', size: png.length, url: `/attachments/${attachmentId}` })]);
  await get(`/work-orders/${workOrderId}/history`, official).expect(200);
});

describe('removing a wrong photo (删除照片)', () => {
  const sha256 = createHash('sha256').update(png).digest('hex');

  it('lets the uploader remove it with a reason: the bytes are deleted, the event keeps the hash, GET answers 410', async () => {
    const workOrderId = await repair();
    const { attachmentId } = (await post('/attachments', staff, photo(workOrderId)).expect(201)).body;
    clock.advance({ minutes: 10 });
    const key = `remove-once-${schema}`;
    await remove(attachmentId, staff, '拍错了工单', key).expect(200).expect((r) => expect(r.body).toMatchObject({ attachmentId, version: 2 }));

    expect(await bytesIn(attachmentId)).toBeNull();
    const events = await sql<{ type: string; data: Record<string, unknown> }>(schema, 'SELECT type, data FROM events WHERE stream_id = $1 ORDER BY stream_version', [`Attachment-${attachmentId}`]);
    expect(events.map((e) => e.type)).toEqual(['AttachmentUploaded', 'AttachmentRemoved']);
    expect(events[1].data).toEqual({
      attachmentId, schoolId: 'S001', subjectType: 'WorkOrder', subjectId: workOrderId, sha256, reason: '拍错了工单', removedBy: 'teacher.li', removedAt: clock.now().toISOString(),
    });

    const served = await get(`/attachments/${attachmentId}`, staff).expect(410);
    expect(served.body).toMatchObject({ code: 'attachment-removed', messageZh: '该照片已被删除' });
    await get(`/attachments/${attachmentId}`, auditor).expect(410);
    // A retry of the same request replays its answer; a second removal is told the photo is gone.
    await remove(attachmentId, staff, '拍错了工单', key).expect(200);
    await remove(attachmentId, admin).expect(410).expect((r) => expect(r.body).toMatchObject({ code: 'attachment-removed' }));

    const history = (await get(`/work-orders/${workOrderId}/history`, staff).expect(200)).body;
    expect(history.attachments).toEqual([]);
    expect(history.events.map((e: { type: string }) => e.type)).toEqual(['WorkOrderReported', 'AttachmentUploaded', 'AttachmentRemoved']);
    expect(history.events[2]).toMatchObject({
      attachmentId,
      actor: { id: 'teacher.li', role: 'school-staff', name: '李老师' },
      summary: { zh: '删除照片：拍错了工单', en: 'Photo removed: 拍错了工单' },
      occurredAt: clock.now().toISOString(),
    });
  });

  it('makes room for the right photo: a removed one no longer counts against the bound', async () => {
    const workOrderId = await repair();
    const ids: string[] = [];
    for (let i = 0; i < MAX_ATTACHMENTS_PER_SUBJECT; i++) ids.push((await post('/attachments', staff, photo(workOrderId)).expect(201)).body.attachmentId);
    await post('/attachments', staff, photo(workOrderId)).expect(409);
    await remove(ids[0], staff).expect(200);
    await post('/attachments', staff, photo(workOrderId)).expect(201);
  });

  it("keeps to the school and the uploader: another school 404, a colleague 403, the school's admin may; bureau and auditors cannot", async () => {
    const workOrderId = await repair();
    const { attachmentId } = (await post('/attachments', staff, photo(workOrderId)).expect(201)).body;
    await remove(attachmentId, otherSchool).expect(404);
    await remove(attachmentId, otherAdmin).expect(404);
    const refused = await remove(attachmentId, colleague).expect(403);
    expect(refused.body).toMatchObject({ code: 'attachment-not-yours', messageZh: '只有上传人或学校管理员可以删除照片' });
    await remove(attachmentId, official).expect(403);
    await remove(attachmentId, auditor).expect(403);
    expect(Buffer.compare((await bytesIn(attachmentId)) as Buffer, png)).toBe(0);
    // Auditors read every school's photos (read-only), as they read the history.
    const read = await get(`/attachments/${attachmentId}`, auditor).expect(200);
    expect(read.headers['x-content-sha256']).toBe(sha256);

    await remove(attachmentId, admin, '与本工单无关').expect(200);
    expect(await bytesIn(attachmentId)).toBeNull();
    await remove('00000000-0000-4000-8000-000000000000', staff).expect(404);
  });

  it('needs a reason of 1 to 200 characters, refused per field in both languages and nothing removed', async () => {
    const workOrderId = await repair();
    const { attachmentId } = (await post('/attachments', staff, photo(workOrderId)).expect(201)).body;
    for (const reason of ['', '   ', 'x'.repeat(201), null, 42]) {
      const refused = await remove(attachmentId, staff, reason).expect(400);
      expect(refused.body.errors.length).toBeGreaterThan(0);
      for (const error of refused.body.errors) expect(error).toMatchObject({ field: 'reason', message: expect.stringContaining('reason'), messageZh: expect.stringContaining('删除原因') });
    }
    await remove('not-a-uuid', staff).expect(400);
    await get(`/attachments/${attachmentId}`, staff).expect(200);
  });

  it('refuses once the reporter verified the repair (409): its photos are the accepted record', async () => {
    const workOrderId = await repair();
    const { attachmentId } = (await post('/attachments', staff, photo(workOrderId)).expect(201)).body;
    await post(`/work-orders/${workOrderId}/assign`, admin, { assignee: '电工 张师傅' }).expect(200);
    await post(`/work-orders/${workOrderId}/complete`, admin, { note: '已更换灯管' }).expect(200);
    // Completed but not yet verified: a wrong photo may still go (as the reporter checks the work).
    const early = (await post('/attachments', staff, photo(workOrderId)).expect(201)).body.attachmentId;
    await remove(early, staff).expect(200);
    await post(`/work-orders/${workOrderId}/verify`, staff, { rating: 5 }).expect(200);

    const refused = await remove(attachmentId, admin).expect(409);
    expect(refused.body).toMatchObject({ code: 'attachment-subject-closed', messageZh: '工单已验收，照片已归档，不能再删除' });
    await get(`/attachments/${attachmentId}`, staff).expect(200);
  });
});
