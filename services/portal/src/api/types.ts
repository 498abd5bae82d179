/** What the services answer, as the portal reads it (facilities work orders, bureau figures, audit lines). */
export const STATUSES = ['reported', 'assigned', 'in-progress', 'completed', 'verified'] as const;
export const CATEGORIES = ['electrical', 'plumbing', 'carpentry', 'hvac', 'network', 'furniture', 'building', 'other'] as const;
export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type Status = (typeof STATUSES)[number];
export type Category = (typeof CATEGORIES)[number];
export type Priority = (typeof PRIORITIES)[number];

export interface WorkOrder {
  workOrderId: string;
  schoolId: string;
  status: Status;
  statusZh: string;
  title: string;
  location: string;
  category: Category;
  priority: Priority;
  description?: string;
  reportedBy: string;
  reportedAt: string;
  rejections: number;
  lastRejectionReason?: string;
  assignee?: string;
  /** 派工: an in-house technician or an outside contractor (phone masked by the service). */
  repairer?: { kind: 'technician'; accountId: string; name: string } | { kind: 'contractor'; company: string; contact: string; phone: string };
  assignedAt?: string;
  startedAt?: string;
  /** The latest cost sheet, money in fen (分). */
  costs?: { parts: { name: string; quantity: number; unitPriceFen: number; amountFen: number }[]; partsFen: number; labourFen: number; totalFen: number; recordedBy: string; recordedAt: string };
  assetId?: string;
  /** 返修: a repeat failure of the asset within the window after its last completed repair. */
  repeat?: { previousWorkOrderId: string; previousCompletedAt: string };
  completedBy?: string;
  completedAt?: string;
  completionNote?: string;
  verifiedAt?: string;
  rating?: number;
  sla?: {
    responseDueAt: string;
    completionDueAt: string;
    rule: { ruleId: string; version: number };
    respondedAt?: string;
    responseOverdue: boolean;
    completionOverdue: boolean;
  };
  version: number;
}

export interface WorkOrderPage {
  items: WorkOrder[];
  nextCursor?: string;
}

export interface CommandAccepted {
  workOrderId: string;
  version: number;
  position?: string;
}

export interface SchoolFigures {
  schoolId: string;
  reported: number;
  open: number;
  completed: number;
  verified: number;
  completionCount: number;
  completionMsTotal: number;
  meanTimeToCompleteMs: number | null;
}

export interface DistrictFigures extends Omit<SchoolFigures, 'schoolId'> {
  schools: number;
  projection: { eventsApplied: number; duplicatesAbsorbed: number; lastEventAt: string | null };
}

export interface Compliance {
  met: number;
  missed: number;
  rate: number | null;
}

export interface SlaFigures {
  byPriority: Record<Priority, { reported: number; response: Compliance; completion: Compliance }>;
  openOverdue: number;
  lateEntries: number;
}

export interface DistrictSla extends SlaFigures {
  schools: (SlaFigures & { schoolId: string })[];
  eventsApplied: number;
}

/** Met and missed of every priority added up. */
export function overall(sla: SlaFigures | undefined, which: 'response' | 'completion'): Compliance {
  const sum = { met: 0, missed: 0 };
  for (const p of PRIORITIES) {
    sum.met += sla?.byPriority[p]?.[which].met ?? 0;
    sum.missed += sla?.byPriority[p]?.[which].missed ?? 0;
  }
  return { ...sum, rate: sum.met + sum.missed === 0 ? null : sum.met / (sum.met + sum.missed) };
}

/** Open and past a deadline by the given time, or already raised as overdue by the facilities scheduler. */
export function isOverdue(order: WorkOrder, now = Date.now()): boolean {
  if (!order.sla) return false;
  if (order.status === 'reported') return order.sla.responseOverdue || Date.parse(order.sla.responseDueAt) <= now;
  if (order.status === 'assigned' || order.status === 'in-progress') return order.sla.completionOverdue || Date.parse(order.sla.completionDueAt) <= now;
  return false;
}

export const SCHOOL_TYPES = ['primary', 'junior-secondary', 'nine-year', 'senior-secondary', 'complete-secondary', 'special-education'] as const;
export type SchoolType = (typeof SCHOOL_TYPES)[number];

/** A school of identity's register (GET /api/identity/schools). */
export interface School {
  code: string;
  name: string;
  type: SchoolType;
}

export interface HistoryLine {
  position: string;
  recordedAt: string;
  occurredAt?: string;
  actor?: { id?: string; role?: string; name?: string } | string;
  correlationId?: string;
  type: string;
  schemaVersion: number;
  streamId: string;
  streamVersion: number;
  schoolId: string;
  payload: unknown;
  hash: string;
  prevHash: string;
}
