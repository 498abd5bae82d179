/**
 * Bureau figures of the asset ledger (校产台账), pure projections of facilities' asset events, kept live
 * by the bureau and replayed by the audit with these same definitions.
 *
 * asset-values: per school, category and depreciation cohort (first charged month and life), the count,
 * Σ original value and Σ monthly charge of the assets in the ledger (disposed ones leave). Straight-line
 * depreciation charges floor(price / N) a month and the rest in the last month, so a cohort's net value at
 * any day follows exactly from these two sums (`assetValuesAt`): the figure's as-of is a parameter of the
 * answer, and equal sums mean equal net values on every day.
 *
 * asset-disposals-awaiting-bureau: per school, the disposals approved by the school head that await the
 * bureau, with their original value.
 */
import { ASSET_STREAM_TYPE } from '@houqin/contracts';
import { defineProjection, Group, ProjectedEvent, ProjectionGapError } from '@houqin/projections';
import { cohortValueOn, depreciationCohortOf } from '@houqin/rules';

export interface AssetValueFacts {
  assetId: string;
  schoolId: string;
  category: string;
  priceFen: number;
  firstMonth: string;
  lifeMonths: number;
  monthlyFen: number;
  inLedger: boolean;
}

export const ASSET_VALUE_FIELDS = ['assets', 'originalValueFen', 'monthlyChargeFen'] as const;
export type AssetValueField = (typeof ASSET_VALUE_FIELDS)[number];

/** `<schoolId>|<category>|<firstMonth>|<lifeMonths>` (school ids have no `|`). */
export const assetValueGroupKey = (f: Pick<AssetValueFacts, 'schoolId' | 'category' | 'firstMonth' | 'lifeMonths'>) => `${f.schoolId}|${f.category}|${f.firstMonth}|${f.lifeMonths}`;
export function parseAssetValueGroupKey(key: string) {
  const [schoolId, category, firstMonth, lifeMonths] = key.split('|');
  return { schoolId, category, firstMonth, lifeMonths: Number(lifeMonths) };
}

const registered = (event: ProjectedEvent, id: string) => {
  if (event.type !== 'AssetRegistered') throw new ProjectionGapError(event, id, 1, 'AssetRegistered');
  return event.payload;
};

function evolveValue(asset: AssetValueFacts | null, event: ProjectedEvent): AssetValueFacts {
  const id = String(event.payload['assetId']);
  if (!asset) {
    const p = registered(event, id);
    const priceFen = Number(p['priceFen']);
    const cohort = depreciationCohortOf({ priceFen, purchaseDate: String(p['purchaseDate']), usefulLifeYears: (p['usefulLifeYears'] as number | undefined) ?? null });
    return { assetId: id, schoolId: event.schoolId, category: String(p['category']), priceFen, ...cohort, inLedger: true };
  }
  return event.type === 'AssetDisposed' ? { ...asset, inLedger: false } : asset;
}

export const assetValues = defineProjection<AssetValueFacts, AssetValueField>({
  name: 'asset-values',
  version: 1,
  streamType: ASSET_STREAM_TYPE,
  streamKey: (event) => String(event.payload['assetId']),
  evolve: evolveValue,
  rollup: {
    fields: ASSET_VALUE_FIELDS,
    groupBy: assetValueGroupKey,
    contribution: (a) => (a.inLedger ? { assets: 1, originalValueFen: a.priceFen, monthlyChargeFen: a.monthlyFen } : { assets: 0, originalValueFen: 0, monthlyChargeFen: 0 }),
  },
});

/** One school's category at a day: count, original value, net book value (exact fen). */
export interface AssetValueRow {
  schoolId: string;
  category: string;
  assets: number;
  originalValueFen: number;
  netValueFen: number;
}

/** The cohorts folded to school × category at the end of a Beijing day. */
export function assetValuesAt(groups: Group<AssetValueField>[], asOf: string): AssetValueRow[] {
  const rows = new Map<string, AssetValueRow>();
  for (const { key, sums } of groups) {
    if (sums.assets === 0) continue;
    const { schoolId, category, firstMonth, lifeMonths } = parseAssetValueGroupKey(key);
    const net = cohortValueOn({ firstMonth, lifeMonths, monthlyFen: sums.monthlyChargeFen, priceFen: sums.originalValueFen }, asOf).netBookValueFen;
    const k = `${schoolId}|${category}`;
    const row = rows.get(k) ?? { schoolId, category, assets: 0, originalValueFen: 0, netValueFen: 0 };
    row.assets += sums.assets;
    row.originalValueFen += sums.originalValueFen;
    row.netValueFen += net;
    rows.set(k, row);
  }
  return [...rows.values()].sort((a, b) => a.schoolId.localeCompare(b.schoolId) || a.category.localeCompare(b.category));
}

/** The district's count and original value (the net value needs a day: see assetValuesAt). */
export function assetValueTotals(groups: Group<AssetValueField>[]) {
  const schools = new Set(groups.filter((g) => g.sums.assets > 0).map((g) => parseAssetValueGroupKey(g.key).schoolId));
  return {
    schools: schools.size,
    assets: groups.reduce((t, g) => t + g.sums.assets, 0),
    originalValueFen: groups.reduce((t, g) => t + g.sums.originalValueFen, 0),
  };
}

export interface AwaitingDisposalFacts {
  assetId: string;
  schoolId: string;
  /** The original value the request was judged on. */
  priceFen: number;
  /** A pending request that needs the bureau (judged when requested). */
  needsBureau: boolean;
  /** The school head approved it; the bureau has not decided. */
  awaitingBureau: boolean;
}

export const AWAITING_DISPOSAL_FIELDS = ['awaiting', 'awaitingOriginalValueFen'] as const;
export type AwaitingDisposalField = (typeof AWAITING_DISPOSAL_FIELDS)[number];

function evolveAwaiting(asset: AwaitingDisposalFacts | null, event: ProjectedEvent): AwaitingDisposalFacts {
  const id = String(event.payload['assetId']);
  const p = event.payload;
  if (!asset) return { assetId: id, schoolId: event.schoolId, priceFen: Number(registered(event, id)['priceFen']), needsBureau: false, awaitingBureau: false };
  switch (event.type) {
    case 'AssetDisposalRequested':
      return { ...asset, priceFen: Number(p['originalValueFen']), needsBureau: Boolean(p['bureauApprovalRequired']), awaitingBureau: false };
    case 'AssetDisposalApprovedBySchool':
      return { ...asset, awaitingBureau: asset.needsBureau };
    case 'AssetDisposalApprovedByBureau':
    case 'AssetDisposalRejected':
    case 'AssetDisposed':
      return { ...asset, needsBureau: false, awaitingBureau: false };
    default:
      return asset;
  }
}

export const assetDisposalsAwaitingBureau = defineProjection<AwaitingDisposalFacts, AwaitingDisposalField>({
  name: 'asset-disposals-awaiting-bureau',
  version: 1,
  streamType: ASSET_STREAM_TYPE,
  streamKey: (event) => String(event.payload['assetId']),
  evolve: evolveAwaiting,
  rollup: {
    fields: AWAITING_DISPOSAL_FIELDS,
    groupBy: (a) => a.schoolId,
    contribution: (a) => (a.awaitingBureau ? { awaiting: 1, awaitingOriginalValueFen: a.priceFen } : { awaiting: 0, awaitingOriginalValueFen: 0 }),
  },
});
