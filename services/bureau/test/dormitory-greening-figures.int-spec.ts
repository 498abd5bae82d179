import { randomBytes, randomUUID } from 'node:crypto';
import { contracts, DORMITORY_STREAM_TYPE, EventEnvelope, GREEN_AREA_STREAM_TYPE } from '@houqin/contracts';
import { MemoryProjection } from '@houqin/projections';
import { dormitoryOccupancy, figureNamed, figureRows, greeningFigures } from '@houqin/statistics';
import { createTestDatabase, TestDatabase } from '@houqin/testing';
import { StatisticsQueries } from '../src/application/statistics.queries';
import { WorkOrderProjection } from '../src/application/work-order-projection';
import { BUREAU_MIGRATIONS } from '../src/infrastructure/migrations';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase('bureau_dorm_green', BUREAU_MIGRATIONS);
});
afterAll(() => db?.drop());

const at = '2026-09-01T08:00:00.000Z';
const onTime = { late: false, lateByMs: 0 };

/** Envelopes of one stream as facilities publishes them (hashes not checked here). */
function stream(schoolId: string, streamType: string, idField: string) {
  const id = randomUUID();
  let version = 0;
  const envelope = (type: string, payload: Record<string, unknown>): EventEnvelope => ({
    eventId: randomUUID(),
    type,
    schemaVersion: 1,
    source: 'facilities',
    streamId: `${streamType}-${id}`,
    streamType,
    streamVersion: ++version,
    globalPosition: String(version),
    schoolId,
    payload: { [idField]: id, schoolId, ...payload },
    metadata: { actor: { id: 'su.guan', role: 'school-staff' }, correlationId: randomUUID(), occurredAt: at },
    hash: 'a'.repeat(64),
    prevHash: '0'.repeat(64),
  });
  return envelope;
}

function dormitory(schoolId: string, gender: string, capacity: number, students: number): EventEnvelope[] {
  const e = stream(schoolId, DORMITORY_STREAM_TYPE, 'buildingId');
  const by = { assignedBy: 'su.guan', assignedAt: at, ...onTime };
  return [
    e('DormitoryBuildingRegistered', { name: `${gender}楼`, gender, registeredBy: 'admin', registeredAt: at }),
    e('DormitoryRoomAdded', { roomNumber: '101', floor: 1, capacity, addedBy: 'admin', addedAt: at }),
    ...Array.from({ length: students }, (_, i) => e('DormitoryBedAssigned', { roomNumber: '101', bed: i + 1, studentNumber: `2026${1000 + i}`, studentName: '学生', ...by })),
    e('DormitoryBedVacated', { roomNumber: '101', bed: 1, studentNumber: '20261000', reason: 'moved-out', vacatedBy: 'su.guan', vacatedAt: at, ...onTime }),
  ];
}

function greenArea(schoolId: string): EventEnvelope[] {
  const e = stream(schoolId, GREEN_AREA_STREAM_TYPE, 'greenAreaId');
  return [
    e('GreenAreaRegistered', { name: '草坪', location: '南', areaM2: '850.25', kind: 'lawn', registeredBy: 'admin', registeredAt: at }),
    e('GreenTreesRecorded', { treeId: 't-1', species: 'Ginkgo biloba', speciesZh: '银杏', count: 3, location: '北角', notable: true, recordedBy: 'admin', recordedAt: at }),
    e('GreenCareRecorded', { careId: 'c-1', kind: 'watering', performedBy: '园林组', recordedBy: 'gardener', caredAt: at, late: true, lateByMs: 5 }),
  ];
}

it("keeps dormitory occupancy and greening live, and the audit's replay of the same events finds the same sums", async () => {
  const [a, b] = [`S${randomBytes(4).toString('hex')}`, `S${randomBytes(4).toString('hex')}`];
  const events = [...dormitory(a, 'female', 6, 5), ...dormitory(a, 'male', 4, 2), ...dormitory(b, 'mixed', 8, 8), ...greenArea(a), ...greenArea(b)];
  const projection = new WorkOrderProjection(db.dataSource);
  await projection.prepare();
  await projection.apply(events.slice(0, 9));
  await projection.apply(events); // redelivered in part: counted once

  const live = new StatisticsQueries(db.dataSource);
  for (const name of [dormitoryOccupancy.name, greeningFigures.name]) {
    // The audit's replay: each raw message parsed by the contracts, folded in memory by the figure's definition.
    const replay = new MemoryProjection(figureNamed(name)!.projection);
    for (const e of events) replay.apply(contracts.parseEnvelope(JSON.parse(JSON.stringify(e))));
    const figure = await live.figure(name);
    const mine = (rows: Record<string, unknown>[]) => rows.filter((r) => r['schoolId'] === a || r['schoolId'] === b);
    expect(mine(figure.groups)).toEqual(figureRows(figureNamed(name)!, replay.groupSums()));
  }
  const occupancy = (await live.figure('dormitory-occupancy')).groups.find((g: Record<string, unknown>) => g['schoolId'] === a);
  expect(occupancy).toMatchObject({ buildings: 2, beds: 10, occupied: 5, femaleBeds: 6, femaleOccupied: 4, maleOccupied: 1 });
  const greening = (await live.figure('greening')).groups.find((g: Record<string, unknown>) => g['schoolId'] === b);
  expect(greening).toMatchObject({ areas: 1, areaHundredths: 85025, trees: 3, notableTrees: 3, careRecords: 1, lateCareRecords: 1 });
});
