import { AssetLocation, STOCKTAKE_STREAM_TYPE, StocktakeDifference } from '@houqin/contracts';
import { defineProjection, ProjectionGapError } from '@houqin/projections';
import { storedProjection } from '@houqin/projection-store';

/** A difference on a ledger asset: it becomes a fact on that asset's stream (a not-in-ledger one has none). */
export type AssetDifference = StocktakeDifference & { assetId: string };
export const isAssetDifference = (d: StocktakeDifference): d is AssetDifference => d.assetId !== undefined && d.kind !== 'not-in-ledger';

/** Per stocktake: what applying its differences to the assets needs, once it is closed. */
export interface StocktakeDifferences {
  stocktakeId: string;
  schoolId: string;
  location: AssetLocation;
  /** Where each unlisted entry was found: a found-elsewhere asset comes back or moves there. */
  foundAt: Record<string, AssetLocation>;
  closedBy?: string;
  closedAt?: string;
  /** Set at the close: each is owed a fact on its asset's stream. */
  differences: AssetDifference[];
}

/**
 * The stocktake process manager's checkpointed input: a closed stocktake's differences are remembered here as soon
 * as its StocktakeClosed commits, so a crash (or a lost answer) before they reached the assets loses nothing: the
 * next tick finds them still without a row in stocktake_asset_facts.
 */
export const stocktakeDifferences = defineProjection<StocktakeDifferences>({
  name: 'stocktake-differences',
  version: 1,
  streamType: STOCKTAKE_STREAM_TYPE,
  canHandle: ['StocktakeOpened', 'StocktakeUnlistedFound', 'StocktakeClosed'],
  streamKey: (event) => String(event.payload['stocktakeId']),
  evolve: (doc, event) => {
    const p = event.payload;
    if (!doc) {
      if (event.type !== 'StocktakeOpened') throw new ProjectionGapError(event, String(p['stocktakeId']), 1, 'StocktakeOpened');
      return { stocktakeId: String(p['stocktakeId']), schoolId: event.schoolId, location: p['location'] as AssetLocation, foundAt: {}, differences: [] };
    }
    if (event.type === 'StocktakeUnlistedFound') return { ...doc, foundAt: { ...doc.foundAt, [String(p['entryId'])]: p['foundLocation'] as AssetLocation } };
    if (event.type !== 'StocktakeClosed') return doc;
    // One fact per asset and kind (the done table's key), whatever the close listed twice.
    const differences = [...new Map((p['differences'] as StocktakeDifference[]).filter(isAssetDifference).map((d) => [`${d.kind}:${d.assetId}`, d])).values()];
    return { ...doc, closedBy: String(p['closedBy']), closedAt: String(p['closedAt']), differences };
  },
});

export const stocktakeDifferenceTables = storedProjection({
  definition: stocktakeDifferences,
  documents: {
    table: 'stocktake_differences',
    keyColumn: 'stocktake_id',
    versionColumn: 'last_version',
    columns: { school_id: 'text', owed: 'integer', doc: 'jsonb' },
    toRow: (d: StocktakeDifferences) => ({ school_id: d.schoolId, owed: d.differences.length, doc: d }),
    fromRow: (r) => r['doc'] as StocktakeDifferences,
    touchedAt: 'updated_at',
  },
});
