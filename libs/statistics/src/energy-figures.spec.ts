import { MemoryProjection, ProjectedEvent, rollupDelta } from '@houqin/projections';
import { beijingMonthOf, energyConsumption, energyTotals, median, schoolYearOfMonth } from './energy-figures';
import { figureNamed } from './figures';

const meterEvents = (schoolId: string, meterId: string, kind = 'electricity') => {
  let v = 0;
  const event = (type: string, payload: Record<string, unknown>): ProjectedEvent => ({ type, streamType: 'Meter', streamVersion: ++v, schoolId, payload: { meterId, schoolId, ...payload } });
  return {
    installed: () => event('MeterInstalled', { kind, building: '教学楼', initialReadingMilli: 0, installedAt: '2026-09-01T00:00:00Z' }),
    read: (readingId: string, readAt: string, consumptionMilli: number) => event('MeterReadingRecorded', { readingId, readAt, consumptionMilli }),
    replaced: () => event('MeterReplaced', { finalReadingMilli: 1, startReadingMilli: 0 }),
    corrected: (readingId: string, consumptionMilli: number) => event('MeterReadingCorrected', { readingId, consumptionMilli }),
  };
};

describe('energy consumption figure', () => {
  it('sums each school, kind and Beijing month of reading, a correction replacing what it corrects', () => {
    const a = meterEvents('S001', 'm-1');
    const b = meterEvents('S001', 'm-2');
    const w = meterEvents('S002', 'm-3', 'water');
    const fold = new MemoryProjection(energyConsumption);
    const events = [
      a.installed(),
      a.read('r1', '2026-09-30T09:00:00Z', 3_000_000),
      a.read('r2', '2026-10-31T16:30:00Z', 9_000_000), // 00:30 on 1 November in Beijing
      a.replaced(),
      a.corrected('r2', 3_100_000),
      b.installed(),
      b.read('r3', '2026-09-30T09:00:00Z', 500_000),
      w.installed(),
      w.read('r4', '2026-10-15T09:00:00Z', 120_500),
    ];
    for (const e of events) fold.apply(e);
    expect(fold.groupSums()).toEqual([
      { key: 'S001|electricity|2026-09', sums: { consumptionMilli: 3_500_000, readings: 2 } },
      { key: 'S001|electricity|2026-11', sums: { consumptionMilli: 3_100_000, readings: 1 } },
      { key: 'S002|water|2026-10', sums: { consumptionMilli: 120_500, readings: 1 } },
    ]);
    // The stored runner's deltas (rollupDelta) move the same sums as the in-memory one.
    const doc = fold.document('m-1')!.doc;
    expect(rollupDelta(energyConsumption.rollup!, null, doc)).toEqual(new Map([
      ['S001|electricity|2026-09', { consumptionMilli: 3_000_000, readings: 1 }],
      ['S001|electricity|2026-11', { consumptionMilli: 3_100_000, readings: 1 }],
    ]));
    expect(energyTotals(fold.groupSums()).byKind).toMatchObject({ electricity: { consumptionMilli: 6_600_000, readings: 3 }, water: { consumptionMilli: 120_500 } });
  });

  it('is registered for the bureau and the audit', () => {
    expect(figureNamed('energy-consumption')?.projection).toBe(energyConsumption);
  });

  it('has the helpers the bureau answer uses', () => {
    expect(beijingMonthOf('2026-09-30T16:00:00Z')).toBe('2026-10');
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    expect(median([])).toBeNull();
    expect(schoolYearOfMonth('2026-10')).toBe('2026-2027');
    expect(schoolYearOfMonth('2027-03')).toBe('2026-2027');
  });
});
