/**
 * The bureau's SLA figures of repair work orders: per school and priority, how many repairs were answered
 * (first assignment, 派单) and completed within the deadlines stamped on their report, how many missed them,
 * the open overdue repairs and the late entries (补录). A pure projection of facilities events: the bureau
 * keeps it live and the audit replays it, with this one definition. Every judgement comes from the events
 * (deadlines in WorkOrderReported v2, overdue facts raised by the scheduler, late marks), never from a clock
 * or the rule pack, so a replay gives the same numbers whenever it runs.
 */
import { WORK_ORDER_PRIORITIES, WORK_ORDER_STREAM_TYPE, WorkOrderPriority } from '@houqin/contracts';
import { defineProjection, ProjectedEvent, ProjectionGapError, zeroSums } from '@houqin/projections';
import { metDeadline } from '@houqin/rules';

export interface WorkOrderSlaFacts {
  workOrderId: string;
  schoolId: string;
  priority: WorkOrderPriority;
  responseDueAt: string;
  completionDueAt: string;
  /** The first assignment. */
  respondedAt?: string;
  /** The standing completion (cleared when the reporter rejects it). */
  completedAt?: string;
  responseOverdue: boolean;
  completionOverdue: boolean;
  /** Facts of this order recorded late (补录). */
  lateEntries: number;
}

const MEASURES = ['Reported', 'ResponseMet', 'ResponseMissed', 'CompletionMet', 'CompletionMissed'] as const;
type Measure = (typeof MEASURES)[number];
type PriorityField = `${WorkOrderPriority}${Measure}`;

export const WORK_ORDER_SLA_FIELDS = [
  ...WORK_ORDER_PRIORITIES.flatMap((p) => MEASURES.map((m): PriorityField => `${p}${m}`)),
  'openOverdue',
  'lateEntries',
] as const satisfies readonly string[];
export type WorkOrderSlaField = PriorityField | 'openOverdue' | 'lateEntries';

/** Met: done at or before the deadline. Missed: done after it, or still not done once its overdue fact was raised. */
function judged(doneAt: string | undefined, dueAt: string, overdue: boolean): { met: number; missed: number } {
  if (doneAt !== undefined) return metDeadline(doneAt, dueAt) ? { met: 1, missed: 0 } : { met: 0, missed: 1 };
  return { met: 0, missed: overdue ? 1 : 0 };
}

function contribution(o: WorkOrderSlaFacts): Record<WorkOrderSlaField, number> {
  const sums = zeroSums<WorkOrderSlaField>(WORK_ORDER_SLA_FIELDS);
  const response = judged(o.respondedAt, o.responseDueAt, o.responseOverdue);
  const completion = judged(o.completedAt, o.completionDueAt, o.completionOverdue);
  sums[`${o.priority}Reported`] = 1;
  sums[`${o.priority}ResponseMet`] = response.met;
  sums[`${o.priority}ResponseMissed`] = response.missed;
  sums[`${o.priority}CompletionMet`] = completion.met;
  sums[`${o.priority}CompletionMissed`] = completion.missed;
  sums.openOverdue = (o.responseOverdue && !o.respondedAt) || (o.completionOverdue && !o.completedAt) ? 1 : 0;
  sums.lateEntries = o.lateEntries;
  return sums;
}

const late = (p: Record<string, unknown>) => (p['late'] === true ? 1 : 0);

function evolve(order: WorkOrderSlaFacts | null, event: ProjectedEvent): WorkOrderSlaFacts {
  const p = event.payload;
  if (!order) {
    if (event.type !== 'WorkOrderReported') throw new ProjectionGapError(event, String(p['workOrderId']), 1, 'WorkOrderReported');
    return {
      workOrderId: String(p['workOrderId']),
      schoolId: event.schoolId,
      priority: p['priority'] as WorkOrderPriority,
      responseDueAt: String(p['responseDueAt']),
      completionDueAt: String(p['completionDueAt']),
      responseOverdue: false,
      completionOverdue: false,
      lateEntries: late(p),
    };
  }
  const lateEntries = order.lateEntries + late(p);
  switch (event.type) {
    case 'WorkOrderAssigned':
      return { ...order, respondedAt: order.respondedAt ?? String(p['assignedAt']), lateEntries };
    case 'WorkOrderCompleted':
      return { ...order, completedAt: String(p['completedAt']), lateEntries };
    case 'WorkOrderCompletionRejected': {
      const { completedAt: _rejected, ...rest } = order;
      return rest;
    }
    case 'WorkOrderVerified':
      return { ...order, lateEntries };
    case 'WorkOrderResponseOverdue':
      return { ...order, responseOverdue: true };
    case 'WorkOrderCompletionOverdue':
      return { ...order, completionOverdue: true };
    default:
      return order;
  }
}

export const workOrderSla = defineProjection<WorkOrderSlaFacts, WorkOrderSlaField>({
  name: 'work-order-sla',
  version: 1,
  streamType: WORK_ORDER_STREAM_TYPE,
  streamKey: (event) => String(event.payload['workOrderId']),
  evolve,
  rollup: { fields: WORK_ORDER_SLA_FIELDS, groupBy: (o) => o.schoolId, contribution },
});

export interface SlaCompliance {
  reported: number;
  response: { met: number; missed: number; rate: number | null };
  completion: { met: number; missed: number; rate: number | null };
}

/** Share met of those judged (met or missed); null before any is. Rounded to 4 places. */
const rate = (met: number, missed: number): number | null => (met + missed === 0 ? null : Math.round((met / (met + missed)) * 10_000) / 10_000);

/** Sums as answers show them: compliance by priority, the open overdue repairs and the late entries. */
export function slaCompliance(sums: Record<WorkOrderSlaField, number>) {
  const byPriority = Object.fromEntries(
    WORK_ORDER_PRIORITIES.map((p): [WorkOrderPriority, SlaCompliance] => {
      const [rm, rx, cm, cx] = [sums[`${p}ResponseMet`], sums[`${p}ResponseMissed`], sums[`${p}CompletionMet`], sums[`${p}CompletionMissed`]];
      return [p, { reported: sums[`${p}Reported`], response: { met: rm, missed: rx, rate: rate(rm, rx) }, completion: { met: cm, missed: cx, rate: rate(cm, cx) } }];
    }),
  ) as Record<WorkOrderPriority, SlaCompliance>;
  return { byPriority, openOverdue: sums.openOverdue, lateEntries: sums.lateEntries };
}

/** The district: every school's sums added, then shown as compliance. */
export function districtSla(groups: { key: string; sums: Record<WorkOrderSlaField, number> }[]) {
  const total = zeroSums<WorkOrderSlaField>(WORK_ORDER_SLA_FIELDS);
  for (const g of groups) for (const f of WORK_ORDER_SLA_FIELDS) total[f] += g.sums[f];
  return { schools: groups.length, ...slaCompliance(total) };
}
