import { HOUQIN_RULE_PACK, houqinRules } from './houqin';
import { leavesOf } from './pack-checks';
import { describeQuantity } from './quantity';

describe('the Houqin rule pack', () => {
  const rules = Object.entries(HOUQIN_RULE_PACK.rules);

  it('loads, and every version cites an instrument, its edition and a confidence', () => {
    expect(houqinRules.regions).toEqual([]);
    for (const [, rule] of rules) {
      for (const v of rule.versions) expect(v.source).toEqual(expect.objectContaining({ instrument: expect.any(String), edition: expect.any(String) }));
    }
  });

  it('says where there is no national number (the SLA and late entry are district standards)', () => {
    expect(houqinRules.ruleAt('facilities.repair.sla', '2026-11-24T09:00:00+08:00').source.confidence).toBe('district');
    expect(houqinRules.ruleAt('time.lateEntry', '2026-11-24T09:00:00+08:00').source.confidence).toBe('district');
  });

  it.each([
    ['facilities.extinguisher.inspectionIntervalDays', 'general', '≤31 days', 'GB 50444-2008'],
    ['safety.drill.evacuation', 'primaryAndSecondary', '≥1 count/month', '教基一厅〔2014〕2号'],
    ['foodSafety.sampleRetention', 'perDish', '≥125 grams', '第45号'],
    ['foodSafety.sampleRetention', 'keepFor', '≥48 hours', '第45号'],
    ['energy.airConditioning.setPoints', 'summerCooling', '≥26 celsius', '国办发〔2007〕42号'],
  ] as const)('%s %s is %s per %s', (id, path, expected, instrument) => {
    const rule = houqinRules.ruleAt(id, '2026-11-24T09:00:00+08:00');
    const q = leavesOf(rule.value).get(path)!;
    expect(describeQuantity(q)).toBe(expected);
    expect(rule.source.instrument).toContain(instrument);
  });
});
