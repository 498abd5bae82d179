/**
 * Bureau figure of energy (能源管理): each school's consumption per kind and month, a pure projection of
 * facilities' meter events. A meter's document keeps each reading's month and consumption (a correction
 * replaces it); its rollup spreads them over one group per school, kind and month (`spread`), so the
 * bureau keeps the sums live and the audit replays them with this one definition.
 *
 * Only the per-school consumption is a rollup. Per student, per m² and the district median of a school
 * type are not sums: the bureau's answer computes them in its query from these per-school rows and
 * the school register (identity's students and floor area), so they are always consistent with the
 * replayable part and need no replay of their own.
 */
import { METER_KINDS, METER_STREAM_TYPE, MeterKind } from '@houqin/contracts';
import { defineProjection, ProjectedEvent, ProjectionGapError } from '@houqin/projections';

export interface MeterConsumptionFacts {
  meterId: string;
  schoolId: string;
  kind: MeterKind;
  /** readingId → [Beijing month of the reading, consumption in thousandths of the unit]. */
  readings: Record<string, [string, number]>;
}

export const ENERGY_FIGURE_FIELDS = ['consumptionMilli', 'readings'] as const;
export type EnergyFigureField = (typeof ENERGY_FIGURE_FIELDS)[number];

const BEIJING_OFFSET_MS = 8 * 3_600_000;
/** `2026-10-31T16:30:00Z` → `2026-11` (Beijing). */
export const beijingMonthOf = (instant: string): string => new Date(Date.parse(instant) + BEIJING_OFFSET_MS).toISOString().slice(0, 7);

/** A group's key: `<schoolId>|<kind>|<YYYY-MM>` (school ids have no `|`: they are identity's codes). */
export const energyGroupKey = (schoolId: string, kind: MeterKind, month: string) => `${schoolId}|${kind}|${month}`;
export function parseEnergyGroupKey(key: string): { schoolId: string; kind: MeterKind; month: string } {
  const [schoolId, kind, month] = key.split('|');
  return { schoolId, kind: kind as MeterKind, month };
}

function evolve(meter: MeterConsumptionFacts | null, event: ProjectedEvent): MeterConsumptionFacts {
  const p = event.payload;
  if (!meter) {
    if (event.type !== 'MeterInstalled') throw new ProjectionGapError(event, String(p['meterId']), 1, 'MeterInstalled');
    return { meterId: String(p['meterId']), schoolId: event.schoolId, kind: p['kind'] as MeterKind, readings: {} };
  }
  const readingId = String(p['readingId']);
  switch (event.type) {
    case 'MeterReadingRecorded':
      return { ...meter, readings: { ...meter.readings, [readingId]: [beijingMonthOf(String(p['readAt'])), Number(p['consumptionMilli'])] } };
    case 'MeterReadingCorrected': {
      const [month] = meter.readings[readingId] ?? [];
      if (!month) return meter;
      return { ...meter, readings: { ...meter.readings, [readingId]: [month, Number(p['consumptionMilli'])] } };
    }
    default:
      return meter;
  }
}

/** One group per month the meter has readings in: their consumption and count. */
function spread(meter: MeterConsumptionFacts): Map<string, Record<EnergyFigureField, number>> {
  const groups = new Map<string, Record<EnergyFigureField, number>>();
  for (const [month, consumptionMilli] of Object.values(meter.readings)) {
    const key = energyGroupKey(meter.schoolId, meter.kind, month);
    const sums = groups.get(key) ?? { consumptionMilli: 0, readings: 0 };
    groups.set(key, { consumptionMilli: sums.consumptionMilli + consumptionMilli, readings: sums.readings + 1 });
  }
  return groups;
}

const notUsed = (): never => {
  throw new Error('energy-consumption spreads each meter over its months (rollup.spread)');
};

export const energyConsumption = defineProjection<MeterConsumptionFacts, EnergyFigureField>({
  name: 'energy-consumption',
  version: 1,
  streamType: METER_STREAM_TYPE,
  canHandle: ['MeterInstalled', 'MeterReadingRecorded', 'MeterReadingCorrected'],
  streamKey: (event) => String(event.payload['meterId']),
  evolve,
  rollup: { fields: ENERGY_FIGURE_FIELDS, groupBy: notUsed, contribution: notUsed, spread },
});

/** The district's consumption per kind (thousandths), over every group: what the figure answers as its total. */
export function energyTotals(groups: { key: string; sums: Record<EnergyFigureField, number> }[]) {
  const byKind = Object.fromEntries(METER_KINDS.map((k) => [k, { consumptionMilli: 0, readings: 0 }])) as Record<MeterKind, Record<EnergyFigureField, number>>;
  for (const g of groups) {
    const t = byKind[parseEnergyGroupKey(g.key).kind];
    if (!t) continue;
    t.consumptionMilli += g.sums.consumptionMilli;
    t.readings += g.sums.readings;
  }
  return { groups: groups.length, byKind };
}

/** The median of some numbers (the mean of the middle two for an even count); null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** The school year (学年) a month belongs to: September starts it. `2026-10` → `2026-2027`. */
export function schoolYearOfMonth(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return m >= 9 ? `${y}-${y + 1}` : `${y - 1}-${y}`;
}
