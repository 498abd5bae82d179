import { DORMITORY_STREAM_TYPE, DormitoryEvent } from '@houqin/contracts';
import { defineProjection } from '@houqin/projections';
import { searchColumns, storedProjection } from '@houqin/projection-store';
import { Building, evolve, initialState, occupiedBeds } from '../domain/dormitory';

/**
 * 宿舍楼列表: one row per building, folded by the domain's own evolve, with its counts as columns and the
 * student numbers of its occupants (text[], GIN): the school-wide "who sleeps where" lookup.
 */
export const dormitoryListDefinition = defineProjection<Building>({
  name: 'dormitory-list',
  version: 1,
  streamType: DORMITORY_STREAM_TYPE,
  streamKey: (event) => String(event.payload['buildingId']),
  evolve: (doc, event) => {
    const next = evolve(doc ?? initialState(), { type: event.type, data: event.payload } as DormitoryEvent);
    return next.status === 'none' ? null : next;
  },
});

/** Beds, occupied beds and rooms whose last check failed an item. */
export function buildingCounts(b: Building) {
  const rooms = Object.values(b.rooms);
  return {
    rooms: rooms.length,
    beds: rooms.reduce((n, r) => n + r.capacity, 0),
    occupied: rooms.reduce((n, r) => n + occupiedBeds(r), 0),
    roomsFailingCheck: rooms.filter((r) => (r.lastCheck?.failedItems ?? 0) > 0).length,
  };
}

export const dormitoryList = storedProjection<Building>({
  definition: dormitoryListDefinition,
  documents: {
    table: 'dormitory_list',
    keyColumn: 'building_id',
    versionColumn: 'version',
    columns: {
      school_id: 'text',
      name: 'text',
      gender: 'text',
      rooms: 'integer',
      beds: 'integer',
      occupied: 'integer',
      rooms_failing_check: 'integer',
      student_numbers: 'text[]',
      search_text: 'text',
      search_grams: 'text[]',
      doc: 'jsonb',
    },
    toRow: (b) => {
      const counts = buildingCounts(b);
      const search = searchColumns([b.name]);
      return {
        school_id: b.schoolId,
        name: b.name,
        gender: b.gender,
        rooms: counts.rooms,
        beds: counts.beds,
        occupied: counts.occupied,
        rooms_failing_check: counts.roomsFailingCheck,
        student_numbers: Object.keys(b.students).sort(),
        search_text: search.text,
        search_grams: search.grams,
        doc: b,
      };
    },
    fromRow: (row) => row['doc'] as Building,
    touchedAt: 'updated_at',
  },
});
