import { randomBytes, randomUUID } from 'node:crypto';
import { contracts, EventEnvelope } from '@houqin/contracts';
import { MemoryProjection } from '@houqin/projections';
import { figureNamed, figureRows, repairCosts, repairCostTotals } from '@houqin/statistics';
import { createTestDatabase, TestDatabase } from '@houqin/testing';
import { StatisticsQueries } from '../src/application/statistics.queries';
import { WorkOrderProjection } from '../src/application/work-order-projection';
import { BUREAU_MIGRATIONS } from '../src/infrastructure/migrations';
import { workOrderStream } from './envelopes';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase('bureau_repair_cost', BUREAU_MIGRATIONS);
});
afterAll(() => db?.drop());

const newSchool = () => `S${randomBytes(4).toString('hex')}`;
const onTime = { late: false, lateByMs: 0 };
const at = '2026-11-24T12:00:00.000Z';

/** One school: a projector repaired, costed twice (the second sheet replaces the first), then reported again (a repeat); an order with no asset. */
function history(school: string): EventEnvelope[] {
  const assetId = randomUUID();
  const first = workOrderStream(school);
  const again = workOrderStream(school);
  const plain = workOrderStream(school);
  const onAsset = (wo: typeof first, extra: Record<string, unknown> = {}) => {
    const r = wo.reported();
    return { ...r, payload: { ...r.payload, assetId, assetCategory: 'projector', ...extra } };
  };
  const sheet = (wo: typeof first, v: number, unitPriceFen: number, labourFen: number) =>
    wo.envelope(
      'WorkOrderCostsRecorded',
      v,
      { parts: [{ name: '灯泡', quantity: 1, unitPriceFen, amountFen: unitPriceFen }], partsFen: unitPriceFen, labourFen, totalFen: unitPriceFen + labourFen, recordedBy: 'wang.gong', recordedAt: at, ...onTime },
      1,
    );
  const repeat = { previousWorkOrderId: first.streamId, previousCompletedAt: '2026-11-24T10:00:00.000Z', rule: { ruleId: 'facilities.repair.repeatFailureWindowDays', version: 'v1' } };
  return [
    onAsset(first),
    first.assigned(2),
    sheet(first, 3, 45000, 5000),
    sheet(first, 4, 39900, 5000),
    first.completed(5),
    onAsset(again, { repeat }),
    plain.reported(),
    plain.assigned(2),
    sheet(plain, 3, 0, 3000),
  ];
}

it("keeps repair costs and repeats live, and the audit's replay of the same events finds the same figure", async () => {
  const [a, b] = [newSchool(), newSchool()];
  const events = [...history(a), ...history(b)];
  const projection = new WorkOrderProjection(db.dataSource);
  await projection.prepare();
  await projection.apply(events.slice(0, 4));
  await projection.apply(events); // redelivered in part: counted once

  const live = await new StatisticsQueries(db.dataSource).figure('repair-costs');
  const of = (...schools: string[]) => (rows: Record<string, unknown>[]) => rows.filter((r) => schools.some((s) => String(r['schoolCategoryAsset']).startsWith(`${s}|`)));
  const mine = of(a, b);
  const ofA = repairCostTotals(of(a)(live.groups).map(({ schoolCategoryAsset, ...sums }) => ({ key: String(schoolCategoryAsset), sums: sums as never })));
  expect(ofA.bySchool).toEqual([{ schoolId: a, reports: 3, repeats: 1, repeatRate: 0.3333, costedOrders: 2, partsFen: 39900, labourFen: 8000, costFen: 47900 }]);
  expect(ofA.byAssetCategory.map((r) => [r.assetCategory, r.costFen])).toEqual([
    ['projector', 44900],
    ['unlinked', 3000],
  ]);
  expect(ofA.byAsset).toEqual([expect.objectContaining({ reports: 2, repeats: 1, costFen: 44900 })]);

  // The audit's replay (POST /audit/rebuilds/repair-costs runs this fold): raw messages parsed by the contracts, folded by the same definition.
  const replay = new MemoryProjection(repairCosts);
  for (const e of events) replay.apply(contracts.parseEnvelope(JSON.parse(JSON.stringify(e))));
  expect(mine(live.groups)).toEqual(figureRows(figureNamed('repair-costs')!, replay.groupSums()));
});
