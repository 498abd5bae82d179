/**
 * The district's school register as the bureau knows it: a pure projection of identity's school
 * events (SchoolRegistered, SchoolProfileChanged, SchoolYearFiguresRecorded). The bureau keeps it
 * live from Kafka and joins its figures to it (every registered school listed, with its name and
 * type); being pure, the audit can fold the same definition from the same topic.
 */
import { SCHOOL_STREAM_TYPE, SCHOOL_TYPE_ZH, SchoolType } from '@houqin/contracts';
import { defineProjection, ProjectedEvent, ProjectionGapError } from '@houqin/projections';

/** Student and staff counts of one school year (学年), e.g. `2026-2027`. */
export interface SchoolYearCounts {
  students: number;
  staff: number;
}

export interface RegisteredSchoolFacts {
  schoolId: string;
  name: string;
  type: SchoolType;
  address: string;
  boarding: boolean;
  canteen: boolean;
  schoolBuses: boolean;
  floorAreaM2: number;
  /** By school year; a later record of the same year replaces the earlier one. */
  years: Record<string, SchoolYearCounts>;
  registeredAt: string;
  /** The last change of profile or counts (business time of identity's event). */
  changedAt: string;
}

const profileOf = (p: Record<string, unknown>) => ({
  name: String(p['name']),
  type: p['type'] as SchoolType,
  address: String(p['address']),
  boarding: p['boarding'] === true,
  canteen: p['canteen'] === true,
  schoolBuses: p['schoolBuses'] === true,
  floorAreaM2: Number(p['floorAreaM2']),
});

function evolve(school: RegisteredSchoolFacts | null, event: ProjectedEvent): RegisteredSchoolFacts {
  const p = event.payload;
  if (!school) {
    if (event.type !== 'SchoolRegistered') throw new ProjectionGapError(event, String(p['schoolId']), 1, 'SchoolRegistered');
    const at = String(p['registeredAt']);
    return { schoolId: String(p['schoolId']), ...profileOf(p), years: {}, registeredAt: at, changedAt: at };
  }
  switch (event.type) {
    case 'SchoolProfileChanged':
      return { ...school, ...profileOf(p), changedAt: String(p['changedAt']) };
    case 'SchoolYearFiguresRecorded':
      return {
        ...school,
        years: { ...school.years, [String(p['schoolYear'])]: { students: Number(p['students']), staff: Number(p['staff']) } },
        changedAt: String(p['recordedAt']),
      };
    default:
      return school;
  }
}

export const schoolRegister = defineProjection<RegisteredSchoolFacts>({
  name: 'schools',
  version: 1,
  streamType: SCHOOL_STREAM_TYPE,
  canHandle: ['SchoolRegistered', 'SchoolProfileChanged', 'SchoolYearFiguresRecorded'],
  streamKey: (event) => String(event.payload['schoolId']),
  evolve,
});

/** The school types with their Chinese labels, in the register's order (小学 first). */
export const schoolTypeLabel = (type: SchoolType | null | undefined): string | null => (type ? (SCHOOL_TYPE_ZH[type] ?? null) : null);

/** School years newest first, as answers show them. */
export const schoolYearsOf = (years: Record<string, SchoolYearCounts>) =>
  Object.entries(years)
    .sort(([a], [b]) => b.localeCompare(a))
    .map(([schoolYear, counts]) => ({ schoolYear, ...counts }));
