import { HOUQIN_RULE_PACK } from './houqin';
import { judgeLateEntry, lateness } from './lateness';
import { atMost } from './quantity';
import { RulePack, withVersion } from './rule-pack';

const H = 3_600_000;

describe('lateness (补录): a fact recorded later than the rule allows is marked late, never on time', () => {
  it('is on time up to and including the allowance', () => {
    expect(lateness('2026-11-23T10:00:00+08:00', '2026-11-24T10:00:00+08:00', atMost(24, 'hours'))).toEqual({
      late: false,
      byMs: 0,
      delayMs: 24 * H,
      allowedMs: 24 * H,
    });
  });

  it('is late one millisecond past the allowance, by that much', () => {
    expect(lateness('2026-11-23T10:00:00+08:00', '2026-11-24T10:00:00.001+08:00', atMost(24, 'hours'))).toMatchObject({
      late: true,
      byMs: 1,
    });
  });

  it('compares instants, not their text (offsets differ)', () => {
    expect(lateness('2026-11-23T10:00:00+08:00', '2026-11-24T03:00:00Z', atMost(24, 'hours'))).toMatchObject({ late: true, byMs: H });
  });

  it('given a repair recorded three days later, when judged by the pack, then it is late and names the rule that judged it', () => {
    expect(judgeLateEntry('facilities.repair', '2026-11-20T09:00:00+08:00', '2026-11-23T09:00:00+08:00')).toEqual({
      late: true,
      byMs: 48 * H,
      delayMs: 72 * H,
      allowedMs: 24 * H,
      rule: { ruleId: 'time.lateEntry', version: 'v1' },
    });
  });

  it('judges by the rule in force when the fact occurred, not when it was recorded', () => {
    const stricter = RulePack.load(
      withVersion(HOUQIN_RULE_PACK, 'time.lateEntry', {
        ...HOUQIN_RULE_PACK.rules['time.lateEntry'].versions[0],
        version: 'v2',
        effectiveFrom: '2026-11-22',
        value: { ...HOUQIN_RULE_PACK.rules['time.lateEntry'].versions[0].value, 'facilities.repair': atMost(12, 'hours') },
      }),
    );
    // Occurred under v1 (24 h), recorded under v2 (12 h): 20 h later is on time.
    const judged = judgeLateEntry('facilities.repair', '2026-11-21T12:00:00+08:00', '2026-11-22T08:00:00+08:00', { pack: stricter });
    expect(judged).toMatchObject({ late: false, rule: { version: 'v1' } });
    expect(judgeLateEntry('facilities.repair', '2026-11-22T08:00:00+08:00', '2026-11-23T04:00:00+08:00', { pack: stricter })).toMatchObject({
      late: true,
      byMs: 8 * H,
      rule: { version: 'v2' },
    });
  });

  it('refuses a recordedAt that is not an instant', () => {
    expect(() => lateness('2026-11-23T10:00:00+08:00', 'now', atMost(24, 'hours'))).toThrow(expect.objectContaining({ code: 'recordedAt-invalid' }));
  });
});
