import { randomBytes, randomUUID } from 'node:crypto';
import { ASSET_STREAM_TYPE, contracts, EventEnvelope } from '@houqin/contracts';
import { MemoryProjection } from '@houqin/projections';
import { assetDisposalsAwaitingBureau, assetValues, assetValuesAt, figureNamed, figureRows } from '@houqin/statistics';
import { createTestDatabase, TestDatabase } from '@houqin/testing';
import { AssetStatisticsQueries } from '../src/application/asset.queries';
import { StatisticsQueries } from '../src/application/statistics.queries';
import { WorkOrderProjection } from '../src/application/work-order-projection';
import { BUREAU_MIGRATIONS } from '../src/infrastructure/migrations';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase('bureau_assets', BUREAU_MIGRATIONS);
});
afterAll(() => db?.drop());

const newSchool = () => `S${randomBytes(4).toString('hex')}`;
const at = '2026-11-24T08:00:00.000Z';

/** Envelopes of one asset's stream, as facilities publishes them (valid against the contracts; hashes not checked here). */
function assetStream(schoolId: string, registration: { category: string; priceFen: number; purchaseDate: string; usefulLifeYears?: number }) {
  const assetId = randomUUID();
  const streamId = `${ASSET_STREAM_TYPE}-${assetId}`;
  let version = 0;
  const envelope = (type: string, payload: Record<string, unknown>): EventEnvelope => ({
    eventId: randomUUID(),
    type,
    schemaVersion: 1,
    source: 'facilities',
    streamId,
    streamType: ASSET_STREAM_TYPE,
    streamVersion: ++version,
    globalPosition: String(version),
    schoolId,
    payload: { assetId, schoolId, ...payload },
    metadata: { actor: { id: 'head.wang', role: 'school-admin' }, correlationId: randomUUID(), occurredAt: at },
    hash: 'a'.repeat(64),
    prevHash: '0'.repeat(64),
  });
  const bureauRequired = registration.priceFen >= 5_000_000;
  return {
    registered: () => envelope('AssetRegistered', { ...registration, name: '资产', fundingSource: 'fiscal', location: { building: '教学楼' }, registeredBy: 'staff.zhao', registeredAt: at }),
    requested: () =>
      envelope('AssetDisposalRequested', {
        method: 'scrapped',
        reason: '到期报废',
        originalValueFen: registration.priceFen,
        netBookValueFen: 0,
        bureauApprovalRequired: bureauRequired,
        thresholdFen: 5_000_000,
        thresholdRule: { ruleId: 'facilities.asset.disposalBureauApproval', version: 'v1' },
        requestedBy: 'head.wang',
        requestedAt: at,
      }),
    schoolApproved: () => envelope('AssetDisposalApprovedBySchool', { approvedBy: 'head.wang', approvedAt: at }),
    disposed: () => envelope('AssetDisposed', { method: 'scrapped', reason: '到期报废', residualValueFen: 0, disposedOn: '2026-11-24', disposedBy: 'head.wang', disposedAt: at }),
  };
}

function history(school: string): EventEnvelope[] {
  const pcs = [600_000, 450_001].map((priceFen) => assetStream(school, { category: '2010104', priceFen, purchaseDate: '2024-01-15', usefulLifeYears: 6 }));
  const books = assetStream(school, { category: '5000000', priceFen: 9_000_000, purchaseDate: '2019-09-01' });
  const bus = assetStream(school, { category: '2030000', priceFen: 48_000_000, purchaseDate: '2016-08-01', usefulLifeYears: 8 });
  const oldPc = assetStream(school, { category: '2010104', priceFen: 400_000, purchaseDate: '2015-03-01', usefulLifeYears: 6 });
  return [...pcs.map((a) => a.registered()), books.registered(), bus.registered(), bus.requested(), bus.schoolApproved(), oldPc.registered(), oldPc.requested(), oldPc.schoolApproved(), oldPc.disposed()];
}

it("keeps the asset figures live, and the audit's replay of the same events finds the same sums and net values", async () => {
  const [a, b] = [newSchool(), newSchool()];
  const events = [...history(a), ...history(b)];
  const projection = new WorkOrderProjection(db.dataSource);
  await projection.prepare();
  await projection.apply(events.slice(0, 6));
  await projection.apply(events); // redelivered in part: counted once

  const assets = new AssetStatisticsQueries(db.dataSource);
  const school = await assets.values('2026-11-24', a);
  // 2 computers: 33 of 72 months charged; books not depreciated; the bus (Sep 2016 … Aug 2024) fully depreciated; the old PC disposed.
  expect(school.rows).toEqual([
    { schoolId: a, category: '2010104', categoryZh: '台式计算机', assets: 2, originalValueFen: 1_050_001, netValueFen: 1_050_001 - 33 * (8_333 + 6_250) },
    { schoolId: a, category: '2030000', categoryZh: '车辆', assets: 1, originalValueFen: 48_000_000, netValueFen: 0 },
    { schoolId: a, category: '5000000', categoryZh: '图书、档案', assets: 1, originalValueFen: 9_000_000, netValueFen: 9_000_000 },
  ]);
  const awaiting = await assets.awaitingBureau();
  const mineAwaiting = awaiting.schools.filter((s) => s.schoolId === a || s.schoolId === b);
  expect(mineAwaiting).toEqual([a, b].sort().map((schoolId) => ({ schoolId, awaiting: 1, awaitingOriginalValueFen: 48_000_000 })));

  // The audit's replay: each raw message parsed (and checked) by the contracts, folded in memory by the same definitions.
  const replayValues = new MemoryProjection(assetValues);
  const replayAwaiting = new MemoryProjection(assetDisposalsAwaitingBureau);
  for (const e of events) {
    const parsed = contracts.parseEnvelope(JSON.parse(JSON.stringify(e)));
    replayValues.apply(parsed);
    replayAwaiting.apply(parsed);
  }
  const statistics = new StatisticsQueries(db.dataSource);
  const mine = (key: string) => key.startsWith(`${a}`) || key.startsWith(`${b}`);
  const liveValues = await statistics.figure('asset-values');
  expect(liveValues.groups.filter((g: Record<string, unknown>) => mine(String(g['schoolCategoryCohort'])))).toEqual(figureRows(figureNamed('asset-values')!, replayValues.groupSums()));
  const liveAwaiting = await statistics.figure('asset-disposals-awaiting-bureau');
  expect(liveAwaiting.groups.filter((g: Record<string, unknown>) => mine(String(g['schoolId'])))).toEqual(figureRows(figureNamed('asset-disposals-awaiting-bureau')!, replayAwaiting.groupSums()));
  for (const day of ['2024-02-29', '2026-11-24', '2031-01-31']) {
    const live = (await assets.values(day)).rows.filter((r) => r.schoolId === a || r.schoolId === b).map(({ categoryZh: _zh, ...r }) => r);
    expect(live).toEqual(assetValuesAt(replayValues.groupSums(), day));
  }
});
