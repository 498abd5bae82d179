import { MeterKind } from '@houqin/contracts';
import { storedProjection } from '@houqin/projection-store';
import { energyConsumption, MeterConsumptionFacts } from '@houqin/statistics';

/**
 * Where the bureau keeps the energy figure: a row per meter (its readings' months and consumption), a row
 * per school, kind and month (`energy_consumption`, whose school_id / kind / month columns are generated
 * from the group key for the answer's joins).
 */
export const energyFigureTables = storedProjection({
  definition: energyConsumption,
  documents: {
    table: 'energy_meters',
    keyColumn: 'meter_id',
    versionColumn: 'last_version',
    columns: { school_id: 'text', kind: 'text', readings: 'jsonb' },
    toRow: (m: MeterConsumptionFacts) => ({ school_id: m.schoolId, kind: m.kind, readings: m.readings }),
    fromRow: (r): MeterConsumptionFacts => ({
      meterId: String(r['meter_id']),
      schoolId: String(r['school_id']),
      kind: r['kind'] as MeterKind,
      readings: (r['readings'] ?? {}) as MeterConsumptionFacts['readings'],
    }),
    touchedAt: 'updated_at',
  },
  groups: {
    table: 'energy_consumption',
    keyColumn: 'group_key',
    columns: { consumptionMilli: 'consumption_milli', readings: 'readings' },
    touchedAt: 'updated_at',
  },
});
