import { z } from 'zod';
import { defineEvent, EventOf, EventsOf, eventGroup, eventTypesOf } from '../define-event';
import { Topics } from '../topics';

/** 报修类别 */
export const WORK_ORDER_CATEGORIES = [
  'electrical', // 电路照明
  'plumbing', // 给排水
  'carpentry', // 门窗木工
  'hvac', // 空调暖通
  'network', // 网络电教
  'furniture', // 课桌椅家具
  'building', // 房屋土建
  'other', // 其他
] as const;
export type WorkOrderCategory = (typeof WORK_ORDER_CATEGORIES)[number];

export const WORK_ORDER_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type WorkOrderPriority = (typeof WORK_ORDER_PRIORITIES)[number];

export const WORK_ORDER_STREAM_TYPE = 'WorkOrder';

const id = z.string().min(1).max(64);
const at = z.string().datetime({ offset: true });
const workOrder = { streamType: WORK_ORDER_STREAM_TYPE, topic: Topics.facilitiesEvents } as const;

/** The rule version a fact was judged by (libs/rules' RuleRef): replays read it, never the pack. */
export const ruleRef = z.object({ ruleId: z.string().min(1).max(100), version: z.string().min(1).max(40), region: z.string().min(1).max(12).optional() }).strict();

/**
 * 补录: recorded more than the rule pack's allowance after it occurred (occurredAt = the event's time field).
 * Judged when the command ran (v2); every v1 fact was recorded when it occurred (no client business time then).
 */
const lateEntry = { late: z.boolean(), lateByMs: z.number().int().min(0) };

/** Where a report came from: the portal form, a QR code on the asset (refId: the QR link), a failed inspection item (refId: the inspection). */
export const WORK_ORDER_SOURCE_KINDS = ['portal', 'qr-link', 'inspection'] as const;
export type WorkOrderSourceKind = (typeof WORK_ORDER_SOURCE_KINDS)[number];
export const workOrderSource = z.object({ kind: z.enum(WORK_ORDER_SOURCE_KINDS), refId: id.optional() }).strict();
export type WorkOrderSource = z.infer<typeof workOrderSource>;

/** 返修: the same asset reported again within the repeat-failure window after an earlier repair of it was completed. */
export const workOrderRepeat = z.object({ previousWorkOrderId: id, previousCompletedAt: at, rule: ruleRef }).strict();
export type WorkOrderRepeat = z.infer<typeof workOrderRepeat>;

/** 报修 — a school reports something broken. */
export const WorkOrderReported = defineEvent({
  type: 'WorkOrderReported',
  version: 2,
  ...workOrder,
  schema: z.object({
    workOrderId: id,
    schoolId: id,
    title: z.string().min(1).max(100),
    location: z.string().min(1).max(100),
    category: z.enum(WORK_ORDER_CATEGORIES),
    priority: z.enum(WORK_ORDER_PRIORITIES),
    description: z.string().max(1000).optional(),
    /** The asset in the ledger (资产台账) this report is about, when known; its category for the bureau's cost figures. Optional: older reports have none. */
    assetId: z.string().uuid().optional(),
    assetCategory: z.string().min(1).max(40).optional(),
    source: workOrderSource.optional(),
    /** Set when this report is a repeat failure of the same asset (rule `facilities.repair.repeatFailureWindowDays`). */
    repeat: workOrderRepeat.optional(),
    reportedBy: id,
    reportedAt: at,
    /** Business deadlines by the SLA version in force at reportedAt (v2). */
    responseDueAt: at,
    completionDueAt: at,
    slaRule: ruleRef,
    ...lateEntry,
  }),
});

/** Who repairs: an in-house technician (their account) or an outside contractor (外包单位). */
export const technician = z.object({ kind: z.literal('technician'), accountId: id, name: z.string().min(1).max(40) }).strict();
export const contractor = z
  .object({ kind: z.literal('contractor'), company: z.string().min(1).max(100), contact: z.string().min(1).max(40), phone: z.string().regex(/^[0-9+\- ]{5,20}$/) })
  .strict();
export const repairer = z.discriminatedUnion('kind', [technician, contractor]);
export type Repairer = z.infer<typeof repairer>;

/**
 * 派工 — the school's logistics admin dispatches the repair. The first assignment is the SLA's response.
 * `assignee` is who may start and complete it: the technician's account id, or the contractor's company;
 * `repairer` (optional: older assignments were free text) says which.
 */
export const WorkOrderAssigned = defineEvent({
  type: 'WorkOrderAssigned',
  version: 2,
  ...workOrder,
  schema: z.object({ workOrderId: id, schoolId: id, assignee: z.string().min(1).max(100), repairer: repairer.optional(), assignedBy: id, assignedAt: at, ...lateEntry }),
});

/** 开工 — the repairer starts work on site. */
export const WorkOrderRepairStarted = defineEvent({
  type: 'WorkOrderRepairStarted',
  version: 1,
  ...workOrder,
  schema: z.object({ workOrderId: id, schoolId: id, startedBy: id, startedAt: at, ...lateEntry }),
});

/** Money in fen (分): a safe integer, never a float of yuan. Bounded so sums stay exact. */
const fen = z.number().int().min(0).max(1_000_000_000);
export const repairPart = z
  .object({ name: z.string().min(1).max(60), quantity: z.number().int().min(1).max(10_000), unitPriceFen: fen, amountFen: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER) })
  .strict();
export type RepairPart = z.infer<typeof repairPart>;

/** 登记费用 — the parts and labour of the repair; each record replaces the previous sheet (amounts exact, in fen). */
export const WorkOrderCostsRecorded = defineEvent({
  type: 'WorkOrderCostsRecorded',
  version: 1,
  ...workOrder,
  schema: z.object({
    workOrderId: id,
    schoolId: id,
    parts: z.array(repairPart).max(50),
    partsFen: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
    labourFen: fen,
    totalFen: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
    recordedBy: id,
    recordedAt: at,
    ...lateEntry,
  }),
});

/** 维修完成 */
export const WorkOrderCompleted = defineEvent({
  type: 'WorkOrderCompleted',
  version: 2,
  ...workOrder,
  schema: z.object({ workOrderId: id, schoolId: id, completedBy: id, completedAt: at, note: z.string().max(1000).optional(), ...lateEntry }),
});

/** 返修 (验收不通过) — the reporter reopens the repair with a reason; the order goes back to the repairer. */
export const WorkOrderCompletionRejected = defineEvent({
  type: 'WorkOrderCompletionRejected',
  version: 1,
  ...workOrder,
  schema: z.object({ workOrderId: id, schoolId: id, rejectedBy: id, rejectedAt: at, reason: z.string().min(1).max(500) }),
});

/** 验收通过 — the reporter confirms the repair. */
export const WorkOrderVerified = defineEvent({
  type: 'WorkOrderVerified',
  version: 2,
  ...workOrder,
  schema: z.object({
    workOrderId: id,
    schoolId: id,
    verifiedBy: id,
    verifiedAt: at,
    rating: z.number().int().min(1).max(5).optional(),
    comment: z.string().max(500).optional(),
    ...lateEntry,
  }),
});

const overdue = z.object({ workOrderId: id, schoolId: id, dueAt: at, raisedAt: at });

/** 响应超时 — nobody was assigned by the response deadline (raised by the SLA scheduler, once). */
export const WorkOrderResponseOverdue = defineEvent({ type: 'WorkOrderResponseOverdue', version: 1, ...workOrder, schema: overdue });

/** 完工超时 — not completed by the completion deadline (raised by the SLA scheduler, once). */
export const WorkOrderCompletionOverdue = defineEvent({ type: 'WorkOrderCompletionOverdue', version: 1, ...workOrder, schema: overdue });

/** Every event of a work-order stream. A new one is added here and nowhere else. */
export const WorkOrderEvents = eventGroup([
  WorkOrderReported,
  WorkOrderAssigned,
  WorkOrderRepairStarted,
  WorkOrderCostsRecorded,
  WorkOrderCompleted,
  WorkOrderCompletionRejected,
  WorkOrderVerified,
  WorkOrderResponseOverdue,
  WorkOrderCompletionOverdue,
]);
export type WorkOrderEvent = EventsOf<typeof WorkOrderEvents>;
/** The type names of WorkOrderEvents (for projections that must see every one). */
export const WORK_ORDER_EVENT_TYPES = eventTypesOf(WorkOrderEvents);

// Payload types under their event's name (a type beside the record of the same name).
export type WorkOrderReported = EventOf<typeof WorkOrderReported>['data'];
export type WorkOrderAssigned = EventOf<typeof WorkOrderAssigned>['data'];
export type WorkOrderRepairStarted = EventOf<typeof WorkOrderRepairStarted>['data'];
export type WorkOrderCostsRecorded = EventOf<typeof WorkOrderCostsRecorded>['data'];
export type WorkOrderCompleted = EventOf<typeof WorkOrderCompleted>['data'];
export type WorkOrderCompletionRejected = EventOf<typeof WorkOrderCompletionRejected>['data'];
export type WorkOrderVerified = EventOf<typeof WorkOrderVerified>['data'];
export type WorkOrderResponseOverdue = EventOf<typeof WorkOrderResponseOverdue>['data'];
export type WorkOrderCompletionOverdue = EventOf<typeof WorkOrderCompletionOverdue>['data'];
export type WorkOrderRuleRef = z.infer<typeof ruleRef>;

/** @deprecated use `WorkOrderReported.type` etc. (derived from the records). */
export const WorkOrderEventTypes = {
  reported: WorkOrderReported.type,
  assigned: WorkOrderAssigned.type,
  repairStarted: WorkOrderRepairStarted.type,
  costsRecorded: WorkOrderCostsRecorded.type,
  completed: WorkOrderCompleted.type,
  completionRejected: WorkOrderCompletionRejected.type,
  verified: WorkOrderVerified.type,
  responseOverdue: WorkOrderResponseOverdue.type,
  completionOverdue: WorkOrderCompletionOverdue.type,
} as const;

/** @deprecated use `WorkOrderReported.schema` etc. */
export const workOrderReportedV1 = WorkOrderReported.schema;
/** @deprecated use `WorkOrderAssigned.schema`. */
export const workOrderAssignedV1 = WorkOrderAssigned.schema;
/** @deprecated use `WorkOrderCompleted.schema`. */
export const workOrderCompletedV1 = WorkOrderCompleted.schema;
/** @deprecated use `WorkOrderCompletionRejected.schema`. */
export const workOrderCompletionRejectedV1 = WorkOrderCompletionRejected.schema;
/** @deprecated use `WorkOrderVerified.schema`. */
export const workOrderVerifiedV1 = WorkOrderVerified.schema;
