import { GREEN_AREA_STREAM_TYPE, GreenAreaEvent, GreenCareRecorded } from '@houqin/contracts';
import { defineProjection } from '@houqin/projections';
import { searchColumns, storedProjection } from '@houqin/projection-store';
import { evolve, GreenArea, initialState, treeCount } from '../domain/green-area';

/** A care record as the list keeps it (the area's ids are on the row). */
export type CareRecord = Omit<GreenCareRecorded, 'greenAreaId' | 'schoolId'>;

/** The area's state (domain evolve) and its care records, newest last. */
export type ListedGreenArea = GreenArea & { care: CareRecord[] };

/** 绿化档案列表: one row per green area; its care records travel in the document (a term is ~100 per area). */
export const greenAreaListDefinition = defineProjection<ListedGreenArea>({
  name: 'green-area-list',
  version: 1,
  streamType: GREEN_AREA_STREAM_TYPE,
  streamKey: (event) => String(event.payload['greenAreaId']),
  evolve: (doc, event) => {
    const e = { type: event.type, data: event.payload } as GreenAreaEvent;
    const next = evolve(doc ?? initialState(), e);
    if (next.status === 'none') return null;
    const care = doc?.care ?? [];
    if (e.type !== 'GreenCareRecorded') return { ...next, care };
    const { greenAreaId: _a, schoolId: _s, ...record } = e.data;
    return { ...next, care: [...care, record] };
  },
});

export const notableTrees = (area: GreenArea): number => Object.values(area.trees).reduce((n, t) => n + (t.notable ? t.count : 0), 0);

export const greenAreaList = storedProjection<ListedGreenArea>({
  definition: greenAreaListDefinition,
  documents: {
    table: 'green_area_list',
    keyColumn: 'green_area_id',
    versionColumn: 'version',
    columns: {
      school_id: 'text',
      status: 'text',
      name: 'text',
      kind: 'text',
      area_m2: 'numeric',
      trees: 'integer',
      notable_trees: 'integer',
      care_count: 'integer',
      last_care_at: 'timestamptz',
      closed_until: 'timestamptz',
      search_text: 'text',
      search_grams: 'text[]',
      doc: 'jsonb',
    },
    toRow: (a) => {
      const search = searchColumns([a.name, a.location, ...Object.values(a.trees).map((t) => t.speciesZh)]);
      return {
        school_id: a.schoolId,
        status: a.status,
        name: a.name,
        kind: a.kind,
        area_m2: a.areaM2,
        trees: treeCount(a),
        notable_trees: notableTrees(a),
        care_count: a.careCount,
        last_care_at: a.lastCare?.caredAt ?? null,
        closed_until: a.closedUntil ?? null,
        search_text: search.text,
        search_grams: search.grams,
        doc: a,
      };
    },
    fromRow: (row) => row['doc'] as ListedGreenArea,
    touchedAt: 'updated_at',
  },
});
