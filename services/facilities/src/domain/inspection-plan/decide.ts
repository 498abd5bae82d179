import { ChecklistItem, InspectionItemResult, InspectionKind, InspectionPlanEvent, InspectionTarget } from '@houqin/contracts';
import { Command, CommandMetadata, DomainError, unknownCommand } from '@houqin/event-sourcing';
import { houqinRules, judgeLateEntry, LateEntry, MS_PER_DAY, parseInstant, RuleLookup, toInstant } from '@houqin/rules';
import { SYSTEM_ROLE } from '../work-order';
import { STANDARD_CHECKLISTS } from './checklists';
import { InspectionIntervalRules, intervalInForce, KIND_RULES } from './intervals';
import { ActiveInspectionPlan, ExistingInspectionPlan, InspectionPlanState } from './state';

/** The rules a plan is judged by: the interval rules of its kind and the late-entry (补录) allowance. */
export type InspectionPlanRules = InspectionIntervalRules & RuleLookup<{ 'time.lateEntry': LateEntry }>;

export type CreateInspectionPlan = Command<
  'CreateInspectionPlan',
  {
    planId: string;
    schoolId: string;
    name: string;
    kind: InspectionKind;
    target: InspectionTarget;
    /** Default: the rule's number. A school may inspect more often, never less. */
    intervalDays?: number;
    /** One of the kind's settings (default the first, e.g. `general` for extinguishers). */
    intervalSetting?: string;
    /** Default: the kind's standard checklist. */
    checklist?: ChecklistItem[];
    responsiblePerson: string;
    /** Default: one interval after the plan is made; never later than that. */
    firstDueAt?: string;
  }
>;
export type ReassignInspectionPlan = Command<'ReassignInspectionPlan', { responsiblePerson: string }>;
export type RetireInspectionPlan = Command<'RetireInspectionPlan', { reason: string }>;
/** 修订计划: any of name, checklist and interval; a field equal to the plan's is no change. */
export type ReviseInspectionPlan = Command<'ReviseInspectionPlan', { name?: string; checklist?: ChecklistItem[]; intervalDays?: number }>;
export type RecordInspection = Command<'RecordInspection', { inspectionId: string; results: InspectionItemResult[]; note?: string }>;
/** 逾期: the inspection scheduler asks the plan to record a due date that passed (metadata.now) with no inspection. */
export type RaiseInspectionOverdue = Command<'RaiseInspectionOverdue', Record<string, never>>;
export type InspectionPlanCommand = CreateInspectionPlan | ReassignInspectionPlan | ReviseInspectionPlan | RetireInspectionPlan | RecordInspection | RaiseInspectionOverdue;

export function decideWith(rules: InspectionPlanRules) {
  return function decide(command: InspectionPlanCommand, state: InspectionPlanState): InspectionPlanEvent[] {
    if (command.type === 'CreateInspectionPlan') return create(command, state, rules);
    if (state.status === 'none') throw refuse('inspection-plan-not-found', 'Inspection plan not found', '检查计划不存在', 'not-found');
    switch (command.type) {
      case 'ReassignInspectionPlan':
        return reassign(command, state);
      case 'ReviseInspectionPlan':
        return revise(command, state, rules);
      case 'RetireInspectionPlan':
        return retire(command, state);
      case 'RecordInspection':
        return record(command, state, rules);
      case 'RaiseInspectionOverdue':
        return raiseOverdue(command, state);
      default:
        return unknownCommand(command);
    }
  };
}

export const decide = decideWith(houqinRules);

function create({ data, metadata }: CreateInspectionPlan, state: InspectionPlanState, rules: InspectionPlanRules): InspectionPlanEvent[] {
  if (state.status !== 'none') throw refuse('inspection-plan-exists', 'Inspection plan already exists', '检查计划已存在', 'conflict');
  const { assetId, assetCategory, location } = data.target;
  if (!assetId && !assetCategory && !location) {
    throw refuse('inspection-target-missing', 'A plan targets an asset, an asset category or a location', '检查计划须指定资产、资产类别或位置');
  }
  const { interval, intervalDays } = checkedInterval(data.kind, data.intervalSetting, data.intervalDays, metadata.occurredAt, rules);
  const checklist = data.checklist ?? STANDARD_CHECKLISTS[data.kind];
  assertUniqueItems(checklist);
  const latestFirstDue = addDays(metadata.occurredAt, intervalDays);
  const firstDueAt = data.firstDueAt === undefined ? latestFirstDue : canonical(data.firstDueAt);
  if (at(firstDueAt) < at(metadata.occurredAt) || at(firstDueAt) > at(latestFirstDue)) {
    throw refuse('first-due-outside-interval', `firstDueAt must be between the plan's creation and one interval later (${latestFirstDue})`, `首次到期时间须在计划创建后一个周期内（不晚于 ${latestFirstDue}）`);
  }
  return [
    {
      type: 'InspectionPlanCreated',
      data: {
        planId: data.planId,
        schoolId: data.schoolId,
        name: data.name,
        kind: data.kind,
        target: data.target,
        intervalDays,
        intervalSetting: interval.setting,
        intervalRule: interval.rule,
        checklist,
        responsiblePerson: data.responsiblePerson,
        firstDueAt,
        createdBy: metadata.actorId,
        createdAt: metadata.occurredAt,
        ...lateMark(metadata, rules),
      },
    },
  ];
}

/**
 * The interval of a plan of `kind` by the rule in force at `occurredAt`: the days asked for (default the rule's
 * number), never longer than the rule allows. The one check of plan creation and revision.
 */
function checkedInterval(kind: InspectionKind, setting: string | undefined, days: number | undefined, occurredAt: string, rules: InspectionPlanRules) {
  const interval = intervalInForce(kind, setting, occurredAt, rules);
  if (!interval) {
    const settings = KIND_RULES[kind].settings.join(', ');
    throw refuse('interval-setting-unknown', `intervalSetting must be one of ${settings} for ${kind}`, `该检查类别的周期档位只能是：${settings}`);
  }
  const intervalDays = days ?? interval.maxDays;
  if (intervalDays > interval.maxDays) {
    throw refuse(
      'interval-exceeds-rule',
      `${kind} must be inspected at least every ${interval.maxDays} days (${interval.rule.ruleId} ${interval.rule.version}); ${intervalDays} is too long`,
      `按规定（${interval.rule.ruleId} ${interval.rule.version}）该类设施至少每 ${interval.maxDays} 天检查一次，${intervalDays} 天过长`,
    );
  }
  return { interval, intervalDays };
}

/** A checklist names each item once (at creation and revision alike). */
function assertUniqueItems(checklist: ChecklistItem[]): void {
  const twice = duplicates(checklist.map((i) => i.itemId));
  if (twice.length) throw refuse('checklist-item-twice', `Checklist item ids must be unique: ${twice.join(', ')}`, `检查项编号重复：${twice.join('、')}`);
}

/**
 * 修订计划: name, checklist and/or interval of an active plan; only what differs from the plan is recorded
 * (nothing differs: no event). The checklist follows the creation rules, the interval is checked against the
 * rule version in force now for the plan's kind and setting. The new checklist applies to the inspections
 * recorded after the revision (every item answered); the ones before keep the results they were recorded with.
 */
function revise({ data, metadata }: ReviseInspectionPlan, state: ExistingInspectionPlan, rules: InspectionPlanRules): InspectionPlanEvent[] {
  if (state.status === 'retired') throw retired();
  const name = data.name !== undefined && data.name !== state.name ? data.name : undefined;
  const checklist = data.checklist !== undefined && !sameChecklist(data.checklist, state.checklist) ? data.checklist : undefined;
  if (checklist) assertUniqueItems(checklist);
  const changedDays = data.intervalDays !== undefined && data.intervalDays !== state.intervalDays ? data.intervalDays : undefined;
  const interval = changedDays === undefined ? undefined : checkedInterval(state.kind, state.intervalSetting, changedDays, metadata.occurredAt, rules);
  if (name === undefined && checklist === undefined && interval === undefined) return [];
  const nextDueAt = interval ? revisedNextDue(state, interval.intervalDays, metadata.now) : state.nextDueAt;
  return [
    {
      type: 'InspectionPlanRevised',
      data: {
        ...ids(state),
        ...(name === undefined ? {} : { name, previousName: state.name }),
        ...(checklist === undefined ? {} : { checklist, previousChecklist: state.checklist }),
        ...(interval === undefined ? {} : { intervalDays: interval.intervalDays, previousIntervalDays: state.intervalDays, intervalRule: interval.interval.rule }),
        nextDueAt,
        ...(nextDueAt === state.nextDueAt ? {} : { previousNextDueAt: state.nextDueAt }),
        revisedBy: metadata.actorId,
        revisedAt: metadata.occurredAt,
      },
    },
  ];
}

/**
 * The next due date after the interval changes, as a school logistics office reads it:
 * - A due date already missed (its InspectionOverdue raised) stays: a new interval neither excuses nor re-dates a
 *   missed inspection. The inspection that closes it starts the new interval.
 * - Shorter (e.g. after an incident): due one new interval after the last inspection (or the plan's creation, if
 *   never inspected), never later than it already was. If that instant has already passed, the plan is due now:
 *   not in the past, so no inspection is missed retroactively; the overdue scheduler raises it as any other due
 *   date once the clock passes it uninspected.
 * - Longer: the due date moves out by the difference (one new interval after the last inspection; for a plan never
 *   inspected, an earlier first due date the school chose keeps its head start). The rule caps the new interval.
 */
export function revisedNextDue(plan: ActiveInspectionPlan, intervalDays: number, now: string): string {
  if (plan.overdue || intervalDays === plan.intervalDays) return plan.nextDueAt;
  if (intervalDays > plan.intervalDays) return addDays(plan.nextDueAt, intervalDays - plan.intervalDays);
  const sooner = addDays(plan.lastInspectedAt ?? plan.createdAt, intervalDays);
  return toInstant(Math.min(at(plan.nextDueAt), Math.max(at(now), at(sooner))));
}

const sameChecklist = (a: ChecklistItem[], b: ChecklistItem[]) =>
  a.length === b.length && a.every((item, i) => item.itemId === b[i].itemId && item.textZh === b[i].textZh && item.text === b[i].text);

function reassign({ data, metadata }: ReassignInspectionPlan, state: ExistingInspectionPlan): InspectionPlanEvent[] {
  if (state.status === 'retired') throw retired();
  if (state.responsiblePerson === data.responsiblePerson) return [];
  return [{ type: 'InspectionPlanReassigned', data: { ...ids(state), responsiblePerson: data.responsiblePerson, reassignedBy: metadata.actorId, reassignedAt: metadata.occurredAt } }];
}

function retire({ data, metadata }: RetireInspectionPlan, state: ExistingInspectionPlan): InspectionPlanEvent[] {
  if (state.status === 'retired') throw retired();
  return [{ type: 'InspectionPlanRetired', data: { ...ids(state), reason: data.reason, retiredBy: metadata.actorId, retiredAt: metadata.occurredAt } }];
}

/**
 * One inspection against the checklist: every item answered once, a failed item says what is wrong.
 * It fulfils the due date in force; done after it, it closes the overdue and counts as late (onTime false).
 * The next inspection is due one interval after this one.
 */
function record({ data, metadata }: RecordInspection, state: ExistingInspectionPlan, rules: InspectionPlanRules): InspectionPlanEvent[] {
  if (state.status === 'retired') throw retired();
  assertChecklistComplete(state, data.results);
  const previous = state.lastInspectedAt ?? state.createdAt;
  if (at(metadata.occurredAt) < at(previous)) {
    throw refuse('occurred-before-previous-inspection', `inspectedAt ${metadata.occurredAt} is before ${previous}`, `检查时间 ${metadata.occurredAt} 早于上次检查或计划创建时间（${previous}）`);
  }
  return [
    {
      type: 'InspectionRecorded',
      data: {
        ...ids(state),
        inspectionId: data.inspectionId,
        dueAt: state.nextDueAt,
        inspectedBy: metadata.actorId,
        inspectedAt: metadata.occurredAt,
        results: data.results.map(({ itemId, result, note }) => ({ itemId, result, ...(note === undefined ? {} : { note }) })),
        failedItems: data.results.filter((r) => r.result === 'fail').length,
        onTime: at(metadata.occurredAt) <= at(state.nextDueAt),
        closedOverdue: state.overdue,
        nextDueAt: addDays(metadata.occurredAt, state.intervalDays),
        ...(data.note === undefined ? {} : { note: data.note }),
        ...lateMark(metadata, rules),
      },
    },
  ];
}

function assertChecklistComplete(plan: ActiveInspectionPlan, results: InspectionItemResult[]): void {
  const known = new Set(plan.checklist.map((i) => i.itemId));
  const unknown = results.filter((r) => !known.has(r.itemId)).map((r) => r.itemId);
  if (unknown.length) throw refuse('checklist-unknown-item', `Not items of this plan's checklist: ${unknown.join(', ')}`, `不是本计划的检查项：${unknown.join('、')}`);
  const twice = duplicates(results.map((r) => r.itemId));
  if (twice.length) throw refuse('checklist-item-twice', `Items answered twice: ${twice.join(', ')}`, `检查项重复填写：${twice.join('、')}`);
  const answered = new Set(results.map((r) => r.itemId));
  const missing = plan.checklist.filter((i) => !answered.has(i.itemId));
  if (missing.length) {
    throw refuse('checklist-incomplete', `Every checklist item must be answered; missing: ${missing.map((i) => i.itemId).join(', ')}`, `检查项未全部填写，缺少：${missing.map((i) => i.textZh).join('、')}`);
  }
  const unexplained = results.filter((r) => r.result === 'fail' && !r.note?.trim()).map((r) => r.itemId);
  if (unexplained.length) throw refuse('failed-item-needs-note', `A failed item needs a note saying what is wrong: ${unexplained.join(', ')}`, `不合格项须说明问题：${unexplained.join('、')}`);
}

/** Raised once per due date, only while active; an inspection already recorded or a retired plan raises nothing. */
function raiseOverdue({ metadata }: RaiseInspectionOverdue, state: ExistingInspectionPlan): InspectionPlanEvent[] {
  if (metadata.actorRole !== SYSTEM_ROLE) throw refuse('only-system-raises-overdue', 'Only the inspection scheduler raises overdue facts', '只有检查调度程序可以登记逾期', 'forbidden');
  if (state.status !== 'active' || state.overdue || at(metadata.now) <= at(state.nextDueAt)) return [];
  return [{ type: 'InspectionOverdue', data: { ...ids(state), dueAt: state.nextDueAt, raisedAt: metadata.now } }];
}

/** 补录: judged by the facilities allowance of `time.lateEntry` in force when the inspection occurred. */
function lateMark(metadata: CommandMetadata, rules: InspectionPlanRules): { late: boolean; lateByMs: number } {
  const { late, byMs } = judgeLateEntry('facilities.repair', metadata.occurredAt, metadata.now, { pack: rules });
  return { late, lateByMs: byMs };
}

const ids = (state: ExistingInspectionPlan) => ({ planId: state.planId, schoolId: state.schoolId });
const at = (instant: string): number => parseInstant(instant) ?? Number.NaN;
const canonical = (instant: string): string => toInstant(at(instant));
const addDays = (instant: string, days: number): string => toInstant(at(instant) + days * MS_PER_DAY);
const duplicates = (values: string[]): string[] => [...new Set(values.filter((v, i) => values.indexOf(v) !== i))];

const refuse = (code: string, message: string, messageZh: string, kind: DomainError['kind'] = 'invalid') => new DomainError(code, message, messageZh, kind);
const retired = () => refuse('inspection-plan-retired', 'The inspection plan is retired', '检查计划已停用', 'conflict');
