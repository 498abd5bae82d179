import { applyWorkOrderEvent, districtFigures, emptyFigures, mergeFigures, ProjectedEvent, ProjectionGapError, WorkOrderStatistics } from './work-order-figures';

const ev = (type: string, streamVersion: number, payload: Record<string, unknown> = {}, id = 'wo-1', schoolId = 'S001'): ProjectedEvent => ({
  type,
  streamType: 'WorkOrder',
  streamVersion,
  schoolId,
  payload: { workOrderId: id, schoolId, ...payload },
});
const reported = (id = 'wo-1', schoolId = 'S001') => ev('WorkOrderReported', 1, { reportedAt: '2026-11-24T08:00:00Z' }, id, schoolId);

describe('work order figures', () => {
  it('counts a work order through its life, with the time to first completion', () => {
    const stats = new WorkOrderStatistics();
    stats.apply(reported());
    stats.apply(ev('WorkOrderAssigned', 2));
    expect(stats.figures()[0]).toMatchObject({ reported: 1, open: 1, completed: 0 });
    stats.apply(ev('WorkOrderCompleted', 3, { completedAt: '2026-11-24T10:00:00Z' }));
    expect(stats.figures()[0]).toMatchObject({ open: 0, completed: 1, completionCount: 1, completionMsTotal: 2 * 3600_000 });
    stats.apply(ev('WorkOrderCompletionRejected', 4));
    stats.apply(ev('WorkOrderCompleted', 5, { completedAt: '2026-11-24T12:00:00Z' }));
    expect(stats.figures()[0]).toMatchObject({ open: 0, completed: 1, completionCount: 1, completionMsTotal: 2 * 3600_000 });
    stats.apply(ev('WorkOrderVerified', 6));
    expect(stats.figures()[0]).toMatchObject({ reported: 1, open: 0, completed: 0, verified: 1 });
  });

  it('absorbs redelivered events by stream version', () => {
    const stats = new WorkOrderStatistics();
    stats.apply(reported());
    stats.apply(reported());
    stats.apply(ev('WorkOrderCompleted', 2, { completedAt: '2026-11-24T09:00:00Z' }));
    stats.apply(ev('WorkOrderCompleted', 2, { completedAt: '2026-11-24T09:00:00Z' }));
    expect(stats.duplicates).toBe(2);
    expect(stats.figures()[0]).toMatchObject({ reported: 1, completed: 1, completionCount: 1 });
  });

  it('refuses an event that skips a version instead of counting it wrong', () => {
    const r = applyWorkOrderEvent(undefined, emptyFigures('S001'), reported());
    if (r.kind !== 'applied') throw new Error('expected applied');
    expect(() => applyWorkOrderEvent(r.order, r.figures, ev('WorkOrderVerified', 3))).toThrow(ProjectionGapError);
  });

  it('moves the checkpoint past a work-order event type it does not count, so the next one is no gap', () => {
    const stats = new WorkOrderStatistics();
    stats.apply(reported());
    stats.apply(ev('WorkOrderCommented', 2, { comment: 'parts ordered' }));
    stats.apply(ev('WorkOrderCompleted', 3, { completedAt: '2026-11-24T09:00:00Z' }));
    stats.apply(ev('WorkOrderCommented', 2, { comment: 'parts ordered' })); // redelivered
    expect(stats.figures()[0]).toMatchObject({ reported: 1, open: 0, completed: 1, completionCount: 1 });
    expect(stats.duplicates).toBe(1);
  });

  it('ignores the events of other stream types entirely, whatever their payload', () => {
    const r = applyWorkOrderEvent(undefined, emptyFigures('S001'), reported());
    if (r.kind !== 'applied') throw new Error('expected applied');
    const other = { ...ev('WorkOrderCompleted', 2, { completedAt: '2026-11-24T09:00:00Z' }), streamType: 'Inspection' };
    expect(applyWorkOrderEvent(r.order, r.figures, other)).toEqual({ kind: 'ignored' });
    expect(applyWorkOrderEvent(r.order, r.figures, ev('WorkOrderCompleted', 2, { completedAt: '2026-11-24T09:00:00Z' }))).toMatchObject({ kind: 'applied' });
  });

  it('refuses a work order whose first event is not its report', () => {
    expect(() => applyWorkOrderEvent(undefined, emptyFigures('S001'), ev('WorkOrderAssigned', 1))).toThrow(/WorkOrderReported/);
  });

  it('sums schools into district figures with the mean time to complete', () => {
    const stats = new WorkOrderStatistics();
    stats.apply(reported('a', 'S001'));
    stats.apply(reported('b', 'S002'));
    stats.apply(ev('WorkOrderCompleted', 2, { completedAt: '2026-11-24T09:00:00Z' }, 'a', 'S001'));
    stats.apply(ev('WorkOrderCompleted', 2, { completedAt: '2026-11-24T11:00:00Z' }, 'b', 'S002'));
    expect(districtFigures(stats.figures())).toMatchObject({ schools: 2, reported: 2, completed: 2, meanTimeToCompleteMs: 2 * 3600_000 });
  });

  it('gives the same figures when disjoint work orders are folded apart and merged', () => {
    const history = [
      reported('a', 'S001'),
      reported('b', 'S001'),
      reported('c', 'S002'),
      ev('WorkOrderCompleted', 2, { completedAt: '2026-11-24T09:00:00Z' }, 'a', 'S001'),
      ev('WorkOrderCompleted', 2, { completedAt: '2026-11-24T10:00:00Z' }, 'c', 'S002'),
      ev('WorkOrderVerified', 3, {}, 'a', 'S001'),
    ];
    const whole = new WorkOrderStatistics();
    const [left, right] = [new WorkOrderStatistics(), new WorkOrderStatistics()];
    for (const e of history) {
      whole.apply(e);
      (e.payload['workOrderId'] === 'b' ? left : right).apply(e);
    }
    expect(mergeFigures([left.figures(), right.figures()])).toEqual(whole.figures());
  });
});
