import path from 'node:path';
import { INestApplication } from '@nestjs/common';
import { Role } from '@houqin/auth';
import { ManualClock } from '@houqin/event-sourcing';
import { token } from '@houqin/testing';
import { repairCategoryOf } from '../src/application/linked-assets';
import { FacilitiesTestApp } from './support/facilities-app';

const { seedAssets, ledgerOf, pickLedgerAsset } = require(path.join(__dirname, '../../../infra/scripts/demo/assets.js')) as {
  seedAssets: (admin: string, helpers: object) => Promise<void>;
  ledgerOf: (school: object, today: string) => unknown[];
  pickLedgerAsset: (items: object[], name: string) => { assetId: string } | undefined;
};
type DemoOrder = { asset?: string; report: { title: string; category: string } };
const { seedAssetIntake } = require(path.join(__dirname, '../../../infra/scripts/demo/asset-intake.js')) as { seedAssetIntake: (admin: string, helpers: object) => Promise<void> };
const { seedWorkOrders, workOrderSchools } = require(path.join(__dirname, '../../../infra/scripts/demo/work-orders.js')) as {
  seedWorkOrders: (admin: string, helpers: object) => Promise<void>;
  workOrderSchools: { code: string; orders: DemoOrder[] }[];
};

/**
 * The demo's asset ledger (infra/scripts/demo/assets.js), then its work orders and QR labels (demo/work-orders.js,
 * demo/asset-intake.js, in seed-demo.js's order) against the real module over HTTP, identity's part stubbed (each
 * seeding account is a token of its role and school): every asset registers, some are lent, one is scrapped, one
 * awaits the bureau; the work orders about an asset name one the ledger holds, under its category; a second run sends
 * the same commands and changes nothing.
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
  { code: 'S002', name: '第一中学', students: 2950, schoolBuses: true, boarding: true },
  { code: 'S007', name: '启智学校', students: 186, schoolBuses: true, boarding: true },
  { code: 'S004', name: '文苑初级中学', students: 1420, schoolBuses: false, boarding: false },
];
const schoolIdOf = (code: string) => `${code}-${facilities.schema.slice(-6)}`;
const tokens = new Map(schools.map((s) => [s.code, token({ sub: `seed.${s.code}`, role: 'school-admin', schoolId: schoolIdOf(s.code) })]));
/** A seeding account: a token of its role and school, created once (the work orders' business times count back from it). */
const sessions = new Map<string, { id: string; createdAt: number; bearer: string }>();
function seedingSession(_admin: string, account: { username: string; role: Role; schoolId: string }) {
  const session = sessions.get(account.username) ?? { id: account.username, createdAt: Date.now(), bearer: token({ sub: account.username, role: account.role, schoolId: schoolIdOf(account.schoolId) }) };
  sessions.set(account.username, session);
  return Promise.resolve(session);
}

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
  seedingSession,
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

it("names in every demo work order about an asset one the school's ledger holds, under the asset's category; a second run adds none", async () => {
  // seed-demo.js's order: the ledger (above), the work orders, then the QR labels, whose two scanned faults name assets too.
  for (let run = 0; run < 2; run++) {
    await seedWorkOrders('admin', helpers()); // the second time the same commands again: answered, not repeated
    await seedAssetIntake('admin', helpers());
  }

  const demoOrders = (code: string) => workOrderSchools.find((w) => w.code === code)?.orders ?? [];
  expect(schools.flatMap((s) => demoOrders(s.code)).filter((o) => o.asset).length).toBeGreaterThanOrEqual(3);
  for (const { code } of schools) {
    const bearer = tokens.get(code);
    const orders = demoOrders(code);
    const expected = orders.length + 2; // and the two faults scanned on QR labels
    let listed: { workOrderId: string; assetId?: string; category: string; title: string }[] = [];
    for (let tries = 0; tries < 80 && listed.length < expected; tries++) {
      if (tries > 0) await new Promise((resolve) => setTimeout(resolve, 250));
      listed = (await call('GET', `${base}/work-orders?limit=200`, { bearer })).reply.items;
    }
    expect(listed).toHaveLength(expected);
    const aboutAssets = listed.filter((o) => o.assetId);
    expect(aboutAssets).toHaveLength(orders.filter((o) => o.asset).length + 2);
    for (const order of aboutAssets) {
      const asset = await call('GET', `${base}/assets/${order.assetId}`, { bearer });
      expect(asset.status).toBe(200); // the ledger holds it, in this school
      expect(asset.reply.schoolId).toBe(schoolIdOf(code));
      const detail = (await call('GET', `${base}/work-orders/${order.workOrderId}`, { bearer })).reply;
      expect(detail.assetCategory).toBe(asset.reply.category);
      expect(order.category).toBe(repairCategoryOf(asset.reply.category));
    }
    // Each names the asset it is about.
    const assetOf = async (title: string) => (await call('GET', `${base}/assets/${listed.find((o) => o.title === title)?.assetId}`, { bearer })).reply.name;
    expect(await assetOf('投影仪画面偏黄，看不清板书')).toBe('教室投影仪');
    expect(await assetOf('空调开机后不制冷')).toBe('教室柜式空调');
    for (const order of orders.filter((o) => o.asset)) expect(await assetOf(order.report.title)).toBe(order.asset);
  }
  // S002's water heater fails twice: the second report is a repeat of the first.
  const s002 = (await call('GET', `${base}/work-orders?limit=200`, { bearer: tokens.get('S002') })).reply.items as { workOrderId: string; title: string }[];
  const again = s002.find((o) => o.title === '宿舍楼热水机组又不出热水');
  expect((await call('GET', `${base}/work-orders/${again?.workOrderId}`, { bearer: tokens.get('S002') })).reply.repeat).toBeDefined();
});

it('picks the same ledger asset every run: by name, still in the ledger, the lowest serial number', () => {
  const items = [
    { assetId: 'b', name: '教室投影仪', serialNumber: 'S001-2020-2019-02', ledgerStatus: 'in-use' },
    { assetId: 'a', name: '教室投影仪', serialNumber: 'S001-2020-2018-01', ledgerStatus: 'disposed' },
    { assetId: 'c', name: '教室投影仪', serialNumber: 'S001-2020-2020-03', ledgerStatus: 'lent' },
    { assetId: 'd', name: '立式钢琴', serialNumber: 'S001-3220-2017-01', ledgerStatus: 'in-use' },
  ];
  expect(pickLedgerAsset(items, '教室投影仪')?.assetId).toBe('b');
  expect(pickLedgerAsset([...items].reverse(), '教室投影仪')?.assetId).toBe('b');
  expect(pickLedgerAsset(items, '校车（专用校车）')).toBeUndefined();
});
