import { houqinRules, FactKind, LateEntry } from './houqin';
import { Instant, parseInstant } from './instant';
import { Duration, durationMs } from './quantity';
import { invalidInstant, RuleLookup } from './rule-pack';
import { refOf, RuleRef } from './rule';

/** 补录: a fact recorded later than allowed. `byMs` is how far past the allowance (0 when on time). */
export interface Lateness {
  readonly late: boolean;
  readonly byMs: number;
  /** recordedAt − occurredAt. */
  readonly delayMs: number;
  readonly allowedMs: number;
}

/** Late when recorded strictly more than the allowance after it occurred; exactly at the allowance is on time. */
export function lateness(occurredAt: Instant, recordedAt: Instant, allowance: Duration): Lateness {
  const occurred = parseInstant(occurredAt);
  if (occurred === undefined) throw invalidInstant('occurredAt', occurredAt);
  const recorded = parseInstant(recordedAt);
  if (recorded === undefined) throw invalidInstant('recordedAt', recordedAt);
  const delayMs = recorded - occurred;
  const allowedMs = durationMs(allowance);
  const byMs = Math.max(0, delayMs - allowedMs);
  return { late: byMs > 0, byMs, delayMs, allowedMs };
}

export interface LateEntryJudgement extends Lateness {
  /** The `time.lateEntry` version that judged it: the one in force when the fact occurred. */
  readonly rule: RuleRef;
}

/** Judges a fact of a kind by the late-entry rule in force when it occurred (never the one in force today). */
export function judgeLateEntry(
  kind: FactKind,
  occurredAt: Instant,
  recordedAt: Instant,
  options: { pack?: RuleLookup<{ 'time.lateEntry': LateEntry }>; region?: string } = {},
): LateEntryJudgement {
  const pack: RuleLookup<{ 'time.lateEntry': LateEntry }> = options.pack ?? houqinRules;
  const rule = pack.ruleAt('time.lateEntry', occurredAt, options.region);
  return { ...lateness(occurredAt, recordedAt, rule.value[kind]), rule: refOf(rule) };
}
