import { WorkOrderEvent, WorkOrderRepeat, WorkOrderReported } from '@houqin/contracts';
import { Command, CommandMetadata, unknownCommand } from '@houqin/event-sourcing';
import { durationMs, houqinRules, overdueAt, parseInstant, refOf, repairDeadlines } from '@houqin/rules';
import { assertNotBefore, ids, lateMark, notFound, optional, refuse, WorkOrderRules, wrongStatus } from './decision';
import { assign, complete, recordCosts, RepairCommand, start } from './repair';
import { ExistingWorkOrder, WorkOrderState } from './state';

export type { AssignWorkOrder, CompleteWorkOrder, RecordRepairCosts, StartRepair } from './repair';
export type { WorkOrderRules };

/** The asset's latest completed repair, looked up by the application layer (the domain does no I/O). */
export interface AssetLastCompletion {
  workOrderId: string;
  completedAt: string;
}

/** The report's own fields as the event holds them (assetId: a ledger asset; source: portal | qr-link | inspection with its refId). */
type ReportFields = Pick<
  WorkOrderReported,
  'workOrderId' | 'schoolId' | 'title' | 'location' | 'category' | 'priority' | 'description' | 'assetId' | 'assetCategory' | 'source'
>;
/** With assetId: the asset's last completed repair, to judge a repeat failure (返修). */
export type ReportWorkOrder = Command<'ReportWorkOrder', ReportFields & { assetLastCompletion?: AssetLastCompletion }>;
export type RejectCompletion = Command<'RejectCompletion', { reason: string }>;
export type VerifyWorkOrder = Command<'VerifyWorkOrder', { rating?: number; comment?: string }>;
/** 超时: the SLA scheduler asks the order to record the deadlines that passed (metadata.now) while it was open. */
export type RaiseOverdue = Command<'RaiseOverdue', Record<string, never>>;
export type WorkOrderCommand = ReportWorkOrder | RepairCommand | RejectCompletion | VerifyWorkOrder | RaiseOverdue;

/** The role of the platform's own actors (the SLA scheduler): no user token carries it. */
export const SYSTEM_ROLE = 'system';

/**
 * The decision, judged by a rule pack: deadlines by the SLA in force when the repair was reported,
 * late entries (补录) by the allowance in force when each fact occurred. The judgements are written into
 * the events, so evolve and every replay read them and never the pack: a later rule version changes
 * only facts that occur after it.
 */
export function decideWith(rules: WorkOrderRules) {
  return function decide(command: WorkOrderCommand, state: WorkOrderState): WorkOrderEvent[] {
    if (command.type === 'ReportWorkOrder') return report(command, state, rules);
    if (state.status === 'none') throw notFound();
    switch (command.type) {
      case 'AssignWorkOrder':
        return assign(command, state, rules);
      case 'StartRepair':
        return start(command, state, rules);
      case 'RecordRepairCosts':
        return recordCosts(command, state, rules);
      case 'CompleteWorkOrder':
        return complete(command, state, rules);
      case 'RejectCompletion':
        return reject(command, state);
      case 'VerifyWorkOrder':
        return verify(command, state, rules);
      case 'RaiseOverdue':
        return raiseOverdue(command, state);
      default:
        return unknownCommand(command);
    }
  };
}

export const decide = decideWith(houqinRules);

function report({ data, metadata }: ReportWorkOrder, state: WorkOrderState, rules: WorkOrderRules): WorkOrderEvent[] {
  if (state.status !== 'none') throw refuse('work-order-exists', 'Work order already exists', '工单已存在', 'conflict');
  const { description, assetId, assetCategory, source, assetLastCompletion, ...fields } = data;
  const { responseDueAt, completionDueAt, rule } = repairDeadlines(data.priority, metadata.occurredAt, { pack: rules });
  const repeat = assetId && assetLastCompletion ? repeatOf(assetLastCompletion, metadata.occurredAt, rules) : undefined;
  return [
    {
      type: 'WorkOrderReported',
      data: {
        ...fields,
        ...optional('description', description),
        ...optional('assetId', assetId),
        ...optional('assetCategory', assetCategory),
        ...optional('source', source),
        ...optional('repeat', repeat),
        reportedBy: metadata.actorId,
        reportedAt: metadata.occurredAt,
        responseDueAt,
        completionDueAt,
        slaRule: { ...rule },
        ...lateMark(metadata, rules),
      },
    },
  ];
}

/**
 * 返修 (repeat failure): the asset's earlier repair was completed no more than the window (in force at this
 * report) before it. A completion recorded after this report's business time (a late entry) is no repeat.
 */
function repeatOf(last: AssetLastCompletion, reportedAt: string, rules: WorkOrderRules): WorkOrderRepeat | undefined {
  const rule = rules.ruleAt('facilities.repair.repeatFailureWindowDays', reportedAt);
  const since = (parseInstant(reportedAt) ?? NaN) - (parseInstant(last.completedAt) ?? NaN);
  if (!(since >= 0 && since <= durationMs(rule.value.window))) return undefined;
  return { previousWorkOrderId: last.workOrderId, previousCompletedAt: last.completedAt, rule: { ...refOf(rule) } };
}

function reject({ data, metadata }: RejectCompletion, state: ExistingWorkOrder): WorkOrderEvent[] {
  if (state.status !== 'completed') throw wrongStatus(state.status, 'rejected', '验收');
  assertMayCheckRepair(metadata, state);
  assertNotBefore(metadata, state.completedAt);
  return [{ type: 'WorkOrderCompletionRejected', data: { ...ids(state), rejectedBy: metadata.actorId, rejectedAt: metadata.occurredAt, reason: data.reason } }];
}

function verify({ data, metadata }: VerifyWorkOrder, state: ExistingWorkOrder, rules: WorkOrderRules): WorkOrderEvent[] {
  if (state.status !== 'completed') throw wrongStatus(state.status, 'verified', '验收');
  assertMayCheckRepair(metadata, state);
  assertNotBefore(metadata, state.completedAt);
  const { rating, comment } = data;
  return [
    {
      type: 'WorkOrderVerified',
      data: { ...ids(state), verifiedBy: metadata.actorId, verifiedAt: metadata.occurredAt, ...optional('rating', rating), ...optional('comment', comment), ...lateMark(metadata, rules) },
    },
  ];
}

/**
 * Each deadline that passed (strictly before now) while still unmet is raised once; a deadline met late
 * or one already raised raises nothing, so a restarted or second scheduler decides nothing new.
 */
function raiseOverdue({ metadata }: RaiseOverdue, state: ExistingWorkOrder): WorkOrderEvent[] {
  if (metadata.actorRole !== SYSTEM_ROLE) throw refuse('only-system-raises-overdue', 'Only the SLA scheduler raises overdue facts', '只有时限调度程序可以登记超时', 'forbidden');
  const completedAt = state.status === 'completed' || state.status === 'verified' ? state.completedAt : undefined;
  const missed = overdueAt(metadata.now, state.sla, { respondedAt: state.sla.respondedAt, completedAt }).filter((m) => m.open);
  const events: WorkOrderEvent[] = [];
  for (const { kind, dueAt } of missed) {
    const data = { ...ids(state), dueAt, raisedAt: metadata.now };
    if (kind === 'response' && !state.sla.responseOverdue) events.push({ type: 'WorkOrderResponseOverdue', data });
    if (kind === 'completion' && !state.sla.completionOverdue) events.push({ type: 'WorkOrderCompletionOverdue', data });
  }
  return events;
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

const onlyReporter = () => refuse('only-reporter-can-verify', 'Only the reporter can accept or reject the repair', '只有报修人可以验收', 'forbidden');
const completerCannotVerify = () => refuse('completer-cannot-verify', 'Whoever completed the repair cannot also accept or reject it', '完工人不能验收自己的维修', 'forbidden');
