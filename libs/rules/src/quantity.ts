import { MS_PER_DAY, MS_PER_HOUR, MS_PER_MINUTE } from './instant';

/**
 * A number with its unit and the direction a rule bounds it in.
 * `max`: the rule is an upper bound (respond within 4 h): a smaller number is tighter.
 * `min`: the rule is a lower bound (keep ≥125 g): a larger number is tighter.
 * Money is in fen (分), a safe integer, never a float of yuan.
 */
export type DurationUnit = 'minutes' | 'hours' | 'days';
export type Unit = DurationUnit | 'grams' | 'celsius' | 'count' | 'fen' | 'percent';
export type Period = 'day' | 'week' | 'month' | 'quarter' | 'semester' | 'year';
export type Bound = 'max' | 'min';

export interface Quantity<U extends Unit = Unit> {
  readonly amount: number;
  readonly unit: U;
  readonly bound: Bound;
  /** For counts: how many per what period (1 drill per month). */
  readonly per?: Period;
}

export type Duration = Quantity<DurationUnit>;

export const atMost = <U extends Unit>(amount: number, unit: U, per?: Period): Quantity<U> =>
  per ? { amount, unit, bound: 'max', per } : { amount, unit, bound: 'max' };

export const atLeast = <U extends Unit>(amount: number, unit: U, per?: Period): Quantity<U> =>
  per ? { amount, unit, bound: 'min', per } : { amount, unit, bound: 'min' };

const MS_PER_UNIT: Record<DurationUnit, number> = { minutes: MS_PER_MINUTE, hours: MS_PER_HOUR, days: MS_PER_DAY };

const isDurationUnit = (unit: Unit): unit is DurationUnit => unit in MS_PER_UNIT;

/** Calendar milliseconds of a duration (a day is 24 h: Beijing has no daylight saving). */
export const durationMs = (q: Quantity<DurationUnit>): number => q.amount * MS_PER_UNIT[q.unit];

export const isQuantity = (value: unknown): value is Quantity =>
  typeof value === 'object' && value !== null && 'amount' in value && 'unit' in value && 'bound' in value;

/** What a quantity measures: durations in any unit compare with each other; other units only with themselves. */
export const dimensionOf = (q: Quantity): string =>
  `${isDurationUnit(q.unit) ? 'duration' : q.unit}/${q.bound}${q.per ? `/${q.per}` : ''}`;

const magnitude = (q: Quantity) => (isDurationUnit(q.unit) ? durationMs(q as Duration) : q.amount);

/** Whether `candidate` is as strict as `reference` or stricter (same dimension assumed). */
export const isAsTightAs = (candidate: Quantity, reference: Quantity): boolean =>
  reference.bound === 'max' ? magnitude(candidate) <= magnitude(reference) : magnitude(candidate) >= magnitude(reference);

/** Problems with one quantity's own numbers, for the pack's load-time check. */
export function quantityProblems(q: Quantity): string[] {
  const problems: string[] = [];
  if (!Number.isFinite(q.amount)) problems.push(`amount ${q.amount} is not a finite number`);
  if (q.unit !== 'celsius' && q.amount < 0) problems.push(`amount ${q.amount} ${q.unit} is negative`);
  if (q.unit === 'fen' && !Number.isSafeInteger(q.amount)) problems.push(`money must be whole fen, got ${q.amount}`);
  if (q.unit === 'count' && !q.per) problems.push('a count needs its period (per)');
  if (q.bound !== 'max' && q.bound !== 'min') problems.push(`bound must be max or min, got ${String(q.bound)}`);
  return problems;
}

/** `≤24 hours`, `≥125 grams`, `≥1 count/month`: for messages. */
export const describeQuantity = (q: Quantity): string =>
  `${q.bound === 'max' ? '≤' : '≥'}${q.amount} ${q.unit}${q.per ? `/${q.per}` : ''}`;
