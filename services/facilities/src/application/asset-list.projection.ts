import { ASSET_STREAM_TYPE, AssetEvent } from '@houqin/contracts';
import { defineProjection } from '@houqin/projections';
import { searchColumns, storedProjection } from '@houqin/projection-store';
import { evolve, ExistingAsset, initialState, ledgerStatusOf } from '../domain/asset';

/**
 * 资产台账: one row per asset, folded by the domain's own `evolve`, with typed columns for the ledger's
 * filters and sorts, and the state as `doc`. Net book values are not stored: they depend on the day asked,
 * and the API computes them from `doc` (a pure function). Bump `version` when columns or grams change.
 */
export const assetListDefinition = defineProjection<ExistingAsset>({
  name: 'asset-list',
  version: 1,
  streamType: ASSET_STREAM_TYPE,
  streamKey: (event) => String(event.payload['assetId']),
  evolve: (doc, event) => {
    const next = evolve(doc ?? initialState(), { type: event.type, data: event.payload } as AssetEvent);
    return next.status === 'none' ? null : next;
  },
});

export const assetList = storedProjection<ExistingAsset>({
  definition: assetListDefinition,
  documents: {
    table: 'asset_list',
    keyColumn: 'asset_id',
    versionColumn: 'version',
    columns: {
      school_id: 'text',
      category: 'text',
      name: 'text',
      building: 'text',
      custodian: 'text',
      status: 'text',
      disposal_stage: 'text',
      price_fen: 'bigint',
      purchase_date: 'date',
      registered_at: 'timestamptz',
      search_text: 'text',
      search_grams: 'text[]',
      doc: 'jsonb',
    },
    toRow: (asset) => {
      const search = searchColumns([asset.name, asset.model, asset.serialNumber]);
      return {
        school_id: asset.schoolId,
        category: asset.category,
        name: asset.name,
        building: asset.location.building,
        custodian: asset.custodian ?? null,
        status: ledgerStatusOf(asset),
        disposal_stage: asset.status === 'disposed' ? null : (asset.disposal?.stage ?? null),
        price_fen: asset.priceFen,
        purchase_date: asset.purchaseDate,
        registered_at: asset.registeredAt,
        search_text: search.text,
        search_grams: search.grams,
        doc: asset,
      };
    },
    fromRow: (row) => row['doc'] as ExistingAsset,
    touchedAt: 'updated_at',
  },
});
