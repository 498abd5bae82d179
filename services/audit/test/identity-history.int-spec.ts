import { randomUUID } from 'node:crypto';
import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { EVENT_STORE_MIGRATIONS, NewEvent, pgPoolOf, PostgresEventStore } from '@houqin/event-store';
import { configureApp, createHttpApp } from '@houqin/platform';
import { createTestDatabase, dropSchema, TestDatabase, token, uniqueName } from '@houqin/testing';

/**
 * The auditors browse and verify identity's history like facilities' (both are default sources): logins,
 * failures, lockouts, password changes, accounts and schools, with personal data masked in the answers.
 * Two event stores stand in for the services' (the event-store kit's own tables and appends).
 */
let identityStore: TestDatabase;
let facilitiesStore: TestDatabase;
let app: INestApplication;
const auditSchema = uniqueName('audit_identity');
const env: Record<string, string> = {};
const auditor = () => token({ sub: 'auditor.1', role: 'auditor' });
const ACCOUNT = 'Account-6f1c1d2e-8a4b-5c3d-9e8f-0a1b2c3d4e5f';

async function append(store: TestDatabase, streamId: string, streamType: string, schoolId: string, events: NewEvent[]) {
  const metadata = { actor: { id: 'admin', role: 'system-admin' }, correlationId: randomUUID(), occurredAt: '2026-11-30T08:00:00.000Z' };
  await new PostgresEventStore().appendAndRecord(pgPoolOf(store.dataSource), streamId, events, { streamType, schoolId, metadata, head: null });
}

beforeAll(async () => {
  [identityStore, facilitiesStore] = await Promise.all([createTestDatabase('audit_src_identity', EVENT_STORE_MIGRATIONS), createTestDatabase('audit_src_facilities', EVENT_STORE_MIGRATIONS)]);
  const at = '2026-11-30T08:00:00.000Z';
  const whose = { accountId: ACCOUNT.slice('Account-'.length), schoolId: 'S001' };
  await append(identityStore, 'School-S001', 'School', 'S001', [
    { type: 'SchoolRegistered', schemaVersion: 1, data: { schoolId: 'S001', name: '第一实验小学', type: 'primary', address: '人民路 1 号', boarding: false, canteen: true, schoolBuses: false, floorAreaM2: 12500, registeredBy: 'admin', registeredAt: at } },
  ]);
  await append(identityStore, ACCOUNT, 'Account', 'S001', [
    { type: 'AccountCreated', schemaVersion: 1, data: { ...whose, username: 'li.lei', displayName: '李雷', phone: '13812341234', role: 'school-staff', posts: ['guard'], credentialId: randomUUID(), mustChangePassword: true, source: 'manual', createdBy: 'admin', createdAt: at } },
    { type: 'AccountLoginFailed', schemaVersion: 1, data: { ...whose, reason: 'wrong-password', consecutiveFailures: 5, failedAt: at } },
    { type: 'AccountLockedOut', schemaVersion: 1, data: { ...whose, failures: 5, lockedAt: at, lockedUntil: '2026-11-30T08:15:00.000Z' } },
    { type: 'AccountPasswordChanged', schemaVersion: 1, data: { ...whose, credentialId: randomUUID(), changedAt: at } },
    { type: 'AccountLoggedIn', schemaVersion: 1, data: { ...whose, sessionId: randomUUID(), mustChangePassword: false, loggedInAt: at } },
  ]);
  await append(facilitiesStore, 'WorkOrder-1', 'WorkOrder', 'S001', [
    { type: 'WorkOrderReported', schemaVersion: 1, data: { workOrderId: '1', schoolId: 'S001', title: '饮水机漏水', description: '请联系王老师 13912345678', reportedAt: at } },
  ]);
  Object.assign(env, {
    DATABASE_URL: identityStore.url,
    AUDIT_DB_SCHEMA: auditSchema,
    IDENTITY_DB_SCHEMA: identityStore.schema,
    FACILITIES_DB_SCHEMA: facilitiesStore.schema,
    HOUQIN_DEV_AUTH: '1',
  });
  for (const [name, value] of Object.entries(env)) process.env[name] = value;
  delete process.env['AUDIT_SOURCES'];
  const { AuditModule } = await import('../src/app.module');
  const moduleRef = await Test.createTestingModule({ imports: [AuditModule] }).compile();
  app = configureApp(await createHttpApp(moduleRef, { logger: false }), { title: 'audit' });
  await app.init();
}, 60_000);

afterAll(async () => {
  await app?.close();
  await Promise.all([identityStore?.drop(), facilitiesStore?.drop(), dropSchema(auditSchema)]);
  for (const name of Object.keys(env)) delete process.env[name];
});

const get = (path: string, bearer = auditor()) => request(app.getHttpServer()).get(path).set('authorization', `Bearer ${bearer}`);

it("answers identity's history in commit order: schools, accounts, failures, lockouts, password changes and logins", async () => {
  const reply = await get('/audit/identity/events').expect(200);
  expect(reply.body.items.map((e: { type: string }) => e.type)).toEqual(['SchoolRegistered', 'AccountCreated', 'AccountLoginFailed', 'AccountLockedOut', 'AccountPasswordChanged', 'AccountLoggedIn']);
  const created = reply.body.items[1];
  expect(created).toMatchObject({ streamId: ACCOUNT, schoolId: 'S001', actor: { id: 'admin', role: 'system-admin' }, hash: expect.any(String), prevHash: expect.any(String) });
  expect(created.payload).toMatchObject({ username: 'li.lei', displayName: '李雷', role: 'school-staff', phone: '138****1234' });
  expect(JSON.stringify(reply.body)).not.toContain('13812341234');
  const ofAccount = await get(`/audit/identity/events?streamId=${ACCOUNT}`).expect(200);
  expect(ofAccount.body.items).toHaveLength(5);
});

it("verifies identity's hash chains (the stored events, not the masked answer)", async () => {
  const reply = await get('/audit/identity/verification').expect(200);
  expect(reply.body).toMatchObject({ source: 'identity', ok: true, streamsChecked: 2, eventsChecked: 6, breaks: [] });
});

it("keeps facilities' history, with a phone written in a description masked too", async () => {
  const reply = await get('/audit/facilities/events').expect(200);
  expect(reply.body.items).toHaveLength(1);
  expect(reply.body.items[0].payload).toMatchObject({ title: '饮水机漏水', description: '请联系王老师 139****5678' });
});

it('answers an unknown source with 404 and refuses other roles', async () => {
  await get('/audit/payroll/events').expect(404);
  await get('/audit/identity/events', token({ sub: 'staff.1', role: 'school-staff', schoolId: 'S001' })).expect(403);
});
