/**
 * The bureau's repair costs and repeat failures (维修费用与返修率): per school, asset category and asset, the
 * reports, the repeats among them (a report on an asset within the repeat-failure window of its last completed
 * repair, judged by facilities when reported), and the latest cost sheet of each order (parts, labour, total, in
 * whole fen). A pure projection of facilities' work-order events: the bureau keeps it live, the audit replays it.
 * One group per `<schoolId>|<assetCategory>|<assetId>` (category 'unlinked' when the report did not carry one,
 * asset 'unlinked' without an asset), so per school, per category and per asset are sums of groups.
 */
import { WORK_ORDER_STREAM_TYPE } from '@houqin/contracts';
import { defineProjection, Group, ProjectedEvent, ProjectionGapError, zeroSums } from '@houqin/projections';

export const UNLINKED = 'unlinked';

export interface RepairCostFacts {
  workOrderId: string;
  schoolId: string;
  assetId: string;
  assetCategory: string;
  repeat: boolean;
  costed: boolean;
  partsFen: number;
  labourFen: number;
  costFen: number;
}

export const REPAIR_COST_FIELDS = ['reports', 'repeats', 'costedOrders', 'partsFen', 'labourFen', 'costFen'] as const;
export type RepairCostField = (typeof REPAIR_COST_FIELDS)[number];

/** A group's key (school ids are identity's codes, categories and asset ids have no `|`). */
export const repairCostGroupKey = (f: Pick<RepairCostFacts, 'schoolId' | 'assetCategory' | 'assetId'>) => `${f.schoolId}|${f.assetCategory}|${f.assetId}`;
export function parseRepairCostGroupKey(key: string): { schoolId: string; assetCategory: string; assetId: string } {
  const [schoolId, assetCategory, assetId] = key.split('|');
  return { schoolId, assetCategory, assetId };
}

function evolve(order: RepairCostFacts | null, event: ProjectedEvent): RepairCostFacts {
  const p = event.payload;
  if (!order) {
    if (event.type !== 'WorkOrderReported') throw new ProjectionGapError(event, String(p['workOrderId']), 1, 'WorkOrderReported');
    return {
      workOrderId: String(p['workOrderId']),
      schoolId: event.schoolId,
      assetId: typeof p['assetId'] === 'string' ? p['assetId'] : UNLINKED,
      assetCategory: typeof p['assetCategory'] === 'string' ? p['assetCategory'] : UNLINKED,
      repeat: p['repeat'] !== undefined,
      costed: false,
      partsFen: 0,
      labourFen: 0,
      costFen: 0,
    };
  }
  if (event.type !== 'WorkOrderCostsRecorded') return order;
  // Each sheet replaces the previous one: the rollup subtracts the old document's contribution.
  return { ...order, costed: true, partsFen: Number(p['partsFen']), labourFen: Number(p['labourFen']), costFen: Number(p['totalFen']) };
}

const contribution = (o: RepairCostFacts): Record<RepairCostField, number> => ({
  reports: 1,
  repeats: o.repeat ? 1 : 0,
  costedOrders: o.costed ? 1 : 0,
  partsFen: o.partsFen,
  labourFen: o.labourFen,
  costFen: o.costFen,
});

export const repairCosts = defineProjection<RepairCostFacts, RepairCostField>({
  name: 'repair-costs',
  version: 1,
  streamType: WORK_ORDER_STREAM_TYPE,
  streamKey: (event) => String(event.payload['workOrderId']),
  evolve,
  rollup: { fields: REPAIR_COST_FIELDS, groupBy: repairCostGroupKey, contribution },
});

type Sums = Record<RepairCostField, number>;
/** Repeats of reports, 4 decimals; null without reports. */
export const repeatRate = (s: Pick<Sums, 'reports' | 'repeats'>): number | null => (s.reports === 0 ? null : Math.round((s.repeats / s.reports) * 10_000) / 10_000);

function sumBy(groups: Group<RepairCostField>[], part: (key: ReturnType<typeof parseRepairCostGroupKey>) => string): Map<string, Sums> {
  const out = new Map<string, Sums>();
  for (const g of groups) {
    const key = part(parseRepairCostGroupKey(g.key));
    const sums = out.get(key) ?? zeroSums(REPAIR_COST_FIELDS);
    for (const f of REPAIR_COST_FIELDS) sums[f] += g.sums[f];
    out.set(key, sums);
  }
  return out;
}

/** The answer's shape: the district, then per school (with its repeat rate), per asset category and per asset. */
export function repairCostTotals(groups: Group<RepairCostField>[]) {
  const rows = <K extends string>(name: K, sums: Map<string, Sums>) =>
    [...sums].sort(([a], [b]) => a.localeCompare(b)).map(([key, s]) => ({ [name]: key, ...s, repeatRate: repeatRate(s) }) as { [P in K]: string } & Sums & { repeatRate: number | null });
  const district = sumBy(groups, () => 'district').get('district') ?? zeroSums(REPAIR_COST_FIELDS);
  return {
    ...district,
    repeatRate: repeatRate(district),
    bySchool: rows('schoolId', sumBy(groups, (k) => k.schoolId)),
    byAssetCategory: rows('assetCategory', sumBy(groups, (k) => k.assetCategory)),
    byAsset: rows('assetId', sumBy(groups, (k) => k.assetId)).filter((r) => r.assetId !== UNLINKED),
  };
}
