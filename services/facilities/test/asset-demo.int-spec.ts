import path from 'node:path';
import { INestApplication } from '@nestjs/common';
import { ManualClock } from '@houqin/event-sourcing';
import { token } from '@houqin/testing';
import { FacilitiesTestApp } from './support/facilities-app';

const { seedAssets, ledgerOf } = require(path.join(__dirname, '../../../infra/scripts/demo/assets.js')) as {
  seedAssets: (admin: string, helpers: object) => Promise<void>;
  ledgerOf: (school: object, today: string) => unknown[];
};

/**
 * The demo's asset ledger (infra/scripts/demo/assets.js) against the real module over HTTP, identity's part stubbed
 * (the seeding account is a school-admin token): every asset registers, some are lent, one is scrapped, one awaits
 * the bureau; a second run sends the same commands and changes nothing.
 */
const facilities = new FacilitiesTestApp('facilities_asset_demo', new ManualClock(new Date(Date.now() + 60_000).toISOString()));
let app: INestApplication;
let base: string;
beforeAll(async () => {
  app = await facilities.start();
  await app.listen(0, '127.0.0.1');
  base = await app.getUrl();
});
afterAll(() => facilities.stop());

const schools = [
  { code: 'S002', name: '第一中学', students: 2950, schoolBuses: true },
  { code: 'S007', name: '启智学校', students: 186, schoolBuses: true },
  { code: 'S004', name: '文苑初级中学', students: 1420, schoolBuses: false },
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

it('registers a realistic ledger per school, with loans, a scrapped asset and a disposal awaiting the bureau', async () => {
  const h = helpers();
  await seedAssets('admin', h);
  await seedAssets('admin', h); // the same commands again: answered, not repeated

  const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
  for (const school of schools) {
    const bearer = tokens.get(school.code);
    const all = await call('GET', `${base}/assets?limit=200`, { bearer });
    expect(all.reply.items).toHaveLength(ledgerOf(school, today).length);
    expect(all.reply.items.length).toBeGreaterThanOrEqual(29);
    const count = (status: string) => all.reply.items.filter((a: { ledgerStatus: string }) => a.ledgerStatus === status).length;
    expect(count('lent')).toBeGreaterThanOrEqual(2);
    expect(count('disposed')).toBe(1);
    const awaiting = all.reply.items.filter((a: { disposal?: { stage: string } }) => a.disposal?.stage === 'awaiting-bureau');
    expect(awaiting).toEqual([expect.objectContaining({ name: school.schoolBuses ? '校车（专用校车）' : '校园广播系统' })]);
  }
});
