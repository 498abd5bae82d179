import request from 'supertest';
import { token } from '@houqin/testing';
import { FacilitiesTestApp } from './facilities-app';

const TIMERS = ['FACILITIES_INSPECTION_SCAN_INTERVAL_MS', 'FACILITIES_INSPECTION_WORK_ORDERS_INTERVAL_MS'];

/**
 * The inspection specs' harness: the real facilities module in its own schema, started before the file's tests
 * with the clock at 2026-09-01 and the inspection timers off (tests call tick()); fresh schools with a staff and an
 * admin token; HTTP helpers (each POST with a fresh Idempotency-Key).
 */
export function inspectionHarness(prefix: string, schoolPrefix: string) {
  for (const name of TIMERS) process.env[name] = '0';
  const facilities = new FacilitiesTestApp(prefix);
  const { schema, clock, apps } = facilities;
  const app = () => apps[0];

  beforeAll(async () => {
    clock.set('2026-09-01T00:00:00.000Z');
    await facilities.start();
  });
  afterAll(async () => {
    await facilities.stop();
    for (const name of TIMERS) delete process.env[name];
  });

  let schools = 0;
  const school = () => {
    const n = ++schools;
    const id = `${schoolPrefix}${n}-${schema.slice(-8)}`;
    return { id, n, staff: token({ sub: `staff.${n}`, role: 'school-staff', schoolId: id }), admin: token({ sub: `admin.${n}`, role: 'school-admin', schoolId: id }) };
  };
  let keys = 0;
  const post = (path: string, bearer: string, body: object) =>
    request(app().getHttpServer()).post(path).set({ authorization: `Bearer ${bearer}`, 'idempotency-key': `${prefix}-key-${++keys}-${schema}` }).send(body);
  const get = (path: string, bearer: string, query: Record<string, string | number | boolean> = {}) =>
    request(app().getHttpServer()).get(path).set('authorization', `Bearer ${bearer}`).query(query);

  return { facilities, schema, clock, apps, app, school, post, get };
}
