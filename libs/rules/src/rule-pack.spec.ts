import { DomainError } from '@houqin/event-sourcing';
import { districtSla, slaV2 } from '../test/sla-fixtures';
import { deadlinesFor, repairDeadlines } from './deadlines';
import { HOUQIN_RULE_PACK, houqinRules } from './houqin';
import { RulePackError } from './pack-checks';
import { atLeast, atMost } from './quantity';
import { RulePackDefinition, RuleVersion } from './rule';
import { RulePack, withVersion } from './rule-pack';

const withV2 = RulePack.load(withVersion(HOUQIN_RULE_PACK, 'facilities.repair.sla', slaV2));

const refusal = (load: () => unknown): string[] => {
  try {
    load();
  } catch (e) {
    if (e instanceof RulePackError) return e.problems;
    throw e;
  }
  throw new Error('the pack was accepted');
};

describe('ruleAt: the version in force on the Beijing day the fact occurred', () => {
  it('switches to v2 at 00:00 Beijing time of its effectiveFrom, not at UTC midnight', () => {
    // 2027-09-01T00:00+08:00 is 2027-08-31T16:00Z.
    expect(withV2.ruleAt('facilities.repair.sla', '2027-08-31T15:59:59.999Z').version).toBe('v1');
    expect(withV2.ruleAt('facilities.repair.sla', '2027-08-31T16:00:00.000Z').version).toBe('v2');
    expect(withV2.ruleAt('facilities.repair.sla', '2027-09-01T00:00:00+08:00').version).toBe('v2');
    expect(withV2.ruleAt('facilities.repair.sla', '2027-08-31T23:59:59+08:00').version).toBe('v1');
  });

  it('returns the source with the version so the judgement can cite it', () => {
    const rule = houqinRules.ruleAt('foodSafety.sampleRetention', '2026-11-24T12:00:00+08:00');
    expect(rule).toMatchObject({ ruleId: 'foodSafety.sampleRetention', version: '2019-04-01', source: { confidence: 'P' } });
    expect(rule.value.perDish).toEqual(atLeast(125, 'grams'));
  });

  it('refuses a fact from before the rule existed, in both languages', () => {
    const error = catchError(() => houqinRules.ruleAt('facilities.repair.sla', '2020-08-31T23:00:00+08:00'));
    expect(error).toMatchObject({ code: 'rule-not-in-force', kind: 'invalid' });
    expect(error.messageZh).toContain('2020-08-31');
  });

  it('refuses an occurredAt without an offset (local time is ambiguous)', () => {
    expect(catchError(() => houqinRules.ruleAt('facilities.repair.sla', '2026-11-24T12:00:00')).code).toBe('occurredAt-invalid');
  });

  it('ends a version at its effectiveUntil (exclusive)', () => {
    const ended = RulePack.load({
      rules: { 'test.limit': { title: 't', titleZh: '测', versions: [version('v1', '2026-01-01', 10, '2026-06-01')] } },
    });
    expect(ended.ruleAt('test.limit', '2026-05-31T23:59:59+08:00').version).toBe('v1');
    expect(() => ended.ruleAt('test.limit', '2026-06-01T00:00:00+08:00')).toThrow(DomainError);
  });
});

describe('a later version does not rewrite earlier judgements', () => {
  it('given a repair judged with v1, when v2 is added, then its deadlines stay the same', () => {
    const reportedAt = '2027-08-31T20:00:00+08:00';
    const before = repairDeadlines('urgent', reportedAt, { pack: houqinRules });
    const after = repairDeadlines('urgent', reportedAt, { pack: withV2 });
    expect(after).toEqual(before);
    expect(after.rule).toEqual({ ruleId: 'facilities.repair.sla', version: 'v1' });
    expect(before.responseDueAt).toBe('2027-08-31T13:00:00.000Z'); // 1 h

    const laterReport = repairDeadlines('urgent', '2027-09-01T08:00:00+08:00', { pack: withV2 });
    expect(laterReport.rule.version).toBe('v2');
    expect(laterReport).toMatchObject(deadlinesFor('urgent', '2027-09-01T08:00:00+08:00', slaV2.value)); // 30 min
  });
});

describe('regions: a district may only tighten a national number', () => {
  const yangpu = (versions: RuleVersion<typeof slaV2.value>[]) =>
    versions.reduce((def, v) => withVersion(def, 'facilities.repair.sla', v, '310110'), HOUQIN_RULE_PACK);

  it('accepts a tighter district SLA and uses it for that district only', () => {
    const pack = RulePack.load(yangpu([districtSla('yp-1', '2026-09-01', 0.5)]));
    const at = '2026-11-24T09:00:00+08:00';
    expect(pack.ruleAt('facilities.repair.sla', at, '310110')).toMatchObject({ version: 'yp-1', region: '310110' });
    expect(pack.ruleAt('facilities.repair.sla', at)).toMatchObject({ version: 'v1' });
    expect(pack.ruleAt('facilities.repair.sla', at).region).toBeUndefined();
    // Before the district's own version, the national one judges the district's facts too.
    expect(pack.ruleAt('facilities.repair.sla', '2026-08-31T09:00:00+08:00', '310110').version).toBe('v1');
  });

  it('refuses, at load, a district number that loosens the national one (max: a longer deadline)', () => {
    const problems = refusal(() => RulePack.load(yangpu([districtSla('yp-1', '2026-09-01', 2)])));
    expect(problems).toEqual([expect.stringContaining('urgent.respondWithin ≤2 hours loosens the national v1 ≤1 hours')]);
  });

  it('refuses a lower bound lowered by a district (min: fewer grams)', () => {
    const def = withVersion(HOUQIN_RULE_PACK, 'foodSafety.sampleRetention', {
      ...HOUQIN_RULE_PACK.rules['foodSafety.sampleRetention'].versions[0],
      version: 'gz-1',
      value: { perDish: atLeast(100, 'grams'), keepFor: atLeast(72, 'hours') },
    }, '520100');
    expect(refusal(() => RulePack.load(def))).toEqual([expect.stringContaining('perDish ≥100 grams loosens')]);
    const tighter = withVersion(HOUQIN_RULE_PACK, 'foodSafety.sampleRetention', {
      ...HOUQIN_RULE_PACK.rules['foodSafety.sampleRetention'].versions[0],
      version: 'gz-1',
      value: { perDish: atLeast(150, 'grams'), keepFor: atLeast(72, 'hours') },
    }, '520100');
    expect(RulePack.load(tighter).ruleAt('foodSafety.sampleRetention', '2026-11-24T12:00:00+08:00', '520100').version).toBe('gz-1');
  });

  it('checks a district version against every national version in force on its days (national v2 tightens past it)', () => {
    const def = withVersion(yangpu([districtSla('yp-1', '2026-09-01', 1)]), 'facilities.repair.sla', slaV2);
    expect(refusal(() => RulePack.load(def))).toEqual([expect.stringContaining('loosens the national v2')]);
  });

  it('compares durations across units (90 minutes loosens 1 hour)', () => {
    const v = districtSla('yp-1', '2026-09-01', 1);
    const inMinutes = { ...v, value: { ...v.value, urgent: { ...v.value.urgent, respondWithin: atMost(90, 'minutes') } } };
    expect(refusal(() => RulePack.load(yangpu([inMinutes])))).toHaveLength(1);
  });

  it('refuses an unknown region at lookup rather than judge it by the national rule silently', () => {
    expect(() => houqinRules.ruleAt('facilities.repair.sla', '2026-11-24T09:00:00+08:00', '999999')).toThrow(RulePackError);
  });
});

describe('the pack refuses bad rules at load', () => {
  const pack = (versions: RuleVersion[]): RulePackDefinition<{ 'test.limit': RuleVersion['value'] }> => ({
    rules: { 'test.limit': { title: 't', titleZh: '测', versions } },
  });

  it.each([
    ['overlapping versions', [version('v1', '2026-01-01', 10, '2026-07-01'), version('v2', '2026-06-01', 8)], 'overlaps v2'],
    ['versions out of date order', [version('v1', '2026-06-01', 10), version('v2', '2026-01-01', 8)], 'date order'],
    ['an impossible date', [version('v1', '2026-02-30', 10)], 'not a date'],
    ['a version name used twice', [version('v1', '2026-01-01', 10), version('v1', '2026-06-01', 8)], 'used twice'],
    ['a number citing NF', [{ ...version('v1', '2026-01-01', 10), source: { instrument: 'x', edition: 'x', confidence: 'NF' as const, note: 'n' } }], 'NF'],
    ['a source with neither url nor note', [{ ...version('v1', '2026-01-01', 10), source: { instrument: 'x', edition: 'x', confidence: 'P' as const } }], 'url or a note'],
    ['money in fractions of a fen', [{ ...version('v1', '2026-01-01', 10), value: { limit: atMost(100.5, 'fen') } }], 'whole fen'],
    ['a count without its period', [{ ...version('v1', '2026-01-01', 10), value: { limit: atLeast(1, 'count') } }], 'period'],
    ['a bare number instead of a quantity', [{ ...version('v1', '2026-01-01', 10), value: { limit: 3 } as never }], 'must be a quantity'],
    ['a new version flipping the bound', [version('v1', '2026-01-01', 10), { ...version('v2', '2026-06-01', 8), value: { limit: atLeast(8, 'hours') } }], 'another shape'],
  ])('%s', (_name, versions, problem) => {
    expect(refusal(() => RulePack.load(pack(versions as RuleVersion[])))).toEqual(expect.arrayContaining([expect.stringContaining(problem)]));
  });

  it('accepts money in whole fen', () => {
    const fen = RulePack.load(pack([{ ...version('v1', '2026-01-01', 10), value: { limit: atMost(200_000_000, 'fen') } }]));
    expect(fen.ruleAt('test.limit', '2026-03-01T00:00:00Z').value).toEqual({ limit: atMost(200_000_000, 'fen') });
  });

  it('refuses a district override of a rule the pack does not have', () => {
    const def = { ...HOUQIN_RULE_PACK, regions: { '310110': { name: 'Yangpu', nameZh: '杨浦区', rules: { 'no.such': [] } } } };
    expect(refusal(() => RulePack.load(def as never))).toEqual([expect.stringContaining('no such rule')]);
  });
});

function version(name: string, effectiveFrom: string, hours: number, effectiveUntil?: string): RuleVersion {
  return {
    version: name,
    effectiveFrom,
    ...(effectiveUntil && { effectiveUntil }),
    value: { limit: atMost(hours, 'hours') },
    source: { instrument: 'Test', edition: name, confidence: 'district', note: 'test' },
  };
}

function catchError(run: () => unknown): DomainError {
  try {
    run();
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error('no error');
}
