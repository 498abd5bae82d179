import { checkOccurredAt, requireOccurredAt, schoolYearOf } from './business-time';
import { HOUQIN_RULE_PACK } from './houqin';
import { atMost } from './quantity';
import { RulePack, withVersion } from './rule-pack';

const now = '2026-11-24T10:00:00+08:00';

const refusal = (occurredAt: string, options: Parameters<typeof checkOccurredAt>[1] = { now }) => {
  const check = checkOccurredAt(occurredAt, options);
  if (check.ok) throw new Error(`accepted ${occurredAt}`);
  return check.error;
};

describe('schoolYearOf: a Chinese school year starts on 1 September, Beijing time', () => {
  it('puts 00:00 Beijing on 1 September in the new year and the instant before in the old one', () => {
    expect(schoolYearOf('2026-09-01T00:00:00+08:00')).toMatchObject({
      startYear: 2026,
      label: '2026-2027',
      labelZh: '2026—2027学年',
      startDate: '2026-09-01',
      start: '2026-08-31T16:00:00.000Z',
      end: '2027-08-31T16:00:00.000Z',
    });
    // 16:30Z on 31 August is already 1 September in Beijing.
    expect(schoolYearOf('2026-08-31T23:59:59+08:00').label).toBe('2025-2026');
    expect(schoolYearOf('2026-08-31T16:30:00Z').label).toBe('2026-2027');
  });

  it('puts spring term dates in the year that began the previous September', () => {
    expect(schoolYearOf('2027-03-01T08:00:00+08:00').label).toBe('2026-2027');
  });
});

describe('checkOccurredAt: business time is validated', () => {
  it('accepts a time in the current school year and returns it in canonical UTC form', () => {
    expect(checkOccurredAt('2026-11-23T15:30:00+08:00', { now })).toEqual({
      ok: true,
      occurredAt: '2026-11-23T07:30:00.000Z',
      schoolYear: schoolYearOf('2026-11-23T15:30:00+08:00'),
    });
  });

  it('allows the clock skew of the rule (5 min) and refuses anything later, in both languages', () => {
    expect(checkOccurredAt('2026-11-24T10:05:00+08:00', { now }).ok).toBe(true);
    const error = refusal('2026-11-24T10:05:00.001+08:00');
    expect(error).toMatchObject({ code: 'occurred-at-in-future', kind: 'invalid' });
    expect(error.message).toContain('5 min');
    expect(error.messageZh).toContain('晚于当前时间');
  });

  it('reads the skew from the pack version in force (a district pack may allow less)', () => {
    const strict = RulePack.load(
      withVersion(HOUQIN_RULE_PACK, 'time.clockSkew', {
        ...HOUQIN_RULE_PACK.rules['time.clockSkew'].versions[0],
        version: 'v2',
        effectiveFrom: '2026-11-01',
        value: { future: atMost(1, 'minutes') },
      }),
    );
    expect(refusal('2026-11-24T10:02:00+08:00', { now, pack: strict }).code).toBe('occurred-at-in-future');
  });

  it('refuses a time before the school year it belongs to (default: the school year of now)', () => {
    expect(checkOccurredAt('2026-09-01T00:00:00+08:00', { now }).ok).toBe(true);
    const error = refusal('2026-08-31T23:59:59+08:00');
    expect(error).toMatchObject({ code: 'occurred-at-before-school-year' });
    expect(error.message).toContain('2026-2027');
    expect(error.messageZh).toContain('2026—2027学年');
  });

  it('uses the school year start it is given (a fact of an older record)', () => {
    expect(checkOccurredAt('2026-06-30T09:00:00+08:00', { now, schoolYearStart: '2025-09-01' }).ok).toBe(true);
    expect(refusal('2025-08-20T09:00:00+08:00', { now, schoolYearStart: '2025-09-01' }).code).toBe('occurred-at-before-school-year');
  });

  it.each(['2026-11-24T10:00:00', '2026-11-24', 'yesterday', '2026-02-30T10:00:00+08:00', '2026-11-24T24:00:00Z', ''])(
    'refuses %p: not an ISO date-time with an offset',
    (text) => expect(refusal(text).code).toBe('occurredAt-invalid'),
  );

  it('requireOccurredAt throws the refusal for deciders', () => {
    expect(() => requireOccurredAt('2027-01-01T00:00:00+08:00', { now })).toThrow(expect.objectContaining({ code: 'occurred-at-in-future' }));
    expect(requireOccurredAt('2026-11-24T09:00:00+08:00', { now })).toBe('2026-11-24T01:00:00.000Z');
  });
});
