import { Repairer, RepairPart, WorkOrderCategory, WorkOrderEvent, WorkOrderPriority, WorkOrderRepeat, WorkOrderRuleRef, WorkOrderSource } from '@houqin/contracts';
import { unknownEvent } from '@houqin/event-sourcing';

/** 报修工单 lifecycle: reported → assigned (派工) → in-progress (开工, optional) → completed → verified (or reopened, 返修, back to assigned). */
export type WorkOrderStatus = WorkOrderState['status'];

/** What every existing work order has: its report, and how often its repair was rejected. */
interface Reported {
  status: 'reported';
  workOrderId: string;
  schoolId: string;
  title: string;
  location: string;
  category: WorkOrderCategory;
  priority: WorkOrderPriority;
  description?: string;
  assetId?: string;
  assetCategory?: string;
  source?: WorkOrderSource;
  /** 返修: a repeat failure of the asset after an earlier completed repair. */
  repeat?: WorkOrderRepeat;
  reportedBy: string;
  reportedAt: string;
  rejections: number;
  lastRejectionReason?: string;
  sla: Sla;
  /** The latest cost sheet (登记费用), kept through completion and verification. */
  costs?: RepairCosts;
}

export interface RepairCosts {
  parts: RepairPart[];
  partsFen: number;
  labourFen: number;
  totalFen: number;
  recordedBy: string;
  recordedAt: string;
}

/** The business deadlines as judged at the report, when they were met, and which overdue facts were raised. */
export interface Sla {
  responseDueAt: string;
  completionDueAt: string;
  rule: WorkOrderRuleRef;
  /** The first assignment (派单) is the response. */
  respondedAt?: string;
  responseOverdue: boolean;
  completionOverdue: boolean;
}
type Assigned = Omit<Reported, 'status'> & { status: 'assigned'; assignee: string; repairer?: Repairer; assignedAt: string };
type InProgress = Omit<Assigned, 'status'> & { status: 'in-progress'; startedAt: string };
type Completed = Omit<Assigned, 'status'> & { status: 'completed'; startedAt?: string; completedBy: string; completedAt: string; completionNote?: string };
type Verified = Omit<Completed, 'status'> & { status: 'verified'; verifiedAt: string; rating?: number };

/** Each status carries the data it has, so no field is read with `!`. */
export type WorkOrderState = { status: 'none' } | Reported | Assigned | InProgress | Completed | Verified;
export type ExistingWorkOrder = Exclude<WorkOrderState, { status: 'none' }>;

export const initialState = (): WorkOrderState => ({ status: 'none' });

export function evolve(state: WorkOrderState, event: WorkOrderEvent): WorkOrderState {
  switch (event.type) {
    case 'WorkOrderReported': {
      const { responseDueAt, completionDueAt, slaRule, late: _late, lateByMs: _by, ...report } = event.data;
      return { ...report, status: 'reported', rejections: 0, sla: { responseDueAt, completionDueAt, rule: slaRule, responseOverdue: false, completionOverdue: false } };
    }
    case 'WorkOrderAssigned': {
      // A new assignment is not started, and replaces the repairer.
      const { startedAt: _started, repairer: _before, ...before } = { startedAt: undefined, repairer: undefined, ...assignable(state, event) };
      const sla = { ...before.sla, respondedAt: before.sla.respondedAt ?? event.data.assignedAt };
      const { assignee, repairer, assignedAt } = event.data;
      return { ...before, sla, status: 'assigned', assignee, ...(repairer === undefined ? {} : { repairer }), assignedAt };
    }
    case 'WorkOrderRepairStarted':
      return { ...assigned(state, event), status: 'in-progress', startedAt: event.data.startedAt };
    case 'WorkOrderCostsRecorded': {
      const { parts, partsFen, labourFen, totalFen, recordedBy, recordedAt } = event.data;
      return { ...costable(state, event), costs: { parts, partsFen, labourFen, totalFen, recordedBy, recordedAt } };
    }
    case 'WorkOrderCompleted': {
      const { completedBy, completedAt, note } = event.data;
      return { ...working(state, event), status: 'completed', completedBy, completedAt, ...(note === undefined ? {} : { completionNote: note }) };
    }
    case 'WorkOrderCompletionRejected': {
      const { completedBy: _by, completedAt: _at, completionNote: _note, startedAt: _started, ...rest } = completed(state, event);
      return { ...rest, status: 'assigned', rejections: rest.rejections + 1, lastRejectionReason: event.data.reason };
    }
    case 'WorkOrderVerified':
      return { ...completed(state, event), status: 'verified', verifiedAt: event.data.verifiedAt, ...(event.data.rating === undefined ? {} : { rating: event.data.rating }) };
    case 'WorkOrderResponseOverdue': {
      const order = existing(state, event);
      return { ...order, sla: { ...order.sla, responseOverdue: true } };
    }
    case 'WorkOrderCompletionOverdue': {
      const order = existing(state, event);
      return { ...order, sla: { ...order.sla, completionOverdue: true } };
    }
    default:
      return unknownEvent(event);
  }
}

// A stored history in an impossible order (a gap, an edited store) fails loudly instead of folding into nonsense.
function existing(state: WorkOrderState, event: WorkOrderEvent): ExistingWorkOrder {
  if (state.status === 'none') throw outOfOrder(state, event);
  return state;
}
function assignable(state: WorkOrderState, event: WorkOrderEvent): Reported | Assigned | InProgress {
  if (state.status !== 'reported' && state.status !== 'assigned' && state.status !== 'in-progress') throw outOfOrder(state, event);
  return state;
}
function assigned(state: WorkOrderState, event: WorkOrderEvent): Assigned {
  if (state.status !== 'assigned') throw outOfOrder(state, event);
  return state;
}
function working(state: WorkOrderState, event: WorkOrderEvent): Assigned | InProgress {
  if (state.status !== 'assigned' && state.status !== 'in-progress') throw outOfOrder(state, event);
  return state;
}
function costable(state: WorkOrderState, event: WorkOrderEvent): Assigned | InProgress | Completed {
  if (state.status !== 'assigned' && state.status !== 'in-progress' && state.status !== 'completed') throw outOfOrder(state, event);
  return state;
}
function completed(state: WorkOrderState, event: WorkOrderEvent): Completed {
  if (state.status !== 'completed') throw outOfOrder(state, event);
  return state;
}
const outOfOrder = (state: WorkOrderState, event: WorkOrderEvent) => new Error(`${event.type} cannot follow a ${state.status} work order`);
