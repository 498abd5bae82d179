import { MemoryProjection, ProjectedEvent, ProjectionGapError } from '@houqin/projections';
import { figureNamed } from './figures';
import { repairCosts, repairCostTotals } from './repair-cost-figures';

const asset = '3b4f0c1e-8f7a-4c55-9d0e-2f1a6b7c8d9e';
const ev = (type: string, streamVersion: number, payload: Record<string, unknown> = {}, id = 'wo-1', schoolId = 'S001'): ProjectedEvent => ({
  type,
  streamType: 'WorkOrder',
  streamVersion,
  schoolId,
  payload: { workOrderId: id, schoolId, ...payload },
});
const reported = (id: string, extra: Record<string, unknown> = {}, schoolId = 'S001') => ev('WorkOrderReported', 1, { reportedAt: '2026-11-24T08:00:00Z', ...extra }, id, schoolId);
const costs = (id: string, v: number, partsFen: number, labourFen: number, schoolId = 'S001') =>
  ev('WorkOrderCostsRecorded', v, { partsFen, labourFen, totalFen: partsFen + labourFen }, id, schoolId);
const repeat = { previousWorkOrderId: 'wo-1', previousCompletedAt: '2026-11-20T08:00:00Z', rule: { ruleId: 'facilities.repair.repeatFailureWindowDays', version: 'v1' } };

describe('repair costs and repeat failures', () => {
  it('sums the latest cost sheet of each order per school, asset category and asset; counts repeats of reports', () => {
    const p = new MemoryProjection(repairCosts);
    p.apply(reported('wo-1', { assetId: asset, assetCategory: 'lighting' }));
    p.apply(costs('wo-1', 2, 3700, 5000));
    p.apply(costs('wo-1', 3, 3700, 6000)); // a corrected sheet replaces the first
    p.apply(reported('wo-2', { assetId: asset, assetCategory: 'lighting', repeat }));
    p.apply(reported('wo-3'));
    p.apply(costs('wo-3', 2, 0, 2000));
    p.apply(reported('wo-4', {}, 'S002'));
    const totals = repairCostTotals(p.groupSums());
    expect(totals).toMatchObject({ reports: 4, repeats: 1, repeatRate: 0.25, costedOrders: 2, partsFen: 3700, labourFen: 8000, costFen: 11700 });
    expect(totals.bySchool).toEqual([
      { schoolId: 'S001', reports: 3, repeats: 1, costedOrders: 2, partsFen: 3700, labourFen: 8000, costFen: 11700, repeatRate: 0.3333 },
      { schoolId: 'S002', reports: 1, repeats: 0, costedOrders: 0, partsFen: 0, labourFen: 0, costFen: 0, repeatRate: 0 },
    ]);
    expect(totals.byAssetCategory.map((r) => [r.assetCategory, r.costFen])).toEqual([
      ['lighting', 9700],
      ['unlinked', 2000],
    ]);
    expect(totals.byAsset).toEqual([expect.objectContaining({ assetId: asset, reports: 2, repeats: 1, costFen: 9700 })]);
  });

  it('is registered for the audit, and refuses a history without its report', () => {
    expect(figureNamed('repair-costs')?.projection).toBe(repairCosts);
    expect(() => new MemoryProjection(repairCosts).apply(costs('wo-9', 2, 1, 1))).toThrow(ProjectionGapError);
  });
});
