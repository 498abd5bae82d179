import path from 'node:path';
import { INestApplication } from '@nestjs/common';
import { ManualClock } from '@houqin/event-sourcing';
import { sql, token } from '@houqin/testing';
import { InspectionScheduler } from '../src/application/inspection-scheduler';
import { InspectionWorkOrders } from '../src/application/inspection-work-orders';
import { FacilitiesTestApp } from './support/facilities-app';

const { seedInspections, termStart } = require(path.join(__dirname, '../../../infra/scripts/demo/inspections.js')) as {
  seedInspections: (admin: string, helpers: object) => Promise<void>;
  termStart: (now: number) => number;
};

/**
 * The demo's inspection seeding (infra/scripts/demo/inspections.js) against the real module over HTTP, identity's
 * part stubbed (one school-admin token per school plans and inspects): every plan is accepted, a term of inspections
 * is recorded, failed items become work orders through the process manager, missed due dates become overdue through
 * the scheduler; a second run sends the same commands and changes nothing.
 */
process.env['FACILITIES_INSPECTION_SCAN_INTERVAL_MS'] = '0';
process.env['FACILITIES_INSPECTION_WORK_ORDERS_INTERVAL_MS'] = '0';
const facilities = new FacilitiesTestApp('facilities_insp_demo', new ManualClock(new Date(Date.now() + 60_000).toISOString()));
let app: INestApplication;
let base: string;
beforeAll(async () => {
  app = await facilities.start();
  await app.listen(0, '127.0.0.1');
  base = await app.getUrl();
});
afterAll(async () => {
  await facilities.stop();
  delete process.env['FACILITIES_INSPECTION_SCAN_INTERVAL_MS'];
  delete process.env['FACILITIES_INSPECTION_WORK_ORDERS_INTERVAL_MS'];
});

// n = 1..3 picks which plans leave their last due date missed (S001: extinguishers; S003: hydrants and sports).
const schools = [
  { code: 'S001', name: '实验小学', type: 'primary', floorAreaM2: 21500 },
  { code: 'S002', name: '第一中学', type: 'complete-secondary', floorAreaM2: 68400 },
  { code: 'S003', name: '阳光小学', type: 'primary', floorAreaM2: 12800 },
];
const schoolOf = (code: string) => `${code}-${facilities.schema.slice(-6)}`;
const tokens = new Map(schools.map((s) => [s.code, token({ sub: `seed.${s.code}`, role: 'school-admin', schoolId: schoolOf(s.code) })]));

async function call(method: string, url: string, { bearer, key, body }: { bearer?: string; key?: string; body?: unknown } = {}) {
  const headers: Record<string, string> = { 'content-type': 'application/json', ...(bearer ? { authorization: `Bearer ${bearer}` } : {}), ...(key ? { 'idempotency-key': key } : {}) };
  const response = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  return { status: response.status, ok: response.ok, reply: text ? JSON.parse(text) : {} };
}
const helpers = () => ({
  call,
  post: async (url: string, bearer: string, key: string, body: unknown) => {
    const { status, ok, reply } = await call('POST', url, { bearer, key, body });
    if (!ok && status !== 409) throw new Error(`${url}: ${status} ${JSON.stringify(reply)}`);
    return reply;
  },
  findAccount: async () => undefined,
  seedingSession: async (_admin: string, account: { schoolId: string }) => ({ id: 'seed', createdAt: Date.now(), bearer: tokens.get(account.schoolId) }),
  command: async () => undefined,
  identity: 'http://identity.invalid',
  facilitiesBase: base,
  districtSchools: schools,
  say: () => undefined,
});
const count = async (query: string, params: unknown[] = []) => Number((await sql<{ n: string }>(facilities.schema, query, params))[0].n);

it('plans, inspects a term, opens work orders for failed items and leaves some due dates overdue; a second run adds nothing', async () => {
  const h = helpers();
  await seedInspections('admin', h);
  const events = await count(`SELECT count(*) AS n FROM events WHERE stream_type = 'InspectionPlan'`);
  await seedInspections('admin', h);
  expect(await count(`SELECT count(*) AS n FROM events WHERE stream_type = 'InspectionPlan'`)).toBe(events);

  const plans = await call('GET', `${base}/inspection-plans?limit=50`, { bearer: tokens.get('S002') });
  expect(plans.reply.items.map((p: { kind: string }) => p.kind).sort()).toEqual(['electrical', 'elevator', 'fire-extinguisher', 'fire-hydrant', 'laboratory', 'library', 'sports-equipment']);
  const recorded = await count(`SELECT count(*) AS n FROM events WHERE type = 'InspectionRecorded'`);
  const failed = await count(`SELECT coalesce(sum((data->>'failedItems')::int), 0) AS n FROM events WHERE type = 'InspectionRecorded'`);
  const opened = await app.get(InspectionWorkOrders).tick();
  expect(opened).toBe(failed);
  const overdue = await app.get(InspectionScheduler).tick();
  if (Date.now() - termStart(Date.now()) > 30 * 86_400_000) {
    expect(recorded).toBeGreaterThan(20);
    expect(overdue).toBeGreaterThanOrEqual(1); // the missed hydrant plan of S003 at least
  }
});
