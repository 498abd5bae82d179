import { storedProjection } from '@houqin/projection-store';
import { assetDisposalsAwaitingBureau, AssetValueFacts, assetValues, AwaitingDisposalFacts } from '@houqin/statistics';

/** Where the bureau keeps the asset-values figure: a row per asset, a row per school, category and depreciation cohort. */
export const assetValueTables = storedProjection({
  definition: assetValues,
  documents: {
    table: 'asset_value_assets',
    keyColumn: 'asset_id',
    versionColumn: 'last_version',
    columns: { school_id: 'text', category: 'text', price_fen: 'bigint', first_month: 'text', life_months: 'integer', monthly_fen: 'bigint', in_ledger: 'boolean' },
    toRow: (a: AssetValueFacts) => ({ school_id: a.schoolId, category: a.category, price_fen: a.priceFen, first_month: a.firstMonth, life_months: a.lifeMonths, monthly_fen: a.monthlyFen, in_ledger: a.inLedger }),
    fromRow: (r): AssetValueFacts => ({
      assetId: String(r['asset_id']),
      schoolId: String(r['school_id']),
      category: String(r['category']),
      priceFen: Number(r['price_fen']),
      firstMonth: String(r['first_month']),
      lifeMonths: Number(r['life_months']),
      monthlyFen: Number(r['monthly_fen']),
      inLedger: Boolean(r['in_ledger']),
    }),
    touchedAt: 'updated_at',
  },
  groups: {
    table: 'asset_values',
    keyColumn: 'group_key',
    columns: { assets: 'assets', originalValueFen: 'original_value_fen', monthlyChargeFen: 'monthly_charge_fen' },
    touchedAt: 'updated_at',
  },
});

/** The disposals awaiting the bureau: a row per asset that ever asked, a row per school. */
export const awaitingDisposalTables = storedProjection({
  definition: assetDisposalsAwaitingBureau,
  documents: {
    table: 'asset_disposal_requests',
    keyColumn: 'asset_id',
    versionColumn: 'last_version',
    columns: { school_id: 'text', price_fen: 'bigint', needs_bureau: 'boolean', awaiting_bureau: 'boolean' },
    toRow: (a: AwaitingDisposalFacts) => ({ school_id: a.schoolId, price_fen: a.priceFen, needs_bureau: a.needsBureau, awaiting_bureau: a.awaitingBureau }),
    fromRow: (r): AwaitingDisposalFacts => ({
      assetId: String(r['asset_id']),
      schoolId: String(r['school_id']),
      priceFen: Number(r['price_fen']),
      needsBureau: Boolean(r['needs_bureau']),
      awaitingBureau: Boolean(r['awaiting_bureau']),
    }),
    touchedAt: 'updated_at',
  },
  groups: {
    table: 'asset_disposals_awaiting',
    keyColumn: 'school_id',
    columns: { awaiting: 'awaiting', awaitingOriginalValueFen: 'awaiting_original_value_fen' },
    touchedAt: 'updated_at',
  },
});
