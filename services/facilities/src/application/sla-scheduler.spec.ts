import { MemoryProjection } from '@houqin/projections';
import { nextDueAt, workOrderDeadlines } from './work-order-deadlines.projection';

const ev = (type: string, streamVersion: number, payload: Record<string, unknown> = {}) => ({ type, streamType: 'WorkOrder', streamVersion, schoolId: 'S001', payload: { workOrderId: 'wo-1', ...payload } });
const reported = ev('WorkOrderReported', 1, { responseDueAt: '2026-11-24T09:00:00.000Z', completionDueAt: '2026-11-25T08:00:00.000Z' });

describe("the SLA scheduler's read model", () => {
  const next = (...events: ReturnType<typeof ev>[]) => {
    const p = new MemoryProjection(workOrderDeadlines);
    events.forEach((e) => p.apply(e));
    return nextDueAt(p.document('wo-1')!.doc!);
  };

  it('watches the response deadline until answered or raised, then the completion until done or raised', () => {
    expect(next(reported)).toBe('2026-11-24T09:00:00.000Z');
    expect(next(reported, ev('WorkOrderAssigned', 2))).toBe('2026-11-25T08:00:00.000Z');
    expect(next(reported, ev('WorkOrderResponseOverdue', 2))).toBe('2026-11-25T08:00:00.000Z');
    expect(next(reported, ev('WorkOrderAssigned', 2), ev('WorkOrderCompleted', 3))).toBeNull();
    // A rejected repair is watched again; a raised completion is not.
    expect(next(reported, ev('WorkOrderAssigned', 2), ev('WorkOrderCompleted', 3), ev('WorkOrderCompletionRejected', 4))).toBe('2026-11-25T08:00:00.000Z');
    expect(next(reported, ev('WorkOrderAssigned', 2), ev('WorkOrderCompletionOverdue', 3))).toBeNull();
  });
});
