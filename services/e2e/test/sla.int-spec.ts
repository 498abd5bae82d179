import { randomUUID } from 'node:crypto';
import { call, eventually, Platform, token } from '@houqin/testing';


/**
 * Deadlines and late entries across the platform: facilities stamps the deadlines and raises the overdue
 * facts (its scheduler on the system clock, scanning every 200 ms here), the bureau keeps the SLA figure
 * live from Kafka, and the audit rebuilds it from the topic's first event and finds it equal.
 */
const platform = new Platform();
const school = `L${randomUUID().slice(0, 6)}`;
const staff = token({ sub: 'li.lei', role: 'school-staff', schoolId: school });
const admin = token({ sub: 'wang.fang', role: 'school-admin', schoolId: school });
const official = token({ sub: 'chen.ju', role: 'bureau-official' });
const auditor = token({ sub: 'sun.shen', role: 'auditor' });
const facilities = (path = '') => `${platform.url('facilities')}/work-orders${path}`;
const sla = (path = '') => `${platform.url('bureau')}/statistics/work-orders/sla${path}`;
/** eventually(), naming what it saw last when the condition never held. */
async function until<T>(what: string, read: () => Promise<T>, holds: (value: T) => boolean): Promise<T> {
  let last: T | undefined;
  try {
    return await eventually(async () => ((last = await read()), holds(last) ? last : undefined), 30_000);
  } catch (err) {
    throw new Error(`${what}: ${(err as Error).message}; last seen ${JSON.stringify(last)}`);
  }
}
const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();

beforeAll(() => platform.start({ facilities: { FACILITIES_SLA_SCAN_INTERVAL_MS: '200' } }), 120_000);
afterAll(() => platform.stop(), 60_000);

it('marks a late entry (补录), raises its passed deadlines, shows the bureau its SLA, and the audit replays the same figure', async () => {
  // Entered 26 h after it happened: late, and its urgent deadlines (1 h / 24 h) have already passed.
  const late = await call('POST', facilities(), { token: staff, body: { title: '水管爆裂', location: '食堂后厨', category: 'plumbing', priority: 'urgent', occurredAt: hoursAgo(26) } });
  expect(late.status).toBe(201);
  // On time, answered at once.
  const onTime = await call('POST', facilities(), { token: staff, body: { title: '灯管不亮', location: '302', category: 'electrical', priority: 'urgent' } });
  expect((await call('POST', facilities(`/${onTime.body.workOrderId}/assign`), { token: admin, body: { assignee: '电工 张师傅' } })).status).toBe(200);

  const raised = await until(
    'overdue raised',
    async () => (await call('GET', facilities(`/${late.body.workOrderId}`), { token: staff })).body,
    (detail) => detail.sla?.responseOverdue && detail.sla?.completionOverdue,
  );
  expect(raised.version).toBe(3);

  const figures = await until(
    'bureau SLA figures',
    async () => (await call('GET', sla(`/schools/${school}`), { token: official })).body,
    (body) => body.openOverdue === 1 && body.byPriority?.urgent.response.met === 1,
  );
  expect(figures).toEqual({
    schoolId: school,
    // Not in identity's register (this run has no identity): listed by its id alone.
    name: null,
    type: null,
    typeZh: null,
    registered: false,
    openOverdue: 1,
    lateEntries: 1,
    byPriority: expect.objectContaining({ urgent: { reported: 2, response: { met: 1, missed: 1, rate: 0.5 }, completion: { met: 0, missed: 1, rate: 0 } } }),
  });
  const district = await call('GET', sla(), { token: official });
  expect(district.status).toBe(200);
  expect(district.body.schools).toEqual(expect.arrayContaining([expect.objectContaining({ schoolId: school, openOverdue: 1 })]));
  expect((await call('GET', sla(), { token: staff })).status).toBe(403);

  const rebuild = await call('POST', `${platform.url('audit')}/audit/rebuilds/work-order-sla`, { token: auditor, idempotencyKey: null });
  expect(rebuild.status).toBe(200);
  expect(rebuild.body).toMatchObject({ matches: true, differences: [], rejected: 0 });
});

it('costs a repair on an asset, marks its second report a repeat (返修), and the audit replays the bureau’s repair-cost figure', async () => {
  const assetId = randomUUID();
  const report = () => call('POST', facilities(), { token: staff, body: { title: '热水器不热', location: '宿舍3号楼', category: 'plumbing', priority: 'high', assetId } });
  const first = (await report()).body.workOrderId;
  const act = (step: string, body: object) => call('POST', facilities(`/${first}/${step}`), { token: admin, body });
  expect((await act('dispatch/contractor', { company: '恒温维保', contact: '李工', phone: '13805710002' })).status).toBe(200);
  expect((await act('costs', { parts: [{ name: '温控器', quantity: 1, unitPriceFen: 12800 }], labourFen: 10000 })).status).toBe(200);
  const done = await act('complete', {});
  expect(done.status).toBe(200);
  await until('the completion listed', async () => (await call('GET', facilities(`?assetId=${assetId}&consistentWith=${done.body.position}`), { token: staff })).status, (s) => s === 200);
  const again = (await report()).body.workOrderId;
  expect((await call('GET', facilities(`/${again}`), { token: staff })).body.repeat).toMatchObject({ previousWorkOrderId: first });

  const figure = await until(
    'bureau repair costs',
    async () => (await call('GET', `${platform.url('bureau')}/statistics/repairs`, { token: official })).body,
    (body) => body.bySchool?.some((s: { schoolId: string; repeats: number }) => s.schoolId === school && s.repeats === 1),
  );
  expect(figure.byAsset.find((a: { assetId: string }) => a.assetId === assetId)).toMatchObject({ reports: 2, repeats: 1, costFen: 22800 });
  const rebuild = await call('POST', `${platform.url('audit')}/audit/rebuilds/repair-costs`, { token: auditor, idempotencyKey: null });
  expect(rebuild.status).toBe(200);
  expect(rebuild.body).toMatchObject({ matches: true, differences: [], rejected: 0 });
});
