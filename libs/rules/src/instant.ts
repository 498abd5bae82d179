/**
 * Instants and Beijing calendar days, without reading a clock.
 *
 * An instant is an ISO 8601 date-time with an explicit offset (`Z` or `±hh:mm`), as events carry it.
 * A `BeijingDate` is a calendar day `YYYY-MM-DD` in Asia/Shanghai: school business days, rule
 * effective dates and school years are Beijing days. Asia/Shanghai has been UTC+8 all year since 1991
 * (no daylight saving), so a fixed offset is exact for every date the platform handles and a calendar
 * day is always 24 hours.
 *
 * This is the one file of the lib that touches `Date`, and only its pure static functions
 * (`Date.UTC`, `toISOString` of a given instant): domain code can do its time arithmetic here.
 */
export type Instant = string;
export type BeijingDate = string;

export const MS_PER_MINUTE = 60_000;
export const MS_PER_HOUR = 60 * MS_PER_MINUTE;
export const MS_PER_DAY = 24 * MS_PER_HOUR;
export const BEIJING_OFFSET_MS = 8 * MS_PER_HOUR;

const ISO_INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|([+-])(\d{2}):(\d{2}))$/i;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const daysInMonth = (year: number, month: number): number =>
  month === 2 ? (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;

const validDay = (year: number, month: number, day: number) =>
  year >= 1900 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);

/** Epoch milliseconds of an ISO instant with an offset, or undefined (no offset, impossible date such as 02-30 or 24:00). */
export function parseInstant(text: string): number | undefined {
  const m = ISO_INSTANT.exec(text);
  if (!m) return undefined;
  const [year, month, day, hour, minute] = [m[1], m[2], m[3], m[4], m[5]].map(Number);
  const second = Number(m[6] ?? 0);
  const millis = Number((m[7] ?? '').padEnd(3, '0').slice(0, 3));
  if (!validDay(year, month, day) || hour > 23 || minute > 59 || second > 59) return undefined;
  let offsetMs = 0;
  if (m[9]) {
    const [oh, om] = [Number(m[10]), Number(m[11])];
    if (oh > 23 || om > 59) return undefined;
    offsetMs = (m[9] === '-' ? -1 : 1) * (oh * MS_PER_HOUR + om * MS_PER_MINUTE);
  }
  return Date.UTC(year, month - 1, day, hour, minute, second, millis) - offsetMs;
}

/** The canonical form of an instant: UTC, milliseconds, `Z` (sorts as text in time order). */
export const toInstant = (epochMs: number): Instant => new Date(epochMs).toISOString();

export const isBeijingDate = (text: string): boolean => {
  const m = ISO_DATE.exec(text);
  return !!m && validDay(Number(m[1]), Number(m[2]), Number(m[3]));
};

/** The Beijing calendar day an instant falls on. */
export const beijingDateOf = (epochMs: number): BeijingDate => toInstant(epochMs + BEIJING_OFFSET_MS).slice(0, 10);

/** 00:00 Beijing time of a Beijing calendar day, in epoch milliseconds. */
export function startOfBeijingDay(date: BeijingDate): number {
  const m = ISO_DATE.exec(date);
  if (!m || !isBeijingDate(date)) throw new RangeError(`Not a calendar date YYYY-MM-DD: ${date}`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) - BEIJING_OFFSET_MS;
}
