import { randomBytes, randomUUID } from 'node:crypto';
import { contracts, EventEnvelope, INSPECTION_PLAN_STREAM_TYPE } from '@houqin/contracts';
import { MemoryProjection } from '@houqin/projections';
import { districtInspectionCompliance, figureNamed, figureRows, inspectionCompliance, inspectionComplianceOf } from '@houqin/statistics';
import { createTestDatabase, TestDatabase } from '@houqin/testing';
import { StatisticsQueries } from '../src/application/statistics.queries';
import { WorkOrderProjection } from '../src/application/work-order-projection';
import { BUREAU_MIGRATIONS } from '../src/infrastructure/migrations';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase('bureau_insp', BUREAU_MIGRATIONS);
});
afterAll(() => db?.drop());

const newSchool = () => `S${randomBytes(4).toString('hex')}`;
const onTime = { late: false, lateByMs: 0 };
const results = [{ itemId: 'p', result: 'pass' }];

/** Envelopes of one inspection plan's stream, as facilities publishes them (hashes are not checked here). */
function planStream(schoolId: string, kind: string) {
  const planId = randomUUID();
  const streamId = `${INSPECTION_PLAN_STREAM_TYPE}-${planId}`;
  let version = 0;
  const envelope = (type: string, payload: Record<string, unknown>): EventEnvelope => ({
    eventId: randomUUID(),
    type,
    schemaVersion: 1,
    source: 'facilities',
    streamId,
    streamType: INSPECTION_PLAN_STREAM_TYPE,
    streamVersion: ++version,
    globalPosition: String(version),
    schoolId,
    payload: { planId, schoolId, ...payload },
    metadata: { actor: { id: 'zhou', role: 'school-staff' }, correlationId: randomUUID(), occurredAt: '2026-09-01T00:00:00.000Z' },
    hash: 'a'.repeat(64),
    prevHash: '0'.repeat(64),
  });
  const inspection = (inspectedAt: string, dueAt: string, done: { onTime: boolean; closedOverdue: boolean }, late = false) =>
    envelope('InspectionRecorded', { inspectionId: randomUUID(), dueAt, inspectedBy: 'zhou', inspectedAt, results, failedItems: 0, ...done, nextDueAt: '2026-12-01T00:00:00.000Z', late, lateByMs: late ? 1 : 0 });
  return {
    created: () =>
      envelope('InspectionPlanCreated', {
        name: '月检', kind, target: { location: 'A楼' }, intervalDays: 31, intervalSetting: 'general',
        intervalRule: { ruleId: 'facilities.extinguisher.inspectionIntervalDays', version: 'GB50444-2008' },
        checklist: [{ itemId: 'p', textZh: '压力' }], responsiblePerson: 'zhou', firstDueAt: '2026-10-02T00:00:00.000Z', createdBy: 'wang', createdAt: '2026-09-01T00:00:00.000Z', ...onTime,
      }),
    onTime: () => inspection('2026-09-30T00:00:00.000Z', '2026-10-02T00:00:00.000Z', { onTime: true, closedOverdue: false }),
    overdue: (dueAt = '2026-10-31T00:00:00.000Z') => envelope('InspectionOverdue', { dueAt, raisedAt: '2026-10-31T00:01:00.000Z' }),
    late: (lateEntry = false) => inspection('2026-11-03T00:00:00.000Z', '2026-10-31T00:00:00.000Z', { onTime: false, closedOverdue: true }, lateEntry),
  };
}

/** One school: extinguishers on time then late (补录), an elevator missed, a library on time. */
function history(school: string): EventEnvelope[] {
  const ext = planStream(school, 'fire-extinguisher');
  const lift = planStream(school, 'elevator');
  const lib = planStream(school, 'library');
  return [ext.created(), ext.onTime(), ext.overdue(), ext.late(true), lift.created(), lift.overdue('2026-09-16T00:00:00.000Z'), lib.created(), lib.onTime()];
}

it("keeps inspection compliance live, and the audit's replay of the same events finds the same figure", async () => {
  const [a, b] = [newSchool(), newSchool()];
  const events = [...history(a), ...history(b)];
  const projection = new WorkOrderProjection(db.dataSource);
  await projection.prepare();
  await projection.apply(events.slice(0, 5));
  await projection.apply(events); // redelivered in part: counted once

  const live = await new StatisticsQueries(db.dataSource).figure('inspection-compliance');
  const mine = (rows: Record<string, unknown>[]) => rows.filter((r) => r['schoolId'] === a || r['schoolId'] === b);
  const rowOf = mine(live.groups).find((r) => r['schoolId'] === a) as Record<string, number>;
  expect(inspectionComplianceOf(rowOf)).toMatchObject({
    byKind: { 'fire-extinguisher': { onTime: 1, late: 1, missed: 0, rate: 0.5 }, elevator: { onTime: 0, late: 0, missed: 1, rate: 0 }, library: { onTime: 1, rate: 1 } },
    all: { onTime: 2, late: 1, missed: 1, rate: 0.5 },
    lateEntries: 1,
  });

  // The audit's replay (POST /audit/rebuilds/inspection-compliance runs this fold): raw messages parsed by the contracts, folded by the same definition.
  const replay = new MemoryProjection(inspectionCompliance);
  for (const e of events) replay.apply(contracts.parseEnvelope(JSON.parse(JSON.stringify(e))));
  expect(mine(live.groups)).toEqual(figureRows(figureNamed('inspection-compliance')!, replay.groupSums()));
  expect(districtInspectionCompliance(replay.groupSums())).toMatchObject({ schools: 2, all: { onTime: 4, late: 2, missed: 2 } });
});
