import { DomainError } from '@houqin/event-sourcing';
import { ClockSkew, houqinRules } from './houqin';
import { BeijingDate, beijingDateOf, Instant, MS_PER_MINUTE, parseInstant, startOfBeijingDay, toInstant } from './instant';
import { Duration, durationMs } from './quantity';
import { invalidInstant, RuleLookup } from './rule-pack';

/** A Chinese school year: 1 September (Beijing) to the next 1 September, exclusive. */
export interface SchoolYear {
  readonly startYear: number;
  /** `2026-2027` */
  readonly label: string;
  /** `2026—2027学年` */
  readonly labelZh: string;
  readonly startDate: BeijingDate;
  /** 00:00 Beijing on 1 September, as an instant. */
  readonly start: Instant;
  /** The next school year's start (exclusive). */
  readonly end: Instant;
}

export function schoolYearStarting(startYear: number): SchoolYear {
  const startDate = `${startYear}-09-01`;
  return {
    startYear,
    label: `${startYear}-${startYear + 1}`,
    labelZh: `${startYear}—${startYear + 1}学年`,
    startDate,
    start: toInstant(startOfBeijingDay(startDate)),
    end: toInstant(startOfBeijingDay(`${startYear + 1}-09-01`)),
  };
}

/** The school year an instant belongs to, by its Beijing calendar day. */
export function schoolYearOf(at: Instant): SchoolYear {
  const ms = parseInstant(at);
  if (ms === undefined) throw invalidInstant('occurredAt', at);
  const [year, month] = beijingDateOf(ms).split('-').map(Number);
  return schoolYearStarting(month >= 9 ? year : year - 1);
}

export type OccurredAtCheck =
  | { readonly ok: true; readonly occurredAt: Instant; readonly schoolYear: SchoolYear }
  | { readonly ok: false; readonly error: DomainError };

export interface OccurredAtOptions {
  /** The recording clock's reading (the command's injected `now`). */
  readonly now: Instant;
  /** First Beijing day of the school year the fact belongs to; default: the school year of `now` (earlier years are closed). */
  readonly schoolYearStart?: BeijingDate;
  /** Default: the pack's `time.clockSkew` in force at `now`. */
  readonly maxClockSkew?: Duration;
  readonly pack?: RuleLookup<{ 'time.clockSkew': ClockSkew }>;
  readonly region?: string;
}

/**
 * Business time (occurredAt) is validated: an ISO instant with an offset, not in the future beyond the
 * clock skew the rules allow, not before the start of the school year it belongs to.
 */
export function checkOccurredAt(occurredAt: Instant, options: OccurredAtOptions): OccurredAtCheck {
  const at = parseInstant(occurredAt);
  if (at === undefined) return { ok: false, error: invalidInstant('occurredAt', occurredAt) };
  const now = parseInstant(options.now);
  if (now === undefined) throw new RangeError(`now must be an ISO instant with an offset: ${options.now}`);
  const pack: RuleLookup<{ 'time.clockSkew': ClockSkew }> = options.pack ?? houqinRules;
  const skew = options.maxClockSkew ?? pack.ruleAt('time.clockSkew', options.now, options.region).value.future;
  if (at > now + durationMs(skew)) {
    const minutes = Math.round(durationMs(skew) / MS_PER_MINUTE);
    return {
      ok: false,
      error: new DomainError(
        'occurred-at-in-future',
        `occurredAt ${occurredAt} is in the future (now ${toInstant(now)}, ${minutes} min of clock skew allowed)`,
        `发生时间 ${occurredAt} 晚于当前时间（允许 ${minutes} 分钟时钟误差）`,
      ),
    };
  }
  const year = options.schoolYearStart ? undefined : schoolYearOf(options.now);
  const startDate = options.schoolYearStart ?? year!.startDate;
  if (at < startOfBeijingDay(startDate)) {
    const yearText = year ? `the ${year.label} school year` : 'the school year';
    const yearZh = year ? year.labelZh : '所属学年';
    return {
      ok: false,
      error: new DomainError(
        'occurred-at-before-school-year',
        `occurredAt ${occurredAt} is before ${yearText} it belongs to, which began on ${startDate} (Beijing time)`,
        `发生时间 ${occurredAt} 早于${yearZh}的开始日期（北京时间 ${startDate}）`,
      ),
    };
  }
  return { ok: true, occurredAt: toInstant(at), schoolYear: schoolYearOf(occurredAt) };
}

/** `checkOccurredAt` for a decider: returns the canonical instant or throws the refusal. */
export function requireOccurredAt(occurredAt: Instant, options: OccurredAtOptions): Instant {
  const check = checkOccurredAt(occurredAt, options);
  if (!check.ok) throw check.error;
  return check.occurredAt;
}
