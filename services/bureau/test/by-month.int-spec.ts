import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { INestApplication } from '@nestjs/common';
import { Topics } from '@houqin/contracts';
import { token } from '@houqin/testing';
import { schoolStream, workOrderStream } from './envelopes';
import { BureauTestApp } from './support/bureau-app';

/**
 * GET /statistics/work-orders/by-month through the real bureau module: repairs reported and first completed per
 * Beijing month, per school and summed, from the work-order figure's rows; filters and the school scope as the others.
 */
const bureau = new BureauTestApp();
let app: INestApplication;

beforeAll(async () => {
  app = await bureau.start();
});
afterAll(() => bureau.stop());

const code = () => `M${randomBytes(3).toString('hex')}`;
// In the order the answer lists schools within a month (by code), whatever the random codes are.
const [A, B] = [code(), code()].sort();
const official = token({ sub: 'chen.ju', role: 'bureau-official' });
const staffOfA = token({ sub: 'li.lei', role: 'school-staff', schoolId: A });
const get = (path: string, bearer = official) => request(app.getHttpServer()).get(path).set('authorization', `Bearer ${bearer}`);

async function until(path: string, check: (body: { months: { reported: number }[] }) => boolean) {
  for (const deadline = Date.now() + 30_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 100))) {
    const response = await get(path);
    if (response.status === 200 && check(response.body)) return response.body;
  }
  throw new Error(`${path} never satisfied the check`);
}

it('counts each repair in its report month and its first completion month (Beijing), per school and for the district', async () => {
  await bureau.publish(Topics.identityEvents, [schoolStream(A, { name: '城关第一小学', type: 'primary', address: '和平路1号', boarding: false, canteen: true, schoolBuses: false, floorAreaM2: 9000 }).registered()]);
  const [a1, a2, b1] = [workOrderStream(A), workOrderStream(A), workOrderStream(B)];
  // Reported 2026-11-24 16:00 Beijing; a1 completed the same day, a2 on 2026-12-01 01:00 Beijing (still 11-30 in UTC).
  await bureau.publish(Topics.facilitiesEvents, [a1.reported(), a1.completed(2), a2.reported(), a2.completed(2, '2026-11-30T17:00:00.000Z'), b1.reported()]);
  const all = await until('/statistics/work-orders/by-month', (b) => b.months.reduce((n, m) => n + m.reported, 0) === 3);

  expect(all.months).toEqual([
    { month: '2026-11', reported: 3, completed: 1 },
    { month: '2026-12', reported: 0, completed: 1 },
  ]);
  expect(all.schools).toEqual([
    { schoolId: A, month: '2026-11', reported: 2, completed: 1 },
    { schoolId: B, month: '2026-11', reported: 1, completed: 0 },
    { schoolId: A, month: '2026-12', reported: 0, completed: 1 },
  ]);
  expect(all.projection.eventsApplied).toBeGreaterThanOrEqual(5);

  // Filters: school type (the register's), and the repairs reported in a range of Beijing days.
  expect((await get('/statistics/work-orders/by-month?schoolType=primary').expect(200)).body.months).toEqual(all.months.map((m: { month: string }) => (m.month === '2026-11' ? { month: '2026-11', reported: 2, completed: 1 } : m)));
  expect((await get('/statistics/work-orders/by-month?from=2026-11-25').expect(200)).body).toMatchObject({ months: [], schools: [] });
  expect((await get('/statistics/work-orders/by-month?from=2026-11-24&to=2026-11-24').expect(200)).body.months[0]).toEqual({ month: '2026-11', reported: 3, completed: 1 });
  const refused = (await get('/statistics/work-orders/by-month?from=2026-13-01').expect(400)).body;
  expect(refused.errors[0]).toMatchObject({ field: 'from' });
});

it('shows a school role its own school only', async () => {
  const mine = (await get('/statistics/work-orders/by-month', staffOfA).expect(200)).body;
  expect(new Set(mine.schools.map((s: { schoolId: string }) => s.schoolId))).toEqual(new Set([A]));
});
