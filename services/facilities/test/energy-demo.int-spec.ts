import path from 'node:path';
import { INestApplication } from '@nestjs/common';
import { ManualClock } from '@houqin/event-sourcing';
import { token } from '@houqin/testing';
import { FacilitiesTestApp } from './support/facilities-app';

const { seedEnergy } = require(path.join(__dirname, '../../../infra/scripts/demo/energy.js')) as { seedEnergy: (admin: string, helpers: object) => Promise<void> };

/**
 * The demo's energy seeding (infra/scripts/demo/energy.js) against the real module over HTTP, identity's part
 * stubbed (the seeding account is a school-admin token): meters per building, monthly readings of the term up
 * to now, S003's replacement and S002's flagged jump; a second run sends the same commands and changes nothing.
 */
const facilities = new FacilitiesTestApp('facilities_energy_demo', new ManualClock(new Date(Date.now() + 60_000).toISOString()));
let app: INestApplication;
let base: string;
beforeAll(async () => {
  app = await facilities.start();
  await app.listen(0, '127.0.0.1');
  base = await app.getUrl();
});
afterAll(() => facilities.stop());

// The script's S002 (boarding; its canteen water jumps) and S003 (its canteen water meter is replaced), each signed in
// as a school of this test's own (the token's school is the meters' school).
const schools = [
  { code: 'S002', name: '第一中学', boarding: true, floorAreaM2: 68400, students: 2950 },
  { code: 'S003', name: '阳光小学', boarding: false, floorAreaM2: 12800, students: 960 },
];
const tokens = new Map(schools.map((s) => [s.code, token({ sub: `seed.${s.code}`, role: 'school-admin', schoolId: `${s.code}-${facilities.schema.slice(-6)}` })]));

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

it('installs the meters of each school and reads them monthly, with one replacement and one flagged jump', async () => {
  const h = helpers();
  await seedEnergy('admin', h);
  await seedEnergy('admin', h); // the same commands again: answered, not repeated

  const boarding = await call('GET', `${base}/meters?limit=50`, { bearer: tokens.get('S002') });
  expect(boarding.reply.items.map((m: { building: string; kind: string }) => `${m.building}/${m.kind}`).sort()).toEqual(
    ['学生宿舍/electricity', '学生宿舍/water', '教学楼/electricity', '食堂/electricity', '食堂/gas', '食堂/water'].sort(),
  );
  const months = new Date(Date.now() + 8 * 3_600_000).getUTCMonth() + 1;
  const expectedReadings = months >= 9 ? months - 9 + (isLastDayPast() ? 1 : 0) : months + 3 + (isLastDayPast() ? 1 : 0);
  const readings = await call('GET', `${base}/meters/readings?limit=500`, { bearer: tokens.get('S002') });
  expect(readings.reply.items).toHaveLength(6 * expectedReadings);
  if (expectedReadings >= 3) expect(readings.reply.items.filter((r: { flagged: boolean }) => r.flagged)).toEqual([expect.objectContaining({ building: '食堂', kind: 'water', month: expect.stringMatching(/-11$/) })]);
  const replaced = await call('GET', `${base}/meters`, { bearer: tokens.get('S003') });
  if (expectedReadings >= 2) expect(replaced.reply.items.find((m: { kind: string }) => m.kind === 'water')).toMatchObject({ replacements: 1 });
});

/** Whether this month's last day at 17:00 Beijing has passed (never, but for the last 7 hours of a month). */
function isLastDayPast(): boolean {
  const beijing = new Date(Date.now() + 8 * 3_600_000);
  const lastDay = new Date(Date.UTC(beijing.getUTCFullYear(), beijing.getUTCMonth() + 1, 0)).getUTCDate();
  return beijing.getUTCDate() === lastDay && beijing.getUTCHours() >= 17;
}
