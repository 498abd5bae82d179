import { CommandMetadata, DomainError } from '@houqin/event-sourcing';
import { judgeLateEntry, LateEntry, parseInstant, RepairSla, RepeatFailureWindow, RuleLookup } from '@houqin/rules';
import { STATUS_ZH } from './labels';
import { ExistingWorkOrder, WorkOrderStatus } from './state';

/** The rules the work order is judged by (houqinRules in production; a derived pack in tests). */
export type WorkOrderRules = RuleLookup<{ 'facilities.repair.sla': RepairSla; 'time.lateEntry': LateEntry; 'facilities.repair.repeatFailureWindowDays': RepeatFailureWindow }>;

// What every decision of the work order shares: its ids, late marks, time order and refusals.

/** 补录: judged by the allowance in force when the fact occurred, against the record time. */
export function lateMark(metadata: CommandMetadata, rules: WorkOrderRules): { late: boolean; lateByMs: number } {
  const { late, byMs } = judgeLateEntry('facilities.repair', metadata.occurredAt, metadata.now, { pack: rules });
  return { late, lateByMs: byMs };
}

/** A late entry cannot have happened before the fact it follows (派单 before 报修, say). */
export function assertNotBefore(metadata: CommandMetadata, previousAt: string): void {
  if (parseInstant(metadata.occurredAt)! >= parseInstant(previousAt)!) return;
  throw refuse(
    'occurred-before-previous-step',
    `occurredAt ${metadata.occurredAt} is before the previous step of this work order (${previousAt})`,
    `发生时间 ${metadata.occurredAt} 早于该工单上一步骤的时间（${previousAt}）`,
  );
}

/** The assigned repairer (their account id) or a school admin: who does the repair's work. */
export function assertRepairer(metadata: CommandMetadata, state: { assignee: string }): void {
  if (metadata.actorId !== state.assignee && metadata.actorRole !== 'school-admin') throw onlyAssignee();
}

export const ids = (state: ExistingWorkOrder) => ({ workOrderId: state.workOrderId, schoolId: state.schoolId });

/** Leaves an optional field out instead of writing `undefined` into an event. */
export const optional = <K extends string, V>(key: K, value: V | undefined) => (value === undefined ? {} : ({ [key]: value } as Record<K, V>));

export const refuse = (code: string, message: string, messageZh: string, kind: DomainError['kind'] = 'invalid') => new DomainError(code, message, messageZh, kind);
export const notFound = () => refuse('work-order-not-found', 'Work order not found', '工单不存在', 'not-found');
export const wrongStatus = (s: WorkOrderStatus, action: string, actionZh: string) =>
  refuse('work-order-wrong-status', `A ${s} work order cannot be ${action}`, `工单当前状态（${STATUS_ZH[s]}）不能${actionZh}`, 'conflict');
const onlyAssignee = () =>
  refuse('only-assignee-can-complete', 'Only the assigned repairer or a school admin can do this', '只有被派工的维修人或学校管理员可以操作', 'forbidden');
