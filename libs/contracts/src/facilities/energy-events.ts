import { z } from 'zod';
import { defineEvent, EventOf, EventsOf, eventGroup, eventTypesOf } from '../define-event';
import { Topics } from '../topics';
import { ruleRef } from './work-order-events';

/**
 * 能源管理: one meter per building and kind. Readings and consumption are integers of thousandths of
 * the meter's unit (Wh for kWh, litres for m³), so no volume is ever a float: `12345.678` kWh is
 * `12345678`. A safe integer holds 9·10¹² kWh, far beyond any school meter.
 */
export const METER_KINDS = ['electricity', 'water', 'gas'] as const;
export type MeterKind = (typeof METER_KINDS)[number];
export const METER_UNIT: Record<MeterKind, 'kWh' | 'm³'> = { electricity: 'kWh', water: 'm³', gas: 'm³' };
export const METER_KIND_ZH: Record<MeterKind, string> = { electricity: '电', water: '水', gas: '燃气' };
/** Thousandths per unit: a reading of 1 kWh is 1000. */
export const MILLI_PER_UNIT = 1000;

export const METER_STREAM_TYPE = 'Meter';

const id = z.string().min(1).max(64);
const at = z.string().datetime({ offset: true });
/** Thousandths of the unit, ≥ 0, exact. */
const milli = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const meter = { streamType: METER_STREAM_TYPE, topic: Topics.facilitiesEvents } as const;
/** A reading and the consumption of its period. */
const readingFigures = { meterId: id, schoolId: id, readingId: id, readingMilli: milli, consumptionMilli: milli };
/** 补录: recorded later than the rule pack's allowance for energy facts after the reading was taken. */
const lateEntry = { late: z.boolean(), lateByMs: z.number().int().min(0) };

/** 安装水电气表 — a meter installed in a building, with the reading it starts from. */
export const MeterInstalled = defineEvent({
  type: 'MeterInstalled',
  version: 1,
  ...meter,
  schema: z.object({
    meterId: id,
    schoolId: id,
    building: z.string().min(1).max(100),
    kind: z.enum(METER_KINDS),
    serial: z.string().min(1).max(64).optional(),
    initialReadingMilli: milli,
    installedBy: id,
    installedAt: at,
    ...lateEntry,
  }),
});

/**
 * 抄表 — a reading, with the consumption since the previous one (after a replacement: the old meter's
 * final minus its last reading, plus this reading minus the new meter's start) and the jump judgement
 * of the rule in force when it was read: a later rule version never rewrites it.
 */
export const MeterReadingRecorded = defineEvent({
  type: 'MeterReadingRecorded',
  version: 1,
  ...meter,
  schema: z.object({
    ...readingFigures,
    /** The period the consumption covers: from the previous reading (or installation) to readAt. */
    periodStart: at,
    readAt: at,
    recordedBy: id,
    /** 异常跳变: the daily consumption is beyond the rule's threshold over the baseline. */
    flagged: z.boolean(),
    /** Daily consumption of this period and of the baseline, thousandths per day (rounded down); no baseline yet: absent. */
    dailyMilli: milli,
    baselineDailyMilli: milli.optional(),
    jumpRule: ruleRef,
    ...lateEntry,
  }),
});

/** 换表 — the old meter's final reading and the new one's start; the next reading's consumption spans both. */
export const MeterReplaced = defineEvent({
  type: 'MeterReplaced',
  version: 1,
  ...meter,
  schema: z.object({
    meterId: id,
    schoolId: id,
    finalReadingMilli: milli,
    startReadingMilli: milli,
    newSerial: z.string().min(1).max(64).optional(),
    reason: z.string().max(500).optional(),
    replacedBy: id,
    replacedAt: at,
    ...lateEntry,
  }),
});

/** 确认跳变 — the school admin confirms a flagged reading is real (a leak, an event, a cold week). */
export const MeterReadingConfirmed = defineEvent({
  type: 'MeterReadingConfirmed',
  version: 1,
  ...meter,
  schema: z.object({ meterId: id, schoolId: id, readingId: id, note: z.string().max(500).optional(), confirmedBy: id, confirmedAt: at }),
});

/** 更正读数 — the school admin corrects a flagged reading (a misread digit); its consumption follows. */
export const MeterReadingCorrected = defineEvent({
  type: 'MeterReadingCorrected',
  version: 1,
  ...meter,
  schema: z.object({
    ...readingFigures,
    reason: z.string().min(1).max(500),
    correctedBy: id,
    correctedAt: at,
  }),
});

/** Every event of a meter stream. */
export const MeterEvents = eventGroup([MeterInstalled, MeterReadingRecorded, MeterReplaced, MeterReadingConfirmed, MeterReadingCorrected]);
export type MeterEvent = EventsOf<typeof MeterEvents>;
export const METER_EVENT_TYPES = eventTypesOf(MeterEvents);

export type MeterInstalled = EventOf<typeof MeterInstalled>['data'];
export type MeterReadingRecorded = EventOf<typeof MeterReadingRecorded>['data'];
export type MeterReplaced = EventOf<typeof MeterReplaced>['data'];
export type MeterReadingConfirmed = EventOf<typeof MeterReadingConfirmed>['data'];
export type MeterReadingCorrected = EventOf<typeof MeterReadingCorrected>['data'];

/** `12345678` → `'12345.678'`: thousandths as the exact decimal text answers and pages show. */
export function milliToDecimal(value: number): string {
  const sign = value < 0 ? '-' : '';
  const abs = Math.abs(value);
  const whole = Math.floor(abs / MILLI_PER_UNIT);
  const frac = String(abs % MILLI_PER_UNIT).padStart(3, '0');
  return `${sign}${whole}.${frac}`;
}

/** `'12345.6'` → `12345600`; undefined for text that is not a non-negative decimal with at most 3 places. */
export function decimalToMilli(text: string): number | undefined {
  const m = /^(\d{1,13})(?:\.(\d{1,3}))?$/.exec(text);
  if (!m) return undefined;
  const value = Number(m[1]) * MILLI_PER_UNIT + Number((m[2] ?? '').padEnd(3, '0'));
  return Number.isSafeInteger(value) ? value : undefined;
}
