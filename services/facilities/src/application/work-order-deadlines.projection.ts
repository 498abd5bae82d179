import { WORK_ORDER_STREAM_TYPE } from '@houqin/contracts';
import { defineProjection, ProjectedEvent, ProjectionGapError } from '@houqin/projections';
import { storedProjection } from '@houqin/projection-store';

/** What the SLA scheduler needs of a work order: its deadlines, what is done, what was raised. */
export interface WorkOrderDeadlines {
  workOrderId: string;
  schoolId: string;
  responseDueAt: string;
  completionDueAt: string;
  responded: boolean;
  /** Completed or verified (a rejected repair is not). */
  done: boolean;
  responseOverdue: boolean;
  completionOverdue: boolean;
}

/** The earliest deadline still to watch: not met and not yet raised. Null once there is none. */
export function nextDueAt(d: WorkOrderDeadlines): string | null {
  if (!d.responded && !d.responseOverdue) return d.responseDueAt;
  if (!d.done && !d.completionOverdue) return d.completionDueAt;
  return null;
}

function evolve(doc: WorkOrderDeadlines | null, event: ProjectedEvent): WorkOrderDeadlines {
  const p = event.payload;
  if (!doc) {
    if (event.type !== 'WorkOrderReported') throw new ProjectionGapError(event, String(p['workOrderId']), 1, 'WorkOrderReported');
    const [responseDueAt, completionDueAt] = [String(p['responseDueAt']), String(p['completionDueAt'])];
    return { workOrderId: String(p['workOrderId']), schoolId: event.schoolId, responseDueAt, completionDueAt, responded: false, done: false, responseOverdue: false, completionOverdue: false };
  }
  switch (event.type) {
    case 'WorkOrderAssigned':
      return { ...doc, responded: true };
    case 'WorkOrderCompleted':
    case 'WorkOrderVerified':
      return { ...doc, done: true };
    case 'WorkOrderCompletionRejected':
      return { ...doc, done: false };
    case 'WorkOrderResponseOverdue':
      return { ...doc, responseOverdue: true };
    case 'WorkOrderCompletionOverdue':
      return { ...doc, completionOverdue: true };
    default:
      return doc;
  }
}

/** The scheduler's own small read model of facilities' events (not the list's): one row per work order. */
export const workOrderDeadlines = defineProjection<WorkOrderDeadlines>({
  name: 'work-order-deadlines',
  version: 1,
  streamType: WORK_ORDER_STREAM_TYPE,
  streamKey: (event) => String(event.payload['workOrderId']),
  evolve,
});

const iso = (value: unknown) => (value as Date).toISOString();

export const workOrderDeadlineTables = storedProjection({
  definition: workOrderDeadlines,
  documents: {
    table: 'work_order_deadlines',
    keyColumn: 'work_order_id',
    versionColumn: 'last_version',
    columns: {
      school_id: 'text',
      response_due_at: 'timestamptz',
      completion_due_at: 'timestamptz',
      responded: 'boolean',
      done: 'boolean',
      response_overdue: 'boolean',
      completion_overdue: 'boolean',
      next_due_at: 'timestamptz',
    },
    toRow: (d: WorkOrderDeadlines) => ({
      school_id: d.schoolId,
      response_due_at: d.responseDueAt,
      completion_due_at: d.completionDueAt,
      responded: d.responded,
      done: d.done,
      response_overdue: d.responseOverdue,
      completion_overdue: d.completionOverdue,
      next_due_at: nextDueAt(d),
    }),
    fromRow: (r): WorkOrderDeadlines => ({
      workOrderId: String(r['work_order_id']),
      schoolId: String(r['school_id']),
      responseDueAt: iso(r['response_due_at']),
      completionDueAt: iso(r['completion_due_at']),
      responded: Boolean(r['responded']),
      done: Boolean(r['done']),
      responseOverdue: Boolean(r['response_overdue']),
      completionOverdue: Boolean(r['completion_overdue']),
    }),
    touchedAt: 'updated_at',
  },
});
