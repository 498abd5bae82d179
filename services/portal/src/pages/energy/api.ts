import { get } from '../../api/client';
import type { SchoolType } from '../../api/types';

export const METER_KINDS = ['electricity', 'water', 'gas'] as const;
export type MeterKind = (typeof METER_KINDS)[number];
/** A reading as the service takes it: decimal text, at most 3 decimals (never a float). */
export const READING_PATTERN = /^\d{1,13}(\.\d{1,3})?$/;

export interface Meter {
  meterId: string;
  schoolId: string;
  building: string;
  kind: MeterKind;
  unit: string;
  serial?: string;
  installedAt: string;
  lastReading: string;
  lastReadAt: string;
  lastConsumption?: string;
  replacedSinceLastReading: boolean;
  readings: number;
  openFlags: number;
  version: number;
}

export interface Period {
  readingId: string;
  periodStart: string;
  readAt: string;
  reading: string;
  consumption: string;
  daily: string;
  baselineDaily?: string;
  flagged: boolean;
  resolution?: 'confirmed' | 'corrected';
}

export interface Reading extends Period {
  meterId: string;
  schoolId: string;
  building: string;
  kind: MeterKind;
  unit: string;
  month: string;
}

export interface Consumption {
  byBuilding: { month: string; kind: MeterKind; building: string; consumption: string; unit: string }[];
  school: { month: string; kind: MeterKind; consumption: string; unit: string }[];
}

export interface EnergyComparison {
  kind: MeterKind;
  month: string;
  unit: string;
  schools: {
    schoolId: string;
    name: string | null;
    schoolType: SchoolType | null;
    consumption: string | null;
    students: number | null;
    floorAreaM2: string | null;
    perStudent: string | null;
    perM2: string | null;
    typeMedianPerStudent: string | null;
    typeMedianPerM2: string | null;
    ratioPerStudent: number | null;
    ratioPerM2: number | null;
  }[];
  types: { schoolType: SchoolType; schools: number; consumption: string | null; perStudent: string | null; perM2: string | null }[];
}

/** The position of this browser's last meter command: the lists wait for it (read-your-writes; a 503 is retried). */
let lastPosition: string | undefined;
export const rememberPosition = (position?: string) => {
  if (position && (!lastPosition || BigInt(position) > BigInt(lastPosition))) lastPosition = position;
};

export const fetchMeters = async (signal?: AbortSignal) =>
  (await get<{ items: Meter[] }>('facilities', '/meters', { limit: 200, consistentWith: lastPosition }, signal)).items;
export const fetchMeter = (id: string, signal?: AbortSignal) => get<Meter & { periods: Period[] }>('facilities', `/meters/${id}`, undefined, signal);
export const fetchReadings = (query: { meterId?: string; from?: string; to?: string; flagged?: boolean; cursor?: string }, signal?: AbortSignal) =>
  get<{ items: Reading[]; nextCursor?: string }>('facilities', '/meters/readings', { limit: 500, ...query, consistentWith: lastPosition }, signal);
export const fetchConsumption = (query: { kind?: MeterKind; from?: string; to?: string }, signal?: AbortSignal) =>
  get<Consumption>('facilities', '/meters/consumption', { ...query, consistentWith: lastPosition }, signal);
export const fetchComparison = (query: { kind: MeterKind; month: string; schoolType?: string }, signal?: AbortSignal) => get<EnergyComparison>('bureau', '/statistics/energy', query, signal);

/** The Beijing month of now, and the one before: readings at a month's end count in that month. */
export function recentMonth(now = Date.now()): string {
  return new Date(now + 8 * 3_600_000).toISOString().slice(0, 7);
}
export function previousMonth(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}
