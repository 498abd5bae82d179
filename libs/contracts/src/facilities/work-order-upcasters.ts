/**
 * v1 → v2 of the work-order events. v2 stamps each fact with what it was judged by, so that replays never
 * consult the rule pack: the report's SLA deadlines and every fact's late-entry (补录) mark.
 *
 * Contracts may not import the rule pack (@houqin/rules is a domain lib), so the one SLA version any v1
 * event could have been judged by is frozen here: every v1 event was recorded while `facilities.repair.sla`
 * v1 (effective 2020-09-01) was the only version. A test (services/facilities/src/domain/work-order/
 * upcasters.spec.ts) keeps these numbers equal to the pack's v1. v1 commands carried no business time
 * (occurredAt was the record time), so no v1 fact was late.
 */
const HOUR_MS = 3_600_000;

/** `facilities.repair.sla` v1, hours from the report: [respond within, complete within]. */
export const REPAIR_SLA_V1_HOURS: Readonly<Record<string, readonly [number, number]>> = {
  urgent: [1, 24],
  high: [4, 72],
  normal: [24, 7 * 24],
  low: [72, 15 * 24],
};

export const REPAIR_SLA_V1_REF = { ruleId: 'facilities.repair.sla', version: 'v1' } as const;

const onTime = { late: false, lateByMs: 0 } as const;
const plusHours = (at: string, hours: number) => new Date(Date.parse(at) + hours * HOUR_MS).toISOString();

function reportedV1toV2(payload: Record<string, unknown>): Record<string, unknown> {
  const terms = REPAIR_SLA_V1_HOURS[String(payload['priority'])];
  const reportedAt = String(payload['reportedAt']);
  // An unknown priority or time is left for the v2 schema to refuse, naming the field.
  if (!terms || Number.isNaN(Date.parse(reportedAt))) return { ...payload, ...onTime };
  return { ...payload, responseDueAt: plusHours(reportedAt, terms[0]), completionDueAt: plusHours(reportedAt, terms[1]), slaRule: REPAIR_SLA_V1_REF, ...onTime };
}

const markedOnTime = (payload: Record<string, unknown>) => ({ ...payload, ...onTime });

export const WORK_ORDER_UPCASTERS = [
  { type: 'WorkOrderReported', fromVersion: 1, up: reportedV1toV2 },
  { type: 'WorkOrderAssigned', fromVersion: 1, up: markedOnTime },
  { type: 'WorkOrderCompleted', fromVersion: 1, up: markedOnTime },
  { type: 'WorkOrderVerified', fromVersion: 1, up: markedOnTime },
] as const;
