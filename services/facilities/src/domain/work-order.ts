import {
  WorkOrderCategory,
  WorkOrderEvent,
  WorkOrderPriority,
} from '@houqin/contracts';
import { Decider, DomainError } from '@houqin/event-sourcing';

/** 报修工单 lifecycle: reported → assigned → completed → verified (or rejected back to assigned). */
export type WorkOrderStatus = 'none' | 'reported' | 'assigned' | 'completed' | 'verified';

export interface WorkOrderState {
  status: WorkOrderStatus;
  workOrderId?: string;
  schoolId?: string;
  title?: string;
  location?: string;
  category?: WorkOrderCategory;
  priority?: WorkOrderPriority;
  description?: string;
  reportedBy?: string;
  reportedAt?: string;
  assignee?: string;
  assignedAt?: string;
  completedBy?: string;
  completedAt?: string;
  completionNote?: string;
  verifiedAt?: string;
  rating?: number;
  rejections: number;
  lastRejectionReason?: string;
}

interface Acted {
  actorId: string;
  /** The actor's role: a school admin may complete any repair of the school. */
  actorRole: string;
  /** ISO time of the command; the domain never reads a clock. */
  at: string;
}

export type WorkOrderCommand =
  | (Acted & {
      type: 'ReportWorkOrder';
      workOrderId: string;
      schoolId: string;
      title: string;
      location: string;
      category: WorkOrderCategory;
      priority: WorkOrderPriority;
      description?: string;
    })
  | (Acted & { type: 'AssignWorkOrder'; assignee: string })
  | (Acted & { type: 'CompleteWorkOrder'; note?: string })
  | (Acted & { type: 'RejectCompletion'; reason: string })
  | (Acted & { type: 'VerifyWorkOrder'; rating?: number; comment?: string });

const refuse = (code: string, message: string, messageZh: string, kind: DomainError['kind'] = 'invalid') =>
  new DomainError(code, message, messageZh, kind);

const notFound = () => refuse('work-order-not-found', 'Work order not found', '工单不存在', 'not-found');
const wrongStatus = (s: WorkOrderStatus, action: string, actionZh: string) =>
  refuse('work-order-wrong-status', `A ${s} work order cannot be ${action}`, `工单当前状态（${STATUS_ZH[s]}）不能${actionZh}`, 'conflict');
const onlyReporter = () =>
  refuse('only-reporter-can-verify', 'Only the reporter can accept or reject the repair', '只有报修人可以验收', 'forbidden');
const onlyAssignee = () =>
  refuse('only-assignee-can-complete', 'Only the assigned repairer or a school admin can complete the repair', '只有被派单的维修人或学校管理员可以完工', 'forbidden');
const completerCannotVerify = () =>
  refuse('completer-cannot-verify', 'Whoever completed the repair cannot also accept or reject it', '完工人不能验收自己的维修', 'forbidden');

/**
 * 验收 is a second pair of eyes: the reporter checks the repair, never the person who did it.
 * When the reporter repaired it themselves, a school admin checks it instead.
 */
function assertMayCheckRepair(command: Acted, state: WorkOrderState): void {
  if (command.actorId === state.completedBy) throw completerCannotVerify();
  if (command.actorId === state.reportedBy) return;
  if (state.reportedBy === state.completedBy && command.actorRole === 'school-admin') return;
  throw onlyReporter();
}

export const STATUS_ZH: Record<WorkOrderStatus, string> = {
  none: '不存在',
  reported: '待派单',
  assigned: '维修中',
  completed: '待验收',
  verified: '已验收',
};

function decide(command: WorkOrderCommand, state: WorkOrderState): WorkOrderEvent[] {
  if (command.type === 'ReportWorkOrder') {
    if (state.status !== 'none') throw refuse('work-order-exists', 'Work order already exists', '工单已存在', 'conflict');
    const { workOrderId, schoolId, title, location, category, priority, description, actorId, at } = command;
    return [
      {
        type: 'WorkOrderReported',
        data: { workOrderId, schoolId, title, location, category, priority, ...optional('description', description), reportedBy: actorId, reportedAt: at },
      },
    ];
  }
  if (state.status === 'none') throw notFound();
  const ids = { workOrderId: state.workOrderId!, schoolId: state.schoolId! };

  switch (command.type) {
    case 'AssignWorkOrder':
      if (state.status !== 'reported' && state.status !== 'assigned') throw wrongStatus(state.status, 'assigned', '派单');
      if (state.status === 'assigned' && state.assignee === command.assignee) return [];
      return [{ type: 'WorkOrderAssigned', data: { ...ids, assignee: command.assignee, assignedBy: command.actorId, assignedAt: command.at } }];
    case 'CompleteWorkOrder':
      if (state.status !== 'assigned') throw wrongStatus(state.status, 'completed', '完工');
      if (command.actorId !== state.assignee && command.actorRole !== 'school-admin') throw onlyAssignee();
      return [{ type: 'WorkOrderCompleted', data: { ...ids, completedBy: command.actorId, completedAt: command.at, ...optional('note', command.note) } }];
    case 'RejectCompletion':
      if (state.status !== 'completed') throw wrongStatus(state.status, 'rejected', '验收');
      assertMayCheckRepair(command, state);
      return [{ type: 'WorkOrderCompletionRejected', data: { ...ids, rejectedBy: command.actorId, rejectedAt: command.at, reason: command.reason } }];
    case 'VerifyWorkOrder':
      if (state.status !== 'completed') throw wrongStatus(state.status, 'verified', '验收');
      assertMayCheckRepair(command, state);
      return [
        {
          type: 'WorkOrderVerified',
          data: { ...ids, verifiedBy: command.actorId, verifiedAt: command.at, ...optional('rating', command.rating), ...optional('comment', command.comment) },
        },
      ];
  }
}

function evolve(state: WorkOrderState, event: WorkOrderEvent): WorkOrderState {
  switch (event.type) {
    case 'WorkOrderReported': {
      const { reportedBy, reportedAt, ...rest } = event.data;
      return { ...state, ...rest, reportedBy, reportedAt, status: 'reported' };
    }
    case 'WorkOrderAssigned':
      return { ...state, status: 'assigned', assignee: event.data.assignee, assignedAt: event.data.assignedAt };
    case 'WorkOrderCompleted':
      return { ...state, status: 'completed', completedBy: event.data.completedBy, completedAt: event.data.completedAt, completionNote: event.data.note };
    case 'WorkOrderCompletionRejected':
      return { ...state, status: 'assigned', completedBy: undefined, completedAt: undefined, rejections: state.rejections + 1, lastRejectionReason: event.data.reason };
    case 'WorkOrderVerified':
      return { ...state, status: 'verified', verifiedAt: event.data.verifiedAt, rating: event.data.rating };
  }
}

/** Leaves an optional field out instead of writing `undefined` into an event. */
const optional = <K extends string, V>(key: K, value: V | undefined) => (value === undefined ? {} : ({ [key]: value } as Record<K, V>));

export const workOrderDecider: Decider<WorkOrderCommand, WorkOrderEvent, WorkOrderState> = {
  initialState: () => ({ status: 'none', rejections: 0 }),
  decide,
  evolve,
};
