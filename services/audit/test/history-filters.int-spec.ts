import { randomUUID } from 'node:crypto';
import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { EVENT_STORE_MIGRATIONS, NewEvent, pgPoolOf, PostgresEventStore } from '@houqin/event-store';
import { configureApp, createHttpApp } from '@houqin/platform';
import { createTestDatabase, dropSchema, TestDatabase, token, uniqueName } from '@houqin/testing';

/**
 * The auditors' history filters through HTTP on the real audit module: actor, event types and a recorded-at range,
 * applied to a bounded scan of the source's log (a page says how much it scanned and whether it reached the end);
 * the sources listed with their event types; and a verification reporting its progress as done/total.
 */
let facilitiesStore: TestDatabase;
let identityStore: TestDatabase;
let app: INestApplication;
const auditSchema = uniqueName('audit_filters');
const env: Record<string, string> = {};
const auditor = () => token({ sub: 'auditor.1', role: 'auditor' });
const at = '2026-11-30T08:00:00.000Z';

async function append(streamId: string, actor: string, events: NewEvent[], head: { version: number; lastHash: string } | null = null) {
  const metadata = { actor: { id: actor, role: 'school-staff' }, correlationId: randomUUID(), occurredAt: at };
  return new PostgresEventStore().appendAndRecord(pgPoolOf(facilitiesStore.dataSource), streamId, events, { streamType: 'WorkOrder', schoolId: 'S001', metadata, head });
}
const reported = (id: string): NewEvent => ({ type: 'WorkOrderReported', schemaVersion: 1, data: { workOrderId: id, schoolId: 'S001', title: '灯管不亮', reportedAt: at } });
const assigned = (id: string): NewEvent => ({ type: 'WorkOrderAssigned', schemaVersion: 1, data: { workOrderId: id, schoolId: 'S001', assignee: '张师傅', assignedAt: at } });

beforeAll(async () => {
  [facilitiesStore, identityStore] = await Promise.all([createTestDatabase('audit_flt_facilities', EVENT_STORE_MIGRATIONS), createTestDatabase('audit_flt_identity', EVENT_STORE_MIGRATIONS)]);
  for (let i = 1; i <= 3; i++) {
    const first = await append(`WorkOrder-${i}`, 'li.lei', [reported(String(i))]);
    if (first.status !== 'appended') throw new Error('not appended');
    const head = { version: 1, lastHash: first.append.events[0].hash };
    await append(`WorkOrder-${i}`, 'wang.admin', [assigned(String(i))], head);
  }
  Object.assign(env, { DATABASE_URL: facilitiesStore.url, AUDIT_DB_SCHEMA: auditSchema, FACILITIES_DB_SCHEMA: facilitiesStore.schema, IDENTITY_DB_SCHEMA: identityStore.schema, HOUQIN_DEV_AUTH: '1' });
  for (const [name, value] of Object.entries(env)) process.env[name] = value;
  delete process.env['AUDIT_SOURCES'];
  const { AuditModule } = await import('../src/app.module');
  const moduleRef = await Test.createTestingModule({ imports: [AuditModule] }).compile();
  app = configureApp(await createHttpApp(moduleRef, { logger: false }), { title: 'audit' });
  await app.init();
}, 60_000);

afterAll(async () => {
  await app?.close();
  await Promise.all([facilitiesStore?.drop(), identityStore?.drop(), dropSchema(auditSchema)]);
  for (const name of Object.keys(env)) delete process.env[name];
});

const get = (path: string, bearer = auditor()) => request(app.getHttpServer()).get(path).set('authorization', `Bearer ${bearer}`);
const types = (body: { items: { type: string }[] }) => body.items.map((e) => e.type);

it('filters by actor, by event types, and by time range, on the server', async () => {
  const byActor = (await get('/audit/facilities/events?actor=wang.admin').expect(200)).body;
  expect(types(byActor)).toEqual(['WorkOrderAssigned', 'WorkOrderAssigned', 'WorkOrderAssigned']);
  expect(byActor.items.every((e: { actor: { id: string } }) => e.actor.id === 'wang.admin')).toBe(true);
  expect(byActor).toMatchObject({ scanned: 6, complete: true });

  expect(types((await get('/audit/facilities/events?type=WorkOrderReported').expect(200)).body)).toEqual(['WorkOrderReported', 'WorkOrderReported', 'WorkOrderReported']);
  expect((await get('/audit/facilities/events?type=WorkOrderReported,WorkOrderAssigned&actor=li.lei').expect(200)).body.items).toHaveLength(3);
  expect((await get('/audit/facilities/events?from=2000-01-01&to=2999-12-31').expect(200)).body.items).toHaveLength(6);
  expect((await get('/audit/facilities/events?from=2999-01-01').expect(200)).body).toMatchObject({ items: [], complete: true });
  expect((await get('/audit/facilities/events?to=2000-01-01T00:00:00Z').expect(200)).body.items).toEqual([]);
  // Combined with the indexed filters, and paged: the next page continues after the last match.
  const first = (await get('/audit/facilities/events?actor=wang.admin&limit=2').expect(200)).body;
  expect(first).toMatchObject({ complete: false });
  const second = (await get(`/audit/facilities/events?actor=wang.admin&limit=2&after=${first.next}`).expect(200)).body;
  expect([...first.items, ...second.items].map((e: { streamId: string }) => e.streamId)).toEqual(['WorkOrder-1', 'WorkOrder-2', 'WorkOrder-3']);
  expect(types((await get('/audit/facilities/events?streamId=WorkOrder-2&actor=wang.admin').expect(200)).body)).toEqual(['WorkOrderAssigned']);
});

it('refuses malformed filters with 400 naming the field', async () => {
  expect((await get('/audit/facilities/events?from=yesterday').expect(400)).body.errors[0]).toMatchObject({ field: 'from' });
  expect((await get(`/audit/facilities/events?actor=${'x'.repeat(65)}`).expect(400)).body.errors[0]).toMatchObject({ field: 'actor' });
  expect((await get(`/audit/facilities/events?type=${Array.from({ length: 51 }, (_, i) => `T${i}`).join(',')}`).expect(400)).body.errors[0]).toMatchObject({ field: 'type' });
  // One comma list, as documented: the parameter given twice (an array), an empty name or an overlong one is refused.
  for (const query of ['type=WorkOrderReported&type=WorkOrderAssigned', 'type=WorkOrderReported,', `type=${'x'.repeat(101)}`]) {
    const { errors } = (await get(`/audit/facilities/events?${query}`).expect(400)).body;
    expect(errors[0]).toMatchObject({ field: 'type', messageZh: expect.stringContaining('事件类型') });
  }
});

it('lists its sources, identity among them, with their event types', async () => {
  const { items } = (await get('/audit/sources').expect(200)).body;
  expect(items.map((s: { name: string }) => s.name)).toEqual(['facilities', 'identity']);
  expect(items[0].eventTypes).toEqual(expect.arrayContaining(['WorkOrderReported', 'AttachmentUploaded']));
  expect(items[1].eventTypes).toEqual(expect.arrayContaining(['AccountLoggedIn', 'SchoolRegistered']));
  await get('/audit/sources', token({ sub: 'chen.ju', role: 'bureau-official' })).expect(403);
});

it('reports a verification’s progress as done of total under the id the client chose', async () => {
  const progressId = randomUUID();
  const report = (await get(`/audit/facilities/verification?progressId=${progressId}`).expect(200)).body;
  expect(report).toMatchObject({ ok: true, eventsChecked: 6 });
  expect((await get(`/audit/progress/${progressId}`).expect(200)).body).toMatchObject({ progressId, kind: 'verify-hash-chains', source: 'facilities', done: 6, total: 6, finished: true, share: 1 });
  await get(`/audit/facilities/verification?progressId=${progressId}`).expect(409);
  await get(`/audit/progress/${randomUUID()}`).expect(404);
  expect((await get('/audit/progress/not-a-uuid').expect(400)).body.errors[0]).toMatchObject({ field: 'progressId' });
  // The documented UUID v4 only: a v1 is refused before any progress row is written.
  const v1 = 'a8098c1a-f86e-11da-bd1a-00112444be1e';
  expect((await get(`/audit/facilities/verification?progressId=${v1}`).expect(400)).body.errors[0]).toMatchObject({ field: 'progressId' });
  const rebuild = request(app.getHttpServer()).post(`/audit/rebuilds/work-order-figures?progressId=${v1}`).set('authorization', `Bearer ${auditor()}`);
  expect((await rebuild.expect(400)).body.errors[0]).toMatchObject({ field: 'progressId' });
});
