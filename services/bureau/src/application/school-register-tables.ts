import { storedProjection } from '@houqin/projection-store';
import { RegisteredSchoolFacts, schoolRegister } from '@houqin/statistics';

const iso = (value: unknown) => (value instanceof Date ? value.toISOString() : String(value));

/** Where the bureau keeps the district's school register (identity's events): one row per school. */
export const schoolRegisterTables = storedProjection({
  definition: schoolRegister,
  documents: {
    table: 'schools',
    keyColumn: 'school_id',
    versionColumn: 'last_version',
    columns: {
      name: 'text',
      type: 'text',
      address: 'text',
      boarding: 'boolean',
      canteen: 'boolean',
      school_buses: 'boolean',
      floor_area_m2: 'numeric',
      years: 'jsonb',
      registered_at: 'timestamptz',
      changed_at: 'timestamptz',
    },
    toRow: (s: RegisteredSchoolFacts) => ({
      name: s.name,
      type: s.type,
      address: s.address,
      boarding: s.boarding,
      canteen: s.canteen,
      school_buses: s.schoolBuses,
      floor_area_m2: s.floorAreaM2,
      years: s.years,
      registered_at: s.registeredAt,
      changed_at: s.changedAt,
    }),
    fromRow: (r): RegisteredSchoolFacts => ({
      schoolId: String(r['school_id']),
      name: String(r['name']),
      type: r['type'] as RegisteredSchoolFacts['type'],
      address: String(r['address']),
      boarding: Boolean(r['boarding']),
      canteen: Boolean(r['canteen']),
      schoolBuses: Boolean(r['school_buses']),
      floorAreaM2: Number(r['floor_area_m2']),
      years: (r['years'] ?? {}) as RegisteredSchoolFacts['years'],
      registeredAt: iso(r['registered_at']),
      changedAt: iso(r['changed_at']),
    }),
    touchedAt: 'updated_at',
  },
});
