import { MeterEvent, MeterKind } from '@houqin/contracts';
import { unknownEvent } from '@houqin/event-sourcing';

/** One reading's period: what it consumed since the previous reading, and its jump judgement. */
export interface ReadingPeriod {
  readingId: string;
  periodStart: string;
  readAt: string;
  readingMilli: number;
  /** The device reading the period started from (the previous reading, or the new meter's start after a replacement). */
  baseMilli: number;
  /** Consumption carried over a replacement: the old meter's final minus its last reading (0 otherwise). */
  carriedMilli: number;
  consumptionMilli: number;
  flagged: boolean;
  /** As judged when recorded: this period's and the baseline's consumption per day. */
  dailyMilli: number;
  baselineDailyMilli?: number;
  /** What the school admin did about a flag. */
  resolution?: 'confirmed' | 'corrected';
}

/** A replacement since the last reading: its consumption waits for the next reading. */
export interface PendingReplacement {
  carriedMilli: number;
  replacedAt: string;
}

export interface ActiveMeter {
  status: 'active';
  meterId: string;
  schoolId: string;
  building: string;
  kind: MeterKind;
  serial?: string;
  installedAt: string;
  /** The current device's last reading (its start reading right after a replacement). */
  lastReadingMilli: number;
  /** When the last period ended (installation or the last reading): the next period starts here. */
  lastReadAt: string;
  replacement?: PendingReplacement;
  replacements: number;
  periods: ReadingPeriod[];
}

export type MeterState = { status: 'none' } | ActiveMeter;

export const initialState = (): MeterState => ({ status: 'none' });

export function evolve(state: MeterState, event: MeterEvent): MeterState {
  switch (event.type) {
    case 'MeterInstalled': {
      const { meterId, schoolId, building, kind, serial, initialReadingMilli, installedAt } = event.data;
      return {
        status: 'active',
        meterId,
        schoolId,
        building,
        kind,
        ...(serial === undefined ? {} : { serial }),
        installedAt,
        lastReadingMilli: initialReadingMilli,
        lastReadAt: installedAt,
        replacements: 0,
        periods: [],
      };
    }
    case 'MeterReadingRecorded': {
      const meter = active(state, event);
      const { readingId, periodStart, readAt, readingMilli, consumptionMilli, flagged, dailyMilli, baselineDailyMilli } = event.data;
      const carriedMilli = meter.replacement?.carriedMilli ?? 0;
      const judged = { flagged, dailyMilli, ...(baselineDailyMilli === undefined ? {} : { baselineDailyMilli }) };
      const period: ReadingPeriod = { readingId, periodStart, readAt, readingMilli, baseMilli: meter.lastReadingMilli, carriedMilli, consumptionMilli, ...judged };
      const { replacement: _done, ...rest } = meter;
      return { ...rest, lastReadingMilli: readingMilli, lastReadAt: readAt, periods: [...meter.periods, period] };
    }
    case 'MeterReplaced': {
      const meter = active(state, event);
      const carriedMilli = (meter.replacement?.carriedMilli ?? 0) + (event.data.finalReadingMilli - meter.lastReadingMilli);
      const serial = event.data.newSerial;
      const { serial: _old, ...rest } = meter;
      return {
        ...rest,
        ...(serial === undefined ? {} : { serial }),
        lastReadingMilli: event.data.startReadingMilli,
        replacement: { carriedMilli, replacedAt: event.data.replacedAt },
        replacements: meter.replacements + 1,
      };
    }
    case 'MeterReadingConfirmed':
      return withPeriod(active(state, event), event.data.readingId, (p) => ({ ...p, resolution: 'confirmed' }));
    case 'MeterReadingCorrected': {
      const { readingId, readingMilli, consumptionMilli } = event.data;
      const meter = withPeriod(active(state, event), readingId, (p) => ({ ...p, readingMilli, consumptionMilli, resolution: 'corrected' }));
      return { ...meter, lastReadingMilli: readingMilli };
    }
    default:
      return unknownEvent(event);
  }
}

function withPeriod(meter: ActiveMeter, readingId: string, change: (p: ReadingPeriod) => ReadingPeriod): ActiveMeter {
  return { ...meter, periods: meter.periods.map((p) => (p.readingId === readingId ? change(p) : p)) };
}

// A stored history in an impossible order fails loudly instead of folding into nonsense.
function active(state: MeterState, event: MeterEvent): ActiveMeter {
  if (state.status === 'none') throw new Error(`${event.type} cannot come before MeterInstalled`);
  return state;
}
