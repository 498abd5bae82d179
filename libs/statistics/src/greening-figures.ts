/**
 * The bureau's greening figure (绿化), per school: green areas in use and their m² (exact, in hundredths), trees
 * and 古树名木, care records, pest controls and late care entries (补录). A pure projection of facilities'
 * green-area events, kept live by the bureau and replayed by the audit.
 */
import { GREEN_AREA_STREAM_TYPE } from '@houqin/contracts';
import { defineProjection, Group, ProjectedEvent, ProjectionGapError, zeroSums } from '@houqin/projections';

export interface GreenAreaFacts {
  greenAreaId: string;
  schoolId: string;
  active: boolean;
  /** m² × 100, exact (the events carry decimal strings). */
  areaHundredths: number;
  stands: Record<string, { count: number; notable: boolean }>;
  careRecords: number;
  pestControls: number;
  lateCareRecords: number;
}

export const GREENING_FIELDS = ['areas', 'areaHundredths', 'trees', 'notableTrees', 'careRecords', 'pestControls', 'lateCareRecords'] as const;
export type GreeningField = (typeof GREENING_FIELDS)[number];

/** "1200.5" → 120050: decimal text to integer hundredths, no float on the way. */
export function hundredthsOf(m2: string): number {
  const [whole, fraction = ''] = m2.split('.');
  return Number(whole) * 100 + Number(fraction.padEnd(2, '0').slice(0, 2));
}

function contribution(a: GreenAreaFacts): Record<GreeningField, number> {
  const stands = a.active ? Object.values(a.stands) : [];
  return {
    areas: a.active ? 1 : 0,
    areaHundredths: a.active ? a.areaHundredths : 0,
    trees: stands.reduce((n, s) => n + s.count, 0),
    notableTrees: stands.reduce((n, s) => n + (s.notable ? s.count : 0), 0),
    careRecords: a.careRecords,
    pestControls: a.pestControls,
    lateCareRecords: a.lateCareRecords,
  };
}

function evolve(a: GreenAreaFacts | null, event: ProjectedEvent): GreenAreaFacts {
  const p = event.payload;
  if (!a) {
    if (event.type !== 'GreenAreaRegistered') throw new ProjectionGapError(event, String(p['greenAreaId']), 1, 'GreenAreaRegistered');
    return { greenAreaId: String(p['greenAreaId']), schoolId: event.schoolId, active: true, areaHundredths: hundredthsOf(String(p['areaM2'])), stands: {}, careRecords: 0, pestControls: 0, lateCareRecords: 0 };
  }
  switch (event.type) {
    case 'GreenAreaResized':
      return { ...a, areaHundredths: hundredthsOf(String(p['toM2'])) };
    case 'GreenAreaRemoved':
      return { ...a, active: false };
    case 'GreenTreesRecorded':
      return { ...a, stands: { ...a.stands, [String(p['treeId'])]: { count: Number(p['count']), notable: p['notable'] === true } } };
    case 'GreenTreeCountChanged': {
      const stand = a.stands[String(p['treeId'])];
      return stand ? { ...a, stands: { ...a.stands, [String(p['treeId'])]: { ...stand, count: Number(p['to']) } } } : a;
    }
    case 'GreenCareRecorded':
      return { ...a, careRecords: a.careRecords + 1, pestControls: a.pestControls + (p['kind'] === 'pest-control' ? 1 : 0), lateCareRecords: a.lateCareRecords + (p['late'] === true ? 1 : 0) };
    default:
      return a;
  }
}

export const greeningFigures = defineProjection<GreenAreaFacts, GreeningField>({
  name: 'greening',
  version: 1,
  streamType: GREEN_AREA_STREAM_TYPE,
  streamKey: (event) => String(event.payload['greenAreaId']),
  evolve,
  rollup: { fields: GREENING_FIELDS, groupBy: (a) => a.schoolId, contribution },
});

/** The district: each field summed, schools with any green area, and the area in m² as exact text. */
export function districtGreening(groups: Group<GreeningField>[]) {
  const sums = zeroSums<GreeningField>(GREENING_FIELDS);
  for (const g of groups) for (const f of GREENING_FIELDS) sums[f] += g.sums[f];
  return { schools: groups.filter((g) => g.sums.areas > 0).length, ...sums, areaM2: m2Text(sums.areaHundredths) };
}

/** 120050 → "1200.50" */
export const m2Text = (hundredths: number): string => `${Math.trunc(hundredths / 100)}.${String(hundredths % 100).padStart(2, '0')}`;
