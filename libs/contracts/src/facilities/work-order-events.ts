import { z } from 'zod';

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

const id = z.string().min(1).max(64);
const at = z.string().datetime({ offset: true });

export const WorkOrderEventTypes = {
  reported: 'WorkOrderReported',
  assigned: 'WorkOrderAssigned',
  completed: 'WorkOrderCompleted',
  completionRejected: 'WorkOrderCompletionRejected',
  verified: 'WorkOrderVerified',
} as const;

/** 报修 — a school reports something broken. */
export const workOrderReportedV1 = z.object({
  workOrderId: id,
  schoolId: id,
  title: z.string().min(1).max(100),
  location: z.string().min(1).max(100),
  category: z.enum(WORK_ORDER_CATEGORIES),
  priority: z.enum(WORK_ORDER_PRIORITIES),
  description: z.string().max(1000).optional(),
  reportedBy: id,
  reportedAt: at,
});
export type WorkOrderReported = z.infer<typeof workOrderReportedV1>;

/** 派单 — the school's logistics admin assigns a repairer. */
export const workOrderAssignedV1 = z.object({
  workOrderId: id,
  schoolId: id,
  assignee: z.string().min(1).max(64),
  assignedBy: id,
  assignedAt: at,
});
export type WorkOrderAssigned = z.infer<typeof workOrderAssignedV1>;

/** 维修完成 */
export const workOrderCompletedV1 = z.object({
  workOrderId: id,
  schoolId: id,
  completedBy: id,
  completedAt: at,
  note: z.string().max(1000).optional(),
});
export type WorkOrderCompleted = z.infer<typeof workOrderCompletedV1>;

/** 验收不通过 — the reporter rejects the repair; the order goes back to the repairer. */
export const workOrderCompletionRejectedV1 = z.object({
  workOrderId: id,
  schoolId: id,
  rejectedBy: id,
  rejectedAt: at,
  reason: z.string().min(1).max(500),
});
export type WorkOrderCompletionRejected = z.infer<typeof workOrderCompletionRejectedV1>;

/** 验收通过 — the reporter confirms the repair. */
export const workOrderVerifiedV1 = z.object({
  workOrderId: id,
  schoolId: id,
  verifiedBy: id,
  verifiedAt: at,
  rating: z.number().int().min(1).max(5).optional(),
  comment: z.string().max(500).optional(),
});
export type WorkOrderVerified = z.infer<typeof workOrderVerifiedV1>;

export type WorkOrderEvent =
  | { type: 'WorkOrderReported'; data: WorkOrderReported }
  | { type: 'WorkOrderAssigned'; data: WorkOrderAssigned }
  | { type: 'WorkOrderCompleted'; data: WorkOrderCompleted }
  | { type: 'WorkOrderCompletionRejected'; data: WorkOrderCompletionRejected }
  | { type: 'WorkOrderVerified'; data: WorkOrderVerified };

export const WORK_ORDER_STREAM_TYPE = 'WorkOrder';
