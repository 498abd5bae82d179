import { storedProjection } from '@houqin/projection-store';
import {
  DORMITORY_OCCUPANCY_FIELDS,
  DormitoryBuildingFacts,
  DormitoryOccupancyField,
  dormitoryOccupancy,
  GREENING_FIELDS,
  GreenAreaFacts,
  GreeningField,
  greeningFigures,
} from '@houqin/statistics';
import { snakeCase } from './sla-figure-tables';

const columnsOf = <F extends string>(fields: readonly F[]) => Object.fromEntries(fields.map((f) => [f, snakeCase(f)])) as Record<F, string>;

/** Where the bureau keeps dormitory occupancy: a row per building (its rooms' beds and takers, no student), a row per school. */
export const dormitoryOccupancyTables = storedProjection({
  definition: dormitoryOccupancy,
  documents: {
    table: 'dormitory_buildings',
    keyColumn: 'building_id',
    versionColumn: 'last_version',
    columns: { school_id: 'text', gender: 'text', rooms: 'jsonb' },
    toRow: (b: DormitoryBuildingFacts) => ({ school_id: b.schoolId, gender: b.gender, rooms: b.rooms }),
    fromRow: (r): DormitoryBuildingFacts => ({
      buildingId: String(r['building_id']),
      schoolId: String(r['school_id']),
      gender: r['gender'] as DormitoryBuildingFacts['gender'],
      rooms: (r['rooms'] ?? {}) as DormitoryBuildingFacts['rooms'],
    }),
    touchedAt: 'updated_at',
  },
  groups: { table: 'school_dormitory_occupancy', keyColumn: 'school_id', columns: columnsOf<DormitoryOccupancyField>(DORMITORY_OCCUPANCY_FIELDS), touchedAt: 'updated_at' },
});

/** Where the bureau keeps the greening figure: a row per green area, a row per school. */
export const greeningTables = storedProjection({
  definition: greeningFigures,
  documents: {
    table: 'green_areas',
    keyColumn: 'green_area_id',
    versionColumn: 'last_version',
    columns: { school_id: 'text', facts: 'jsonb' },
    toRow: ({ greenAreaId: _id, schoolId, ...facts }: GreenAreaFacts) => ({ school_id: schoolId, facts }),
    fromRow: (r): GreenAreaFacts => ({ greenAreaId: String(r['green_area_id']), schoolId: String(r['school_id']), ...(r['facts'] as Omit<GreenAreaFacts, 'greenAreaId' | 'schoolId'>) }),
    touchedAt: 'updated_at',
  },
  groups: { table: 'school_greening', keyColumn: 'school_id', columns: columnsOf<GreeningField>(GREENING_FIELDS), touchedAt: 'updated_at' },
});
