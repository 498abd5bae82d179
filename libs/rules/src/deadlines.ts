import { houqinRules, RepairPriority, RepairSla } from './houqin';
import { Instant, parseInstant, toInstant } from './instant';
import { durationMs } from './quantity';
import { invalidInstant, RuleLookup } from './rule-pack';
import { refOf, RuleRef } from './rule';

/**
 * Deadlines run in calendar time from the report's occurredAt: nights and weekends count (a school's
 * repairs are simple calendar hours), public holidays and school calendars are not modelled.
 * A report entered late (补录) does not buy time: its deadlines may already have passed.
 */
export interface Deadlines {
  readonly responseDueAt: Instant;
  readonly completionDueAt: Instant;
}

const must = (field: string, at: Instant): number => {
  const ms = parseInstant(at);
  if (ms === undefined) throw invalidInstant(field, at);
  return ms;
};

export function deadlinesFor(priority: RepairPriority, reportedAt: Instant, sla: RepairSla): Deadlines {
  const from = must('reportedAt', reportedAt);
  const terms = sla[priority];
  return {
    responseDueAt: toInstant(from + durationMs(terms.respondWithin)),
    completionDueAt: toInstant(from + durationMs(terms.completeWithin)),
  };
}

export interface RepairDeadlines extends Deadlines {
  /** The SLA version in force when the repair was reported; store it with the deadlines in the event. */
  readonly rule: RuleRef;
}

/** Deadlines by the `facilities.repair.sla` version in force when the repair was reported. */
export function repairDeadlines(
  priority: RepairPriority,
  reportedAt: Instant,
  options: { pack?: RuleLookup<{ 'facilities.repair.sla': RepairSla }>; region?: string } = {},
): RepairDeadlines {
  const pack: RuleLookup<{ 'facilities.repair.sla': RepairSla }> = options.pack ?? houqinRules;
  const rule = pack.ruleAt('facilities.repair.sla', reportedAt, options.region);
  return { ...deadlinesFor(priority, reportedAt, rule.value), rule: refOf(rule) };
}

export type DeadlineKind = 'response' | 'completion';

/** When the work was done, if it was (what counts as a response is the caller's: e.g. the assignment). */
export interface Progress {
  readonly respondedAt?: Instant;
  readonly completedAt?: Instant;
}

export interface MissedDeadline {
  readonly kind: DeadlineKind;
  readonly dueAt: Instant;
  /** (done time, or now while still open) − dueAt. */
  readonly overdueByMs: number;
  /** Still not done at `now`: an open overdue item. */
  readonly open: boolean;
}

/** Done at or before the deadline counts as met. */
export const metDeadline = (doneAt: Instant, dueAt: Instant): boolean => must('doneAt', doneAt) <= must('dueAt', dueAt);

/**
 * The deadlines missed as of `now`: passed (strictly) and not done by then, or done after them.
 * Pure, for the scheduler: it reads the clock, calls this, and raises one event per kind it has not raised yet,
 * with occurredAt = dueAt so every replica and restart produces the same fact.
 */
export function overdueAt(now: Instant, deadlines: Deadlines, progress: Progress = {}): MissedDeadline[] {
  const nowMs = must('now', now);
  const entries: [DeadlineKind, Instant, Instant | undefined][] = [
    ['response', deadlines.responseDueAt, progress.respondedAt],
    ['completion', deadlines.completionDueAt, progress.completedAt],
  ];
  const missed: MissedDeadline[] = [];
  for (const [kind, dueAt, doneAt] of entries) {
    const due = must('dueAt', dueAt);
    const done = doneAt === undefined ? undefined : must('doneAt', doneAt);
    const open = done === undefined || done > nowMs;
    const settledAt = open ? nowMs : done;
    if (settledAt > due) missed.push({ kind, dueAt: toInstant(due), overdueByMs: settledAt - due, open });
  }
  return missed;
}

/** The earliest deadline not yet met or missed: when the scheduler needs to look at this order next. */
export function nextDueAt(deadlines: Deadlines, progress: Progress = {}): Instant | undefined {
  if (progress.respondedAt === undefined) return deadlines.responseDueAt;
  if (progress.completedAt === undefined) return deadlines.completionDueAt;
  return undefined;
}
