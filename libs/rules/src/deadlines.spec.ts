import { WORK_ORDER_PRIORITIES } from '@houqin/contracts';
import { deadlinesFor, metDeadline, nextDueAt, overdueAt, repairDeadlines } from './deadlines';
import { houqinRules, REPAIR_PRIORITIES } from './houqin';

const H = 3_600_000;
const sla = houqinRules.ruleAt('facilities.repair.sla', '2026-11-24T00:00:00+08:00').value;
// Friday 17:00 Beijing: nights and the weekend count (calendar hours).
const reportedAt = '2026-11-27T17:00:00+08:00';

describe('deadlinesFor: calendar hours from the report, by priority', () => {
  it.each([
    ['urgent', '2026-11-27T18:00:00+08:00', '2026-11-28T17:00:00+08:00'],
    ['high', '2026-11-27T21:00:00+08:00', '2026-11-30T17:00:00+08:00'],
    ['normal', '2026-11-28T17:00:00+08:00', '2026-12-04T17:00:00+08:00'],
    ['low', '2026-11-30T17:00:00+08:00', '2026-12-12T17:00:00+08:00'],
  ] as const)('%s: respond by %s, complete by %s', (priority, respond, complete) => {
    const due = deadlinesFor(priority, reportedAt, sla);
    expect(Date.parse(due.responseDueAt)).toBe(Date.parse(respond));
    expect(Date.parse(due.completionDueAt)).toBe(Date.parse(complete));
  });

  it('answers in canonical UTC instants (they sort as text)', () => {
    expect(deadlinesFor('urgent', reportedAt, sla)).toEqual({
      responseDueAt: '2026-11-27T10:00:00.000Z',
      completionDueAt: '2026-11-28T09:00:00.000Z',
    });
  });

  it('covers every priority of the work-order contract', () => {
    expect([...REPAIR_PRIORITIES].sort()).toEqual([...WORK_ORDER_PRIORITIES].sort());
  });

  it('repairDeadlines names the SLA version it used', () => {
    expect(repairDeadlines('high', reportedAt).rule).toEqual({ ruleId: 'facilities.repair.sla', version: 'v1' });
  });
});

describe('overdueAt: what the scheduler raises as the clock moves', () => {
  const due = deadlinesFor('urgent', reportedAt, sla); // respond by 18:00, complete by next day 17:00 (Beijing)

  it('raises nothing at the deadline itself, the response one millisecond after', () => {
    expect(overdueAt('2026-11-27T18:00:00+08:00', due)).toEqual([]);
    expect(overdueAt('2026-11-27T18:00:00.001+08:00', due)).toEqual([
      { kind: 'response', dueAt: due.responseDueAt, overdueByMs: 1, open: true },
    ]);
  });

  it('raises nothing once answered in time, and the completion when it passes', () => {
    const answered = { respondedAt: '2026-11-27T17:40:00+08:00' };
    expect(overdueAt('2026-11-28T12:00:00+08:00', due, answered)).toEqual([]);
    expect(overdueAt('2026-11-28T19:00:00+08:00', due, answered)).toEqual([
      { kind: 'completion', dueAt: due.completionDueAt, overdueByMs: 2 * H, open: true },
    ]);
  });

  it('reports a deadline done late as missed but no longer open', () => {
    const lateAnswer = { respondedAt: '2026-11-27T20:00:00+08:00' };
    expect(overdueAt('2026-11-27T21:00:00+08:00', due, lateAnswer)).toEqual([
      { kind: 'response', dueAt: due.responseDueAt, overdueByMs: 2 * H, open: false },
    ]);
  });

  it('metDeadline: done at the deadline counts as met', () => {
    expect(metDeadline('2026-11-27T18:00:00+08:00', due.responseDueAt)).toBe(true);
    expect(metDeadline('2026-11-27T18:00:00.001+08:00', due.responseDueAt)).toBe(false);
  });

  it('nextDueAt: the next deadline the scheduler should look at', () => {
    expect(nextDueAt(due)).toBe(due.responseDueAt);
    expect(nextDueAt(due, { respondedAt: '2026-11-27T17:40:00+08:00' })).toBe(due.completionDueAt);
    expect(nextDueAt(due, { respondedAt: reportedAt, completedAt: reportedAt })).toBeUndefined();
  });
});
