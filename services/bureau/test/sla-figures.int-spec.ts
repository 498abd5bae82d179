import { randomBytes } from 'node:crypto';
import { contracts, EventEnvelope } from '@houqin/contracts';
import { MemoryProjection } from '@houqin/projections';
import { districtSla, figureNamed, figureRows, workOrderSla } from '@houqin/statistics';
import { createTestDatabase, TestDatabase } from '@houqin/testing';
import { SlaQueries } from '../src/application/sla.queries';
import { StatisticsQueries } from '../src/application/statistics.queries';
import { WorkOrderProjection } from '../src/application/work-order-projection';
import { BUREAU_MIGRATIONS } from '../src/infrastructure/migrations';
import { workOrderStream } from './envelopes';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase('bureau_sla', BUREAU_MIGRATIONS);
});
afterAll(() => db?.drop());

const newSchool = () => `S${randomBytes(4).toString('hex')}`;

/** One school's history: normal repairs answered in time, late, never (raised overdue), and a late entry (补录). */
function history(school: string): EventEnvelope[] {
  const onTime = workOrderStream(school); // answered 08:00, due 2026-11-25T08:00
  const answeredLate = workOrderStream(school);
  const neverAnswered = workOrderStream(school);
  const lateEntry = workOrderStream(school);
  const overdue = (wo: typeof onTime, type: string, v: number, dueAt: string) => wo.envelope(type, v, { dueAt, raisedAt: '2026-11-25T09:00:00.000Z' });
  return [
    onTime.reported(),
    onTime.assigned(2),
    onTime.completed(3),
    answeredLate.reported(),
    overdue(answeredLate, 'WorkOrderResponseOverdue', 2, '2026-11-25T08:00:00.000Z'),
    { ...answeredLate.assigned(3), payload: { ...answeredLate.assigned(3).payload, assignedAt: '2026-11-25T10:00:00.000Z' } },
    neverAnswered.reported(),
    overdue(neverAnswered, 'WorkOrderResponseOverdue', 2, '2026-11-25T08:00:00.000Z'),
    { ...lateEntry.reported(), payload: { ...lateEntry.reported().payload, late: true, lateByMs: 3_600_000 } },
  ];
}

it("keeps the SLA figures live, and a replay of the same events (as the audit's fold workers run it) finds the same sums", async () => {
  const [a, b] = [newSchool(), newSchool()];
  const events = [...history(a), ...history(b)];
  const projection = new WorkOrderProjection(db.dataSource);
  await projection.prepare();
  await projection.apply(events.slice(0, 7));
  await projection.apply(events); // redelivered in part: counted once

  const sla = new SlaQueries(db.dataSource);
  const school = await sla.school(a);
  expect(school.byPriority.normal).toEqual({ reported: 4, response: { met: 1, missed: 2, rate: 0.3333 }, completion: { met: 1, missed: 0, rate: 1 } });
  expect(school).toMatchObject({ openOverdue: 1, lateEntries: 1 });
  expect(await sla.school(newSchool())).toMatchObject({ openOverdue: 0, byPriority: { urgent: { reported: 0, response: { rate: null } } } });

  // The audit's replay: each raw message parsed (and upcast) by the contracts, folded in memory by the same definition.
  const replay = new MemoryProjection(workOrderSla);
  for (const e of events) replay.apply(contracts.parseEnvelope(JSON.parse(JSON.stringify(e))));
  const figure = figureNamed('work-order-sla')!;
  const live = await new StatisticsQueries(db.dataSource).figure('work-order-sla');
  const mine = (rows: Record<string, unknown>[]) => rows.filter((r) => r['schoolId'] === a || r['schoolId'] === b);
  expect(mine(live.groups)).toEqual(figureRows(figure, replay.groupSums()));
  expect(districtSla(replay.groupSums()).byPriority.normal.response).toEqual({ met: 2, missed: 4, rate: 0.3333 });
});

it('counts a stored v1 report (before deadlines existed) by the deadlines its upcaster gives it', async () => {
  const school = newSchool();
  const wo = workOrderStream(school);
  const { responseDueAt: _r, completionDueAt: _c, slaRule: _s, late: _l, lateByMs: _b, ...v1 } = wo.reported().payload;
  const parsed = contracts.parseEnvelope({ ...wo.reported(), schemaVersion: 1, payload: v1 });
  const projection = new WorkOrderProjection(db.dataSource);
  await projection.apply([parsed, { ...wo.assigned(2), payload: { ...wo.assigned(2).payload, assignedAt: '2026-11-25T08:00:00.001Z' } }]);
  expect((await new SlaQueries(db.dataSource).school(school)).byPriority.normal.response).toEqual({ met: 0, missed: 1, rate: 0 });
});
