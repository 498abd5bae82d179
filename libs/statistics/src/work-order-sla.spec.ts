import { MemoryProjection, ProjectedEvent } from '@houqin/projections';
import { figureNamed, figureRows, figureTotal } from './figures';
import { districtSla, slaCompliance, workOrderSla } from './work-order-sla';

const ev = (type: string, streamVersion: number, payload: Record<string, unknown> = {}, id = 'wo-1', schoolId = 'S001'): ProjectedEvent => ({
  type,
  streamType: 'WorkOrder',
  streamVersion,
  schoolId,
  payload: { workOrderId: id, schoolId, ...payload },
});
// urgent: answer by 09:00, done by the next day 08:00
const reported = (id: string, extra: Record<string, unknown> = {}, schoolId = 'S001') =>
  ev('WorkOrderReported', 1, { priority: 'urgent', reportedAt: '2026-11-24T08:00:00Z', responseDueAt: '2026-11-24T09:00:00.000Z', completionDueAt: '2026-11-25T08:00:00.000Z', late: false, ...extra }, id, schoolId);
const assigned = (id: string, at: string, v = 2) => ev('WorkOrderAssigned', v, { assignedAt: at, late: false }, id);
const completed = (id: string, at: string, v: number, late = false) => ev('WorkOrderCompleted', v, { completedAt: at, late }, id);
const overdue = (id: string, kind: 'Response' | 'Completion', v: number) => ev(`WorkOrder${kind}Overdue`, v, { dueAt: 'x', raisedAt: 'y' }, id);

const run = (events: ProjectedEvent[]) => {
  const p = new MemoryProjection(workOrderSla);
  events.forEach((e) => p.apply(e));
  return p.groupSums();
};

describe('work-order SLA figures', () => {
  it('counts answers and completions met, met exactly at the deadline, and missed, by priority', () => {
    const [s] = run([
      reported('a'), assigned('a', '2026-11-24T09:00:00Z'), completed('a', '2026-11-25T08:00:00Z', 3), // both met, exactly at the deadline
      reported('b'), assigned('b', '2026-11-24T09:00:01Z'), completed('b', '2026-11-25T09:00:00Z', 3), // both missed
      reported('c', { priority: 'low' }),
    ]);
    expect(slaCompliance(s.sums).byPriority.urgent).toEqual({ reported: 2, response: { met: 1, missed: 1, rate: 0.5 }, completion: { met: 1, missed: 1, rate: 0.5 } });
    expect(slaCompliance(s.sums).byPriority.low).toEqual({ reported: 1, response: { met: 0, missed: 0, rate: null }, completion: { met: 0, missed: 0, rate: null } });
  });

  it('counts an open order whose deadline was raised as missed and open overdue, until it is done (late)', () => {
    const open = [reported('a'), overdue('a', 'Response', 2)];
    expect(slaCompliance(run(open)[0].sums)).toMatchObject({ openOverdue: 1, byPriority: { urgent: { response: { met: 0, missed: 1 } } } });
    const answered = [...open, assigned('a', '2026-11-24T10:00:00Z', 3)];
    expect(slaCompliance(run(answered)[0].sums)).toMatchObject({ openOverdue: 0, byPriority: { urgent: { response: { met: 0, missed: 1 } } } });
  });

  it('judges the standing completion: a rejected repair is no longer completed', () => {
    const events = [reported('a'), assigned('a', '2026-11-24T08:30:00Z'), completed('a', '2026-11-24T12:00:00Z', 3), ev('WorkOrderCompletionRejected', 4, {}, 'a')];
    expect(slaCompliance(run(events)[0].sums).byPriority.urgent.completion).toEqual({ met: 0, missed: 0, rate: null });
    expect(slaCompliance(run([...events, overdue('a', 'Completion', 5)])[0].sums)).toMatchObject({ openOverdue: 1, byPriority: { urgent: { completion: { missed: 1 } } } });
  });

  it('counts late entries (补录) of every kind of fact', () => {
    const [s] = run([reported('a', { late: true }), assigned('a', '2026-11-24T08:30:00Z'), completed('a', '2026-11-24T12:00:00Z', 3, true)]);
    expect(slaCompliance(s.sums).lateEntries).toBe(2);
  });

  it('adds the schools up for the district, and is a registered figure', () => {
    const groups = run([reported('a'), assigned('a', '2026-11-24T08:30:00Z'), reported('b', {}, 'S002')]);
    expect(districtSla(groups)).toMatchObject({ schools: 2, byPriority: { urgent: { reported: 2, response: { met: 1, missed: 0, rate: 1 } } } });
    const figure = figureNamed('work-order-sla')!;
    expect(figureTotal(figure, groups)).toEqual(districtSla(groups));
    expect(figureRows(figure, groups).map((r) => r['schoolId'])).toEqual(['S001', 'S002']);
  });
});
