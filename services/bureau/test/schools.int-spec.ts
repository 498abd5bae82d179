import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { INestApplication } from '@nestjs/common';
import { Topics } from '@houqin/contracts';
import { createKafka } from '@houqin/messaging';
import { sql, token } from '@houqin/testing';
import { bureauConsumerOptions, schoolsConsumerOptions } from '../src/infrastructure/event-transport';
import { schoolStream, workOrderStream } from './envelopes';
import { BureauTestApp } from './support/bureau-app';

/**
 * The school register through the real bureau module: identity's school events on the tests' broker,
 * consumed under the bureau's own schools group into the `schools` read model, and the statistics
 * endpoints over HTTP naming and filtering every registered school.
 */
const bureau = new BureauTestApp();
let app: INestApplication;

beforeAll(async () => {
  app = await bureau.start();
});
afterAll(() => bureau.stop());

const code = () => `S${randomBytes(3).toString('hex')}`;
const [A, B, C] = [code(), code(), code()];
const profile = (name: string, type: string) => ({ name, type, address: '城关镇和平路1号', boarding: false, canteen: true, schoolBuses: false, floorAreaM2: 12500.5 });
const schoolA = schoolStream(A, profile('城关第一小学', 'primary'));
const schoolB = schoolStream(B, profile('城关第二中学', 'junior-secondary'));

const official = token({ sub: 'chen.ju', role: 'bureau-official' });
const auditor = token({ sub: 'audit.li', role: 'auditor' });
const staffOfA = token({ sub: 'li.lei', role: 'school-staff', schoolId: A });
const get = (path: string, bearer = official) => request(app.getHttpServer()).get(path).set('authorization', `Bearer ${bearer}`);

/** Polls a read until it satisfies the check (the consumers are asynchronous), then answers its body. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON answers, checked by the tests
async function until<T = any>(path: string, check: (body: T) => boolean, bearer = official, timeoutMs = 30_000): Promise<T> {
  let last: unknown;
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; await new Promise((r) => setTimeout(r, 100))) {
    const response = await get(path, bearer);
    last = response.body;
    if (response.status === 200 && check(response.body)) return response.body;
  }
  throw new Error(`${path} never satisfied the check; last answer ${JSON.stringify(last)}`);
}
const itemOf = (body: { items: { schoolId: string }[] }, id: string) => body.items.find((i) => i.schoolId === id);

it('lists a school from SchoolRegistered with zeros, named and typed, before it has any repair', async () => {
  await bureau.publish(Topics.identityEvents, [schoolA.registered(), schoolB.registered()]);

  const register = await until('/statistics/schools', (b) => b.items.length === 2);
  expect(register.items[0]).toMatchObject({ schoolId: [A, B].sort()[0] });
  expect(itemOf(register, A)).toEqual({
    schoolId: A,
    name: '城关第一小学',
    type: 'primary',
    typeZh: '小学',
    address: '城关镇和平路1号',
    boarding: false,
    canteen: true,
    schoolBuses: false,
    floorAreaM2: 12500.5,
    years: [],
    registeredAt: '2026-09-01T00:00:00.000Z',
    changedAt: '2026-09-01T00:00:00.000Z',
  });

  const figures = (await get('/statistics/work-orders/schools').expect(200)).body;
  expect(itemOf(figures, B)).toEqual({
    schoolId: B,
    name: '城关第二中学',
    type: 'junior-secondary',
    typeZh: '初中',
    registered: true,
    reported: 0,
    open: 0,
    completed: 0,
    verified: 0,
    completionCount: 0,
    completionMsTotal: 0,
    meanTimeToCompleteMs: null,
  });
  expect((await get(`/statistics/work-orders/schools/${A}`).expect(200)).body).toMatchObject({ name: '城关第一小学', reported: 0 });
  expect((await get('/statistics/work-orders/district', auditor).expect(200)).body).toMatchObject({ schools: 2, registeredSchools: 2, reported: 0 });
  const sla = (await get('/statistics/work-orders/sla').expect(200)).body;
  expect(sla.schools.map((s: { schoolId: string; typeZh: string }) => [s.schoolId, s.typeZh])).toEqual([[A, '小学'], [B, '初中']].sort());

  // Under the bureau's own group for identity's topic, not the facilities group.
  const groups = schoolsConsumerOptions();
  expect(groups.groupId).toBe(`${bureauConsumerOptions().groupId}-schools`);
  const admin = createKafka(groups.kafka).admin();
  await admin.connect();
  try {
    const committed = async (groupId: string, topic: string) =>
      (await admin.fetchOffsets({ groupId, topics: [`${groups.kafka.topicPrefix}${topic}`] }))[0].partitions.reduce((n, p) => n + Math.max(0, Number(p.offset)), 0);
    expect(await committed(groups.groupId, Topics.identityEvents)).toBeGreaterThanOrEqual(2);
    expect(await committed(bureauConsumerOptions().groupId, Topics.identityEvents)).toBe(0);
  } finally {
    await admin.disconnect();
  }
});

it('follows a profile change and the counts of a school year', async () => {
  await bureau.publish(Topics.identityEvents, [schoolA.changed(2, { name: '城关实验学校', type: 'nine-year', boarding: true }), schoolA.year(3, '2026-2027', 820, 61), schoolA.year(4, '2025-2026', 800, 60)]);
  const school = await until(`/statistics/schools/${A}`, (b) => b.years?.length === 2);
  expect(school).toMatchObject({
    name: '城关实验学校',
    type: 'nine-year',
    typeZh: '九年一贯制',
    boarding: true,
    years: [
      { schoolYear: '2026-2027', students: 820, staff: 61 },
      { schoolYear: '2025-2026', students: 800, staff: 60 },
    ],
    changedAt: '2026-09-03T00:00:00.000Z',
  });
  expect(itemOf((await get('/statistics/work-orders/schools').expect(200)).body, A)).toMatchObject({ name: '城关实验学校', type: 'nine-year', typeZh: '九年一贯制' });
});

it('absorbs a redelivery of the same events: nothing changes, duplicates are counted', async () => {
  const before = (await get(`/statistics/schools/${A}`).expect(200)).body;
  const { schoolRegister } = (await get('/statistics/work-orders/district').expect(200)).body;
  // Redelivered as the relay would after a crash: the same stream versions again (new ids, older content).
  await bureau.publish(Topics.identityEvents, [schoolA.registered(), schoolA.changed(2, { name: '旧名' }), schoolB.registered()]);
  const after = await until('/statistics/work-orders/district', (b) => b.schoolRegister.duplicatesAbsorbed >= schoolRegister.duplicatesAbsorbed + 3);
  expect(after.schoolRegister.eventsApplied).toBe(schoolRegister.eventsApplied);
  expect((await get(`/statistics/schools/${A}`).expect(200)).body).toEqual(before);
  const [row] = await sql<{ last_version: number }>(bureau.schema, 'SELECT last_version FROM schools WHERE school_id = $1', [A]);
  expect(row.last_version).toBe(4);
});

it('filters by school type and by date range, and counts the repairs of an unregistered school without a type filter', async () => {
  const [wo, elsewhere] = [workOrderStream(A), workOrderStream(C)];
  // Reported 2026-11-24 16:00 Beijing time; completed two hours later.
  await bureau.publish(Topics.facilitiesEvents, [wo.reported(), wo.completed(2), elsewhere.reported()]);
  await until('/statistics/work-orders/district', (b) => b.reported === 2);

  const nineYear = (await get('/statistics/work-orders/schools?schoolType=nine-year').expect(200)).body;
  expect(nineYear.items).toEqual([expect.objectContaining({ schoolId: A, reported: 1, completed: 1, meanTimeToCompleteMs: 2 * 3600_000 })]);
  const junior = (await get('/statistics/work-orders/schools?schoolType=junior-secondary').expect(200)).body;
  expect(junior.items).toEqual([expect.objectContaining({ schoolId: B, reported: 0 })]);
  expect((await get('/statistics/work-orders/district?schoolType=nine-year').expect(200)).body).toMatchObject({ schools: 1, registeredSchools: 1, reported: 1, completed: 1 });
  expect((await get('/statistics/work-orders/district?schoolType=primary').expect(200)).body).toMatchObject({ schools: 0, reported: 0 });
  expect((await get('/statistics/schools?schoolType=junior-secondary').expect(200)).body.items.map((s: { schoolId: string }) => s.schoolId)).toEqual([B]);
  expect((await get('/statistics/work-orders/sla?schoolType=nine-year').expect(200)).body).toMatchObject({ schools: [expect.objectContaining({ schoolId: A })], byPriority: { normal: { reported: 1 } } });

  // No filter: C has repairs but no register entry, listed unnamed.
  const all = (await get('/statistics/work-orders/district').expect(200)).body;
  expect(all).toMatchObject({ schools: 3, registeredSchools: 2, reported: 2 });
  expect(itemOf((await get('/statistics/work-orders/schools').expect(200)).body, C)).toMatchObject({ name: null, type: null, typeZh: null, registered: false, reported: 1 });

  // Beijing days, both ends included.
  expect((await get('/statistics/work-orders/district?from=2026-11-24&to=2026-11-24').expect(200)).body).toMatchObject({ reported: 2, completed: 1, completionMsTotal: 2 * 3600_000 });
  expect((await get('/statistics/work-orders/district?from=2026-11-25').expect(200)).body).toMatchObject({ schools: 2, reported: 0 });
  expect((await get('/statistics/work-orders/district?to=2026-11-23').expect(200)).body).toMatchObject({ reported: 0 });
  expect((await get(`/statistics/work-orders/schools/${A}?from=2026-11-24`).expect(200)).body).toMatchObject({ name: '城关实验学校', reported: 1 });
  // A range covering every report adds up the same as the sums kept per school.
  const kept = (await get('/statistics/work-orders/schools').expect(200)).body;
  expect((await get('/statistics/work-orders/schools?from=2000-01-01&to=2099-12-31').expect(200)).body).toEqual(kept);
  const keptSla = (await get('/statistics/work-orders/sla').expect(200)).body;
  expect((await get('/statistics/work-orders/sla?from=2000-01-01&to=2099-12-31').expect(200)).body).toEqual(keptSla);
  expect((await get('/statistics/work-orders/sla?from=2026-11-25').expect(200)).body).toMatchObject({ byPriority: { normal: { reported: 0 } } });
  expect((await get(`/statistics/work-orders/sla/schools/${A}?from=2026-11-24&to=2026-11-24`).expect(200)).body).toMatchObject({
    name: '城关实验学校',
    byPriority: { normal: { reported: 1, completion: { met: 1, missed: 0, rate: 1 } } },
  });

  const refused = (await get('/statistics/work-orders/schools?schoolType=university&from=2026-02-30').expect(400)).body;
  expect(refused.errors.map((e: { field: string }) => e.field).sort()).toEqual(['from', 'schoolType']);
});

it('shows a school role its own school only', async () => {
  expect((await get('/statistics/schools', staffOfA).expect(200)).body.items.map((s: { schoolId: string }) => s.schoolId)).toEqual([A]);
  expect((await get('/statistics/work-orders/schools', staffOfA).expect(200)).body.items.map((s: { schoolId: string }) => s.schoolId)).toEqual([A]);
  expect((await get('/statistics/work-orders/schools?schoolType=junior-secondary', staffOfA).expect(200)).body.items).toEqual([]);
  await get(`/statistics/schools/${A}`, staffOfA).expect(200);
  await get(`/statistics/schools/${B}`, staffOfA).expect(404);
  await get(`/statistics/work-orders/schools/${B}`, staffOfA).expect(404);
  await get('/statistics/work-orders/district', staffOfA).expect(403);
  await get('/statistics/schools/S-not-registered').expect(404);
});

it('documents the filters and the named answers in Swagger', async () => {
  const doc = (await request(app.getHttpServer()).get('/docs-json').expect(200)).body;
  const params = (path: string) => doc.paths[path].get.parameters.map((p: { name: string }) => p.name).sort();
  expect(params('/statistics/work-orders/district')).toEqual(['from', 'schoolType', 'to']);
  expect(params('/statistics/work-orders/schools')).toEqual(['from', 'schoolType', 'to']);
  expect(params('/statistics/schools')).toEqual(['schoolType']);
  expect(params('/statistics/work-orders/sla')).toEqual(['from', 'schoolType', 'to']);
  expect(params('/statistics/work-orders/sla/schools/{schoolId}')).toEqual(['from', 'schoolId', 'to']);
  expect(doc.paths['/statistics/schools/{schoolId}'].get.responses['404']).toBeDefined();
  expect(Object.keys(doc.components.schemas.SchoolFiguresDto.properties)).toEqual(expect.arrayContaining(['name', 'type', 'typeZh', 'registered', 'reported', 'meanTimeToCompleteMs']));
  expect(doc.components.schemas.SchoolDto.properties.years).toBeDefined();
});
