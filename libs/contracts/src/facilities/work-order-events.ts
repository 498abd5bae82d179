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

/** 报修 — a school reports something broken. */
export const WorkOrderReported = defineEvent({
  type: 'WorkOrderReported',
  version: 1,
  ...workOrder,
  schema: z.object({
    workOrderId: id,
    schoolId: id,
    title: z.string().min(1).max(100),
    location: z.string().min(1).max(100),
    category: z.enum(WORK_ORDER_CATEGORIES),
    priority: z.enum(WORK_ORDER_PRIORITIES),
    description: z.string().max(1000).optional(),
    reportedBy: id,
    reportedAt: at,
  }),
});

/** 派单 — the school's logistics admin assigns a repairer. */
export const WorkOrderAssigned = defineEvent({
  type: 'WorkOrderAssigned',
  version: 1,
  ...workOrder,
  schema: z.object({ workOrderId: id, schoolId: id, assignee: z.string().min(1).max(64), assignedBy: id, assignedAt: at }),
});

/** 维修完成 */
export const WorkOrderCompleted = defineEvent({
  type: 'WorkOrderCompleted',
  version: 1,
  ...workOrder,
  schema: z.object({ workOrderId: id, schoolId: id, completedBy: id, completedAt: at, note: z.string().max(1000).optional() }),
});

/** 验收不通过 — the reporter rejects the repair; the order goes back to the repairer. */
export const WorkOrderCompletionRejected = defineEvent({
  type: 'WorkOrderCompletionRejected',
  version: 1,
  ...workOrder,
  schema: z.object({ workOrderId: id, schoolId: id, rejectedBy: id, rejectedAt: at, reason: z.string().min(1).max(500) }),
});

/** 验收通过 — the reporter confirms the repair. */
export const WorkOrderVerified = defineEvent({
  type: 'WorkOrderVerified',
  version: 1,
  ...workOrder,
  schema: z.object({
    workOrderId: id,
    schoolId: id,
    verifiedBy: id,
    verifiedAt: at,
    rating: z.number().int().min(1).max(5).optional(),
    comment: z.string().max(500).optional(),
  }),
});

/** Every event of a work-order stream. A new one is added here and nowhere else. */
export const WorkOrderEvents = eventGroup([WorkOrderReported, WorkOrderAssigned, WorkOrderCompleted, WorkOrderCompletionRejected, WorkOrderVerified]);
export type WorkOrderEvent = EventsOf<typeof WorkOrderEvents>;
/** The type names of WorkOrderEvents (for projections that must see every one). */
export const WORK_ORDER_EVENT_TYPES = eventTypesOf(WorkOrderEvents);

// Payload types under their event's name (a type beside the record of the same name).
export type WorkOrderReported = EventOf<typeof WorkOrderReported>['data'];
export type WorkOrderAssigned = EventOf<typeof WorkOrderAssigned>['data'];
export type WorkOrderCompleted = EventOf<typeof WorkOrderCompleted>['data'];
export type WorkOrderCompletionRejected = EventOf<typeof WorkOrderCompletionRejected>['data'];
export type WorkOrderVerified = EventOf<typeof WorkOrderVerified>['data'];

/** @deprecated use `WorkOrderReported.type` etc. (derived from the records). */
export const WorkOrderEventTypes = {
  reported: WorkOrderReported.type,
  assigned: WorkOrderAssigned.type,
  completed: WorkOrderCompleted.type,
  completionRejected: WorkOrderCompletionRejected.type,
  verified: WorkOrderVerified.type,
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
