import { MemoryProjection, ProjectedEvent, rollupDelta } from '@houqin/projections';
import { netBookValueOn } from '@houqin/rules';
import { assetDisposalsAwaitingBureau, assetValues, assetValuesAt, assetValueTotals } from './asset-figures';
import { figureNamed } from './figures';

function assetEvents(schoolId: string, assetId: string, registration: { category: string; priceFen: number; purchaseDate: string; usefulLifeYears?: number }) {
  let v = 0;
  const event = (type: string, payload: Record<string, unknown> = {}): ProjectedEvent => ({ type, streamType: 'Asset', streamVersion: ++v, schoolId, payload: { assetId, schoolId, ...payload } });
  return {
    registration,
    registered: () => event('AssetRegistered', { name: 'x', fundingSource: 'fiscal', location: { building: 'A' }, registeredBy: 'u', registeredAt: '2026-11-24T00:00:00Z', ...registration }),
    moved: () => event('AssetMoved', { location: { building: 'B' }, movedBy: 'u', movedAt: '2026-11-24T00:00:00Z' }),
    requested: (bureauApprovalRequired: boolean) => event('AssetDisposalRequested', { originalValueFen: registration.priceFen, bureauApprovalRequired }),
    schoolApproved: () => event('AssetDisposalApprovedBySchool'),
    bureauApproved: () => event('AssetDisposalApprovedByBureau'),
    rejected: () => event('AssetDisposalRejected', { level: 'bureau' }),
    disposed: () => event('AssetDisposed', { residualValueFen: 0, disposedOn: '2026-11-24' }),
  };
}

describe('asset values figure', () => {
  const pcs = [600_000, 450_001, 599_999].map((priceFen, i) => assetEvents('S001', `pc-${i}`, { category: '2010104', priceFen, purchaseDate: '2024-01-15', usefulLifeYears: 6 }));
  const desk = assetEvents('S001', 'desk', { category: '6010000', priceFen: 120_000, purchaseDate: '2025-09-03', usefulLifeYears: 15 });
  const books = assetEvents('S002', 'books', { category: '5000000', priceFen: 9_000_000, purchaseDate: '2019-09-01' });
  const scrapped = assetEvents('S001', 'old-pc', { category: '2010104', priceFen: 400_000, purchaseDate: '2015-03-01', usefulLifeYears: 6 });
  const events = [...pcs.map((a) => a.registered()), desk.registered(), desk.moved(), books.registered(), scrapped.registered(), scrapped.requested(false), scrapped.schoolApproved(), scrapped.disposed()];

  it('counts the ledger per school and category, and its net value at any day equals the sum of each asset’s', () => {
    const fold = new MemoryProjection(assetValues);
    for (const e of events) fold.apply(e);
    for (const day of ['2024-02-29', '2026-11-24', '2030-01-31', '2045-12-31']) {
      const each = (assets: typeof pcs) => assets.reduce((t, a) => t + netBookValueOn(a.registration, day), 0);
      expect(assetValuesAt(fold.groupSums(), day)).toEqual([
        { schoolId: 'S001', category: '2010104', assets: 3, originalValueFen: 1_650_000, netValueFen: each(pcs) },
        { schoolId: 'S001', category: '6010000', assets: 1, originalValueFen: 120_000, netValueFen: each([desk]) },
        { schoolId: 'S002', category: '5000000', assets: 1, originalValueFen: 9_000_000, netValueFen: 9_000_000 },
      ]);
    }
    expect(assetValueTotals(fold.groupSums())).toEqual({ schools: 2, assets: 5, originalValueFen: 10_770_000 });
    // The stored runner's deltas (rollupDelta) move the same sums: a disposal leaves its cohort.
    const doc = fold.document('old-pc')!.doc;
    expect(rollupDelta(assetValues.rollup!, { ...doc, inLedger: true }, doc)).toEqual(new Map([['S001|2010104|2015-04|72', { assets: -1, originalValueFen: -400_000, monthlyChargeFen: -5_555 }]]));
  });

  it('counts per school the disposals awaiting the bureau, until it decides', () => {
    const costly = assetEvents('S003', 'bus', { category: '2030000', priceFen: 48_000_000, purchaseDate: '2016-08-01', usefulLifeYears: 8 });
    const other = assetEvents('S003', 'board', { category: '2020000', priceFen: 12_000_000, purchaseDate: '2020-08-01', usefulLifeYears: 6 });
    const fold = new MemoryProjection(assetDisposalsAwaitingBureau);
    for (const e of [costly.registered(), costly.requested(true), other.registered(), other.requested(true)]) fold.apply(e);
    expect(fold.groupSums()).toEqual([{ key: 'S003', sums: { awaiting: 0, awaitingOriginalValueFen: 0 } }]);
    for (const e of [costly.schoolApproved(), other.schoolApproved()]) fold.apply(e);
    expect(fold.groupSums()).toEqual([{ key: 'S003', sums: { awaiting: 2, awaitingOriginalValueFen: 60_000_000 } }]);
    fold.apply(costly.bureauApproved());
    fold.apply(other.rejected());
    expect(fold.groupSums()).toEqual([{ key: 'S003', sums: { awaiting: 0, awaitingOriginalValueFen: 0 } }]);
  });

  it('are registered for the bureau and the audit', () => {
    expect(figureNamed('asset-values')?.projection).toBe(assetValues);
    expect(figureNamed('asset-disposals-awaiting-bureau')?.projection).toBe(assetDisposalsAwaitingBureau);
  });
});
