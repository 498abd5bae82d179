import { ASSET_STREAM_TYPE, AssetRegistered } from '@houqin/contracts';
import { defineProjection } from '@houqin/projections';
import { storedProjection } from '@houqin/projection-store';

export interface PendingAssetRegistration {
  assetId: string;
  /** Only for an asset registered from procurement's pending list; every asset has a document, so its stream's version is kept. */
  pendingAssetId?: string;
  schoolId: string;
  registeredAt: string;
}

/** Which pending asset (from procurement) each registration took out of the pending list. */
export const pendingAssetRegistrations = storedProjection<PendingAssetRegistration>({
  definition: defineProjection<PendingAssetRegistration>({
    name: 'pending-asset-registrations',
    version: 2,
    streamType: ASSET_STREAM_TYPE,
    canHandle: ['AssetRegistered'],
    streamKey: (event) => String(event.payload['assetId']),
    evolve: (doc, event) => {
      const registered = event.payload as unknown as AssetRegistered;
      if (doc) return doc;
      const { assetId, pendingAssetId, schoolId, registeredAt } = registered;
      return { assetId, ...(pendingAssetId ? { pendingAssetId } : {}), schoolId, registeredAt };
    },
  }),
  documents: {
    table: 'pending_asset_registrations',
    keyColumn: 'asset_id',
    versionColumn: 'version',
    columns: { pending_asset_id: 'text', school_id: 'text', registered_at: 'timestamptz', doc: 'jsonb' },
    toRow: (r) => ({ pending_asset_id: r.pendingAssetId ?? null, school_id: r.schoolId, registered_at: r.registeredAt, doc: r }),
    fromRow: (row) => row['doc'] as PendingAssetRegistration,
    touchedAt: 'updated_at',
  },
});
