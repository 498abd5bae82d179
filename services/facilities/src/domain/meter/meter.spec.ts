import { MeterEvent } from '@houqin/contracts';
import { CommandMetadata, UnknownEventError } from '@houqin/event-sourcing';
import { atLeast, atMost, HOUQIN_RULE_PACK, MeterJumpThreshold, RulePack, RuleVersion, withVersion } from '@houqin/rules';
import { given } from '@houqin/testing';
import { MeterCommand, meterDecider, meterDeciderWith } from './index';

const ids = { meterId: 'm-1', schoolId: 'S001' };
const onTime = { late: false, lateByMs: 0 };
const v1 = { ruleId: 'energy.meter.jumpThreshold', version: 'v1' };
const kwh = (n: number) => n * 1000;

/** Who acts at a business time; recorded at the same moment unless `now` says otherwise. */
const by = (actorId: string, actorRole: string, at: string, now = at): { metadata: CommandMetadata } => ({ metadata: { actorId, actorRole, now, occurredAt: at } });
const asStaff = (at: string, now?: string) => by('staff.li', 'school-staff', at, now);
const asAdmin = (at: string) => by('admin.wang', 'school-admin', at);

const install: MeterCommand = {
  type: 'InstallMeter',
  data: { ...ids, building: '教学楼A', kind: 'electricity', serial: 'DB-001', initialReadingMilli: kwh(1000) },
  ...asAdmin('2026-09-01T00:00:00.000Z'),
};
const installed: MeterEvent = {
  type: 'MeterInstalled',
  data: { ...ids, building: '教学楼A', kind: 'electricity', serial: 'DB-001', initialReadingMilli: kwh(1000), installedBy: 'admin.wang', installedAt: '2026-09-01T00:00:00.000Z', ...onTime },
};
const read = (readingId: string, reading: number, at: string, now?: string): MeterCommand => ({ type: 'RecordMeterReading', data: { readingId, readingMilli: kwh(reading) }, ...asStaff(at, now) });
const recorded = (readingId: string, reading: number, consumption: number, periodStart: string, readAt: string, judged: { flagged?: boolean; daily: number; baseline?: number }): MeterEvent => ({
  type: 'MeterReadingRecorded',
  data: {
    ...ids,
    readingId,
    readingMilli: kwh(reading),
    consumptionMilli: kwh(consumption),
    periodStart,
    readAt,
    recordedBy: 'staff.li',
    flagged: judged.flagged ?? false,
    dailyMilli: judged.daily,
    ...(judged.baseline === undefined ? {} : { baselineDailyMilli: judged.baseline }),
    jumpRule: v1,
    ...onTime,
  },
});

const SEP1 = '2026-09-01T00:00:00.000Z';
const OCT1 = '2026-10-01T00:00:00.000Z';
const NOV1 = '2026-11-01T00:00:00.000Z';
const DEC1 = '2026-12-01T00:00:00.000Z';
// 30 days at 100 kWh a day, then 31 days at 100 kWh a day.
const october = recorded('r-oct', 4000, 3000, SEP1, OCT1, { daily: kwh(100) });
const november = recorded('r-nov', 7100, 3100, OCT1, NOV1, { daily: kwh(100), baseline: kwh(100) });
const history = [installed, october, november];

describe('meter (水电气表)', () => {
  it('is installed in a building with the reading it starts from, once per building and kind', () => {
    given(meterDecider, []).when(install).then([installed]);
    given(meterDecider, [installed]).when(install).thenThrows('meter-exists', 'conflict');
  });

  it('records a reading with the consumption since the previous one; the first has no baseline to judge a jump by', () => {
    given(meterDecider, [installed]).when(read('r-oct', 4000, OCT1)).then([october]);
    given(meterDecider, [installed, october]).when(read('r-nov', 7100, NOV1)).then([november]);
  });

  it('refuses a reading lower than the last one', () => {
    given(meterDecider, history).when(read('r-dec', 7099.999, DEC1)).thenThrows('reading-below-last', 'invalid');
  });

  it('accepts an equal reading (nothing consumed)', () => {
    given(meterDecider, history).when(read('r-dec', 7100, DEC1)).then([recorded('r-dec', 7100, 0, NOV1, DEC1, { daily: 0, baseline: kwh(100) })]);
  });

  it('refuses a reading out of order in time: at or before the last reading', () => {
    given(meterDecider, history).when(read('r-x', 8000, NOV1)).thenThrows('reading-out-of-order');
    given(meterDecider, history).when(read('r-x', 8000, '2026-10-15T00:00:00.000Z')).thenThrows('reading-out-of-order');
  });

  it('after a replacement accepts a lower reading, with consumption (final − last) + (current − start)', () => {
    const replace: MeterCommand = { type: 'ReplaceMeter', data: { finalReadingMilli: kwh(7600), startReadingMilli: kwh(0), newSerial: 'DB-002', reason: '旧表故障' }, ...asAdmin('2026-11-16T00:00:00.000Z') };
    const replaced: MeterEvent = {
      type: 'MeterReplaced',
      data: { ...ids, finalReadingMilli: kwh(7600), startReadingMilli: 0, newSerial: 'DB-002', reason: '旧表故障', replacedBy: 'admin.wang', replacedAt: '2026-11-16T00:00:00.000Z', ...onTime },
    };
    given(meterDecider, history).when(replace).then([replaced]);
    // 500 on the old meter after its last reading, 2500 on the new one: 3000 in 30 days.
    given(meterDecider, [...history, replaced])
      .when(read('r-dec', 2500, DEC1))
      .then([recorded('r-dec', 2500, 3000, NOV1, DEC1, { daily: kwh(100), baseline: kwh(100) })]);
    given(meterDecider, [...history, replaced]).when(read('r-x', 2600, '2026-11-10T00:00:00.000Z')).thenThrows('reading-out-of-order');
    // The old meter cannot end below its last reading.
    given(meterDecider, history).when({ ...replace, data: { ...replace.data, finalReadingMilli: kwh(7000) } } as MeterCommand).thenThrows('final-reading-below-last');
  });

  it('flags a jump beyond the threshold (150 % above the 90-day daily average) and lets a smaller rise through', () => {
    // 30 days at 250 kWh/day = exactly 2.5× the baseline: not beyond it.
    given(meterDecider, history).when(read('r-dec', 14600, DEC1)).then([recorded('r-dec', 14600, 7500, NOV1, DEC1, { daily: kwh(250), baseline: kwh(100) })]);
    // One kWh more is beyond it.
    given(meterDecider, history)
      .when(read('r-dec', 14601, DEC1))
      .then([recorded('r-dec', 14601, 7501, NOV1, DEC1, { flagged: true, daily: 250_033, baseline: kwh(100) })]);
  });

  it('leaves out of the baseline the periods that ended before its window', () => {
    // A reading on 2027-03-01: the October period ended 151 days before, November's 120: only a fresh period counts.
    const feb = recorded('r-feb', 7200, 100, NOV1, '2027-02-01T00:00:00.000Z', { daily: 1086, baseline: kwh(100) });
    given(meterDecider, [...history, feb])
      .when(read('r-mar', 7300, '2027-03-01T00:00:00.000Z'))
      .then([recorded('r-mar', 7300, 100, '2027-02-01T00:00:00.000Z', '2027-03-01T00:00:00.000Z', { daily: 3571, baseline: 1086, flagged: true })]);
  });

  it('marks a reading entered more than 72 h after it was read as a late entry (补录)', () => {
    const late = { ...recorded('r-oct', 4000, 3000, SEP1, OCT1, { daily: kwh(100) }) };
    given(meterDecider, [installed])
      .when(read('r-oct', 4000, OCT1, '2026-10-04T00:00:00.001Z'))
      .then([{ ...late, data: { ...late.data, late: true, lateByMs: 1 } } as MeterEvent]);
  });
});

describe('a flagged reading (异常跳变)', () => {
  const jump = recorded('r-dec', 20000, 12900, NOV1, DEC1, { flagged: true, daily: 430_000, baseline: kwh(100) });
  const flaggedHistory = [...history, jump];

  it('is confirmed by the school admin, once', () => {
    const confirm: MeterCommand = { type: 'ConfirmMeterReading', data: { readingId: 'r-dec', note: '锅炉房漏电已修' }, ...asAdmin('2026-12-02T00:00:00.000Z') };
    const confirmed: MeterEvent = {
      type: 'MeterReadingConfirmed',
      data: { ...ids, readingId: 'r-dec', note: '锅炉房漏电已修', confirmedBy: 'admin.wang', confirmedAt: '2026-12-02T00:00:00.000Z' },
    };
    given(meterDecider, flaggedHistory).when(confirm).then([confirmed]);
    given(meterDecider, [...flaggedHistory, confirmed]).when(confirm).then([]);
  });

  it('is corrected by the school admin when misread, its consumption following', () => {
    const correct: MeterCommand = { type: 'CorrectMeterReading', data: { readingId: 'r-dec', readingMilli: kwh(10000), reason: '多读一位' }, ...asAdmin('2026-12-02T00:00:00.000Z') };
    const corrected: MeterEvent = {
      type: 'MeterReadingCorrected',
      data: { ...ids, readingId: 'r-dec', readingMilli: kwh(10000), consumptionMilli: kwh(2900), reason: '多读一位', correctedBy: 'admin.wang', correctedAt: '2026-12-02T00:00:00.000Z' },
    };
    given(meterDecider, flaggedHistory).when(correct).then([corrected]);
    // The next reading starts from the corrected one.
    given(meterDecider, [...flaggedHistory, corrected])
      .when(read('r-jan', 13000, '2027-01-01T00:00:00.000Z'))
      .then([recorded('r-jan', 13000, 3000, DEC1, '2027-01-01T00:00:00.000Z', { daily: 96_774, baseline: 98_901 })]);
    // Below the previous reading, not flagged, or no longer the latest: refused.
    given(meterDecider, flaggedHistory).when({ ...correct, data: { ...correct.data, readingMilli: kwh(7000) } } as MeterCommand).thenThrows('reading-below-last');
    given(meterDecider, history).when({ ...correct, data: { ...correct.data, readingId: 'r-nov' } } as MeterCommand).thenThrows('reading-not-flagged', 'conflict');
    const later = recorded('r-jan', 23000, 3000, DEC1, '2027-01-01T00:00:00.000Z', { daily: 96_774, baseline: 234_426 });
    given(meterDecider, [...flaggedHistory, later]).when(correct).thenThrows('reading-not-latest', 'conflict');
    given(meterDecider, [...flaggedHistory, corrected]).when(correct).thenThrows('reading-already-corrected');
  });
});

describe('the jump threshold changes (a district tightens it from 2027-01-01)', () => {
  const tighter: RuleVersion<MeterJumpThreshold> = {
    version: 'v2',
    effectiveFrom: '2027-01-01',
    value: { aboveBaseline: atMost(20, 'percent'), baselineWindow: atLeast(90, 'days') },
    source: { instrument: 'Test district standard', edition: 'v2', confidence: 'district', note: 'test fixture' },
  };
  const withV2 = meterDeciderWith(RulePack.load(withVersion(HOUQIN_RULE_PACK, 'energy.meter.jumpThreshold', tighter)));

  it('does not rewrite earlier judgements: a reading taken under v1 keeps v1 and its flag', () => {
    // 50 % above the baseline: not a jump under v1, whatever the pack says today.
    given(withV2, history).when(read('r-dec', 11600, DEC1)).then([recorded('r-dec', 11600, 4500, NOV1, DEC1, { daily: kwh(150), baseline: kwh(100) })]);
  });

  it('judges a reading taken after the change by v2', () => {
    const dec = recorded('r-dec', 11600, 4500, NOV1, DEC1, { daily: kwh(150), baseline: kwh(100) });
    const jan = '2027-01-01T00:00:00.000Z';
    const expected = recorded('r-jan', 16250, 4650, DEC1, jan, { flagged: true, daily: kwh(150), baseline: 116_483 });
    given(withV2, [...history, dec]).when(read('r-jan', 16250, jan)).then([{ ...expected, data: { ...expected.data, jumpRule: { ruleId: 'energy.meter.jumpThreshold', version: 'v2' } } } as MeterEvent]);
  });
});

describe('meter state', () => {
  const fold = (events: MeterEvent[]) => events.reduce(meterDecider.evolve, meterDecider.initialState());

  it('fails loudly on an unknown stored event or a reading before installation', () => {
    expect(() => fold([installed, { type: 'MeterRemoved', data: ids } as unknown as MeterEvent])).toThrow(UnknownEventError);
    expect(() => fold([october])).toThrow(/cannot come before MeterInstalled/);
  });

  it('refuses an unknown command, and any command on a meter not installed', () => {
    given(meterDecider, []).when(read('r-1', 1, OCT1)).thenThrows('meter-not-found', 'not-found');
    const remove = { type: 'RemoveMeter', data: {}, ...asAdmin(OCT1) } as unknown as MeterCommand;
    expect(given(meterDecider, [installed]).when(remove).error?.message).toMatch(/unknown type RemoveMeter/);
  });
});
