import { METER_STREAM_TYPE, MeterEvent } from '@houqin/contracts';
import { defineProjection } from '@houqin/projections';
import { searchColumns, storedProjection } from '@houqin/projection-store';
import { ActiveMeter, evolve, initialState } from '../domain/meter';

/**
 * 水电气表列表: one row per meter, folded by the domain's own `evolve`, with its last reading and the
 * number of flagged readings still waiting for the school admin; the whole state (with every reading
 * period) as `doc`. The readings list and the monthly consumption read the periods through the
 * `meter_readings` view (infrastructure/meter-list.migration.ts). Bump `version` when the columns change.
 */
export const meterListDefinition = defineProjection<ActiveMeter>({
  name: 'meter-list',
  version: 1,
  streamType: METER_STREAM_TYPE,
  streamKey: (event) => String(event.payload['meterId']),
  evolve: (doc, event) => {
    const next = evolve(doc ?? initialState(), { type: event.type, data: event.payload } as MeterEvent);
    return next.status === 'none' ? null : next;
  },
});

/** Flagged readings neither confirmed nor corrected. */
export const openFlagsOf = (meter: ActiveMeter) => meter.periods.filter((p) => p.flagged && !p.resolution).length;

export const meterList = storedProjection<ActiveMeter>({
  definition: meterListDefinition,
  documents: {
    table: 'meter_list',
    keyColumn: 'meter_id',
    versionColumn: 'version',
    columns: {
      school_id: 'text',
      building: 'text',
      kind: 'text',
      installed_at: 'timestamptz',
      last_read_at: 'timestamptz',
      open_flags: 'integer',
      search_text: 'text',
      search_grams: 'text[]',
      doc: 'jsonb',
    },
    toRow: (meter) => {
      const search = searchColumns([meter.building, meter.serial]);
      return {
        school_id: meter.schoolId,
        building: meter.building,
        kind: meter.kind,
        installed_at: meter.installedAt,
        last_read_at: meter.lastReadAt,
        open_flags: openFlagsOf(meter),
        search_text: search.text,
        search_grams: search.grams,
        doc: meter,
      };
    },
    fromRow: (row) => row['doc'] as ActiveMeter,
    touchedAt: 'updated_at',
  },
});
