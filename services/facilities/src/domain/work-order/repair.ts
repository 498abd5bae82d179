import { Repairer, WorkOrderEvent } from '@houqin/contracts';
import { Command } from '@houqin/event-sourcing';
import { assertNotBefore, assertRepairer, ids, lateMark, optional, refuse, WorkOrderRules, wrongStatus } from './decision';
import { ExistingWorkOrder } from './state';

/**
 * 派工: to a free-text repairer (the first API), or to a technician (their account: they start and complete)
 * or an outside contractor (a school admin records their work). Extends the first assignment command.
 */
export type AssignWorkOrder = Command<'AssignWorkOrder', { assignee: string } | { repairer: Repairer }>;
/** 开工 */
export type StartRepair = Command<'StartRepair', Record<string, never>>;
/** 登记费用: parts (quantity × unit price) and labour, in fen; replaces the previous sheet. */
export type RecordRepairCosts = Command<'RecordRepairCosts', { parts: { name: string; quantity: number; unitPriceFen: number }[]; labourFen: number }>;
export type CompleteWorkOrder = Command<'CompleteWorkOrder', { note?: string }>;
export type RepairCommand = AssignWorkOrder | StartRepair | RecordRepairCosts | CompleteWorkOrder;

/** Who may start and complete: the technician's account, or the contractor's company (only admins act for it). */
const assigneeOf = (r: Repairer) => (r.kind === 'technician' ? r.accountId : r.company);

export function assign({ data, metadata }: AssignWorkOrder, state: ExistingWorkOrder, rules: WorkOrderRules): WorkOrderEvent[] {
  if (state.status !== 'reported' && state.status !== 'assigned' && state.status !== 'in-progress') throw wrongStatus(state.status, 'assigned', '派工');
  const repairer = 'repairer' in data ? data.repairer : undefined;
  const assignee = repairer ? assigneeOf(repairer) : (data as { assignee: string }).assignee;
  if (state.status === 'assigned' && state.assignee === assignee && JSON.stringify(state.repairer) === JSON.stringify(repairer)) return [];
  assertNotBefore(metadata, state.reportedAt);
  return [
    {
      type: 'WorkOrderAssigned',
      data: { ...ids(state), assignee, ...optional('repairer', repairer), assignedBy: metadata.actorId, assignedAt: metadata.occurredAt, ...lateMark(metadata, rules) },
    },
  ];
}

export function start({ metadata }: StartRepair, state: ExistingWorkOrder, rules: WorkOrderRules): WorkOrderEvent[] {
  if (state.status === 'in-progress') return [];
  if (state.status !== 'assigned') throw wrongStatus(state.status, 'started', '开工');
  assertRepairer(metadata, state);
  assertNotBefore(metadata, state.assignedAt);
  return [{ type: 'WorkOrderRepairStarted', data: { ...ids(state), startedBy: metadata.actorId, startedAt: metadata.occurredAt, ...lateMark(metadata, rules) } }];
}

export function recordCosts({ data, metadata }: RecordRepairCosts, state: ExistingWorkOrder, rules: WorkOrderRules): WorkOrderEvent[] {
  if (state.status !== 'assigned' && state.status !== 'in-progress' && state.status !== 'completed') throw wrongStatus(state.status, 'costed', '登记费用');
  assertRepairer(metadata, state);
  assertNotBefore(metadata, state.assignedAt);
  const parts = data.parts.map((p) => ({ ...p, amountFen: p.quantity * p.unitPriceFen }));
  const partsFen = parts.reduce((sum, p) => sum + p.amountFen, 0);
  const totalFen = partsFen + data.labourFen;
  if (!Number.isSafeInteger(totalFen)) throw refuse('repair-cost-too-large', 'The repair costs are too large to add up exactly', '维修费用过大，无法精确合计');
  const same = state.costs && state.costs.labourFen === data.labourFen && JSON.stringify(state.costs.parts) === JSON.stringify(parts);
  if (same) return [];
  return [
    {
      type: 'WorkOrderCostsRecorded',
      data: { ...ids(state), parts, partsFen, labourFen: data.labourFen, totalFen, recordedBy: metadata.actorId, recordedAt: metadata.occurredAt, ...lateMark(metadata, rules) },
    },
  ];
}

export function complete({ data, metadata }: CompleteWorkOrder, state: ExistingWorkOrder, rules: WorkOrderRules): WorkOrderEvent[] {
  if (state.status !== 'assigned' && state.status !== 'in-progress') throw wrongStatus(state.status, 'completed', '完工');
  assertRepairer(metadata, state);
  assertNotBefore(metadata, state.status === 'in-progress' ? state.startedAt : state.assignedAt);
  return [
    {
      type: 'WorkOrderCompleted',
      data: { ...ids(state), completedBy: metadata.actorId, completedAt: metadata.occurredAt, ...optional('note', data.note), ...lateMark(metadata, rules) },
    },
  ];
}
