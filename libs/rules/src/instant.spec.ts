import { beijingDateOf, parseInstant, startOfBeijingDay } from './instant';

describe('instants and Beijing days', () => {
  it('parses offsets and fractions', () => {
    expect(parseInstant('2026-09-01T00:00:00+08:00')).toBe(Date.UTC(2026, 7, 31, 16));
    expect(parseInstant('2026-09-01T00:00:00.123456Z')).toBe(Date.UTC(2026, 8, 1, 0, 0, 0, 123));
    expect(parseInstant('2026-09-01T00:00Z')).toBe(Date.UTC(2026, 8, 1));
  });

  it.each(['2026-09-01T00:00:00', '2026-02-29T00:00:00Z', '2026-13-01T00:00:00Z', '2026-09-01T23:60:00Z', '2026-09-01 00:00:00Z'])(
    'refuses %p (no offset, or a date JavaScript would roll over)',
    (text) => expect(parseInstant(text)).toBeUndefined(),
  );

  it('accepts 29 February in a leap year', () => expect(parseInstant('2028-02-29T12:00:00+08:00')).toBeDefined());

  it('gives the Beijing calendar day, which starts at 16:00 UTC the day before', () => {
    expect(beijingDateOf(Date.UTC(2026, 7, 31, 15, 59, 59, 999))).toBe('2026-08-31');
    expect(beijingDateOf(Date.UTC(2026, 7, 31, 16))).toBe('2026-09-01');
    expect(startOfBeijingDay('2026-09-01')).toBe(Date.UTC(2026, 7, 31, 16));
  });
});
