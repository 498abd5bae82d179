import { STOCKTAKE_STREAM_TYPE, StocktakeEvent } from '@houqin/contracts';
import { defineProjection } from '@houqin/projections';
import { keysetList, storedProjection } from '@houqin/projection-store';
import { evolve, ExistingStocktake, initialState } from '../domain/stocktake';

/** 盘点单列表: one row per stocktake, folded by the domain's `evolve`; the marking page reads the stream itself. */
export const stocktakeListDefinition = defineProjection<ExistingStocktake>({
  name: 'stocktake-list',
  version: 1,
  streamType: STOCKTAKE_STREAM_TYPE,
  streamKey: (event) => String(event.payload['stocktakeId']),
  evolve: (doc, event) => {
    const next = evolve(doc ?? initialState(), { type: event.type, data: event.payload } as StocktakeEvent);
    return next.status === 'none' ? null : next;
  },
});

export const stocktakeList = storedProjection<ExistingStocktake>({
  definition: stocktakeListDefinition,
  documents: {
    table: 'stocktake_list',
    keyColumn: 'stocktake_id',
    versionColumn: 'version',
    columns: { school_id: 'text', status: 'text', title: 'text', building: 'text', opened_at: 'timestamptz', closed_at: 'timestamptz', expected: 'integer', marked: 'integer', doc: 'jsonb' },
    toRow: (s) => ({
      school_id: s.schoolId,
      status: s.status,
      title: s.title,
      building: s.location.building,
      opened_at: s.openedAt,
      closed_at: s.status === 'closed' ? s.closedAt : null,
      expected: s.expected.length,
      marked: Object.keys(s.marks).length,
      doc: s,
    }),
    fromRow: (row) => row['doc'] as ExistingStocktake,
    touchedAt: 'updated_at',
  },
});

export const STOCKTAKE_LIST_SORTS = ['openedAt'] as const;
export const stocktakePages = keysetList<(typeof STOCKTAKE_LIST_SORTS)[number]>({
  table: 'stocktake_list',
  id: 'stocktake_id',
  select: ['doc', 'version'],
  sorts: { openedAt: [['opened_at', 'timestamptz']] },
});
