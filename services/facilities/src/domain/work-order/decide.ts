import { WorkOrderCategory, WorkOrderEvent, WorkOrderPriority } from '@houqin/contracts';
import { Command, CommandMetadata, DomainError, unknownCommand } from '@houqin/event-sourcing';
import { STATUS_ZH } from './labels';
import { ExistingWorkOrder, WorkOrderState, WorkOrderStatus } from './state';

export type ReportWorkOrder = Command<
  'ReportWorkOrder',
  { workOrderId: string; schoolId: string; title: string; location: string; category: WorkOrderCategory; priority: WorkOrderPriority; description?: string }
>;
export type AssignWorkOrder = Command<'AssignWorkOrder', { assignee: string }>;
export type CompleteWorkOrder = Command<'CompleteWorkOrder', { note?: string }>;
export type RejectCompletion = Command<'RejectCompletion', { reason: string }>;
export type VerifyWorkOrder = Command<'VerifyWorkOrder', { rating?: number; comment?: string }>;
export type WorkOrderCommand = ReportWorkOrder | AssignWorkOrder | CompleteWorkOrder | RejectCompletion | VerifyWorkOrder;

export function decide(command: WorkOrderCommand, state: WorkOrderState): WorkOrderEvent[] {
  if (command.type === 'ReportWorkOrder') return report(command, state);
  if (state.status === 'none') throw notFound();
  switch (command.type) {
    case 'AssignWorkOrder':
      return assign(command, state);
    case 'CompleteWorkOrder':
      return complete(command, state);
    case 'RejectCompletion':
      return reject(command, state);
    case 'VerifyWorkOrder':
      return verify(command, state);
    default:
      return unknownCommand(command);
  }
}

function report({ data, metadata }: ReportWorkOrder, state: WorkOrderState): WorkOrderEvent[] {
  if (state.status !== 'none') throw refuse('work-order-exists', 'Work order already exists', '工单已存在', 'conflict');
  const { description, ...fields } = data;
  return [{ type: 'WorkOrderReported', data: { ...fields, ...optional('description', description), reportedBy: metadata.actorId, reportedAt: metadata.occurredAt } }];
}

function assign({ data, metadata }: AssignWorkOrder, state: ExistingWorkOrder): WorkOrderEvent[] {
  if (state.status !== 'reported' && state.status !== 'assigned') throw wrongStatus(state.status, 'assigned', '派单');
  if (state.status === 'assigned' && state.assignee === data.assignee) return [];
  return [{ type: 'WorkOrderAssigned', data: { ...ids(state), assignee: data.assignee, assignedBy: metadata.actorId, assignedAt: metadata.occurredAt } }];
}

function complete({ data, metadata }: CompleteWorkOrder, state: ExistingWorkOrder): WorkOrderEvent[] {
  if (state.status !== 'assigned') throw wrongStatus(state.status, 'completed', '完工');
  if (metadata.actorId !== state.assignee && metadata.actorRole !== 'school-admin') throw onlyAssignee();
  return [{ type: 'WorkOrderCompleted', data: { ...ids(state), completedBy: metadata.actorId, completedAt: metadata.occurredAt, ...optional('note', data.note) } }];
}

function reject({ data, metadata }: RejectCompletion, state: ExistingWorkOrder): WorkOrderEvent[] {
  if (state.status !== 'completed') throw wrongStatus(state.status, 'rejected', '验收');
  assertMayCheckRepair(metadata, state);
  return [{ type: 'WorkOrderCompletionRejected', data: { ...ids(state), rejectedBy: metadata.actorId, rejectedAt: metadata.occurredAt, reason: data.reason } }];
}

function verify({ data, metadata }: VerifyWorkOrder, state: ExistingWorkOrder): WorkOrderEvent[] {
  if (state.status !== 'completed') throw wrongStatus(state.status, 'verified', '验收');
  assertMayCheckRepair(metadata, state);
  const { rating, comment } = data;
  return [{ type: 'WorkOrderVerified', data: { ...ids(state), verifiedBy: metadata.actorId, verifiedAt: metadata.occurredAt, ...optional('rating', rating), ...optional('comment', comment) } }];
}

/**
 * 验收 is a second pair of eyes: the reporter checks the repair, never the person who did it.
 * When the reporter repaired it themselves, a school admin checks it instead.
 */
function assertMayCheckRepair(metadata: CommandMetadata, state: { reportedBy: string; completedBy: string }): void {
  if (metadata.actorId === state.completedBy) throw completerCannotVerify();
  if (metadata.actorId === state.reportedBy) return;
  if (state.reportedBy === state.completedBy && metadata.actorRole === 'school-admin') return;
  throw onlyReporter();
}

const ids = (state: ExistingWorkOrder) => ({ workOrderId: state.workOrderId, schoolId: state.schoolId });

/** Leaves an optional field out instead of writing `undefined` into an event. */
const optional = <K extends string, V>(key: K, value: V | undefined) => (value === undefined ? {} : ({ [key]: value } as Record<K, V>));

const refuse = (code: string, message: string, messageZh: string, kind: DomainError['kind'] = 'invalid') => new DomainError(code, message, messageZh, kind);
const notFound = () => refuse('work-order-not-found', 'Work order not found', '工单不存在', 'not-found');
const wrongStatus = (s: WorkOrderStatus, action: string, actionZh: string) =>
  refuse('work-order-wrong-status', `A ${s} work order cannot be ${action}`, `工单当前状态（${STATUS_ZH[s]}）不能${actionZh}`, 'conflict');
const onlyReporter = () => refuse('only-reporter-can-verify', 'Only the reporter can accept or reject the repair', '只有报修人可以验收', 'forbidden');
const onlyAssignee = () =>
  refuse('only-assignee-can-complete', 'Only the assigned repairer or a school admin can complete the repair', '只有被派单的维修人或学校管理员可以完工', 'forbidden');
const completerCannotVerify = () => refuse('completer-cannot-verify', 'Whoever completed the repair cannot also accept or reject it', '完工人不能验收自己的维修', 'forbidden');
