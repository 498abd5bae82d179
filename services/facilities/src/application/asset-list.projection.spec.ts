import { MemoryProjection, ProjectedEvent } from '@houqin/projections';
import { assetList, assetListDefinition } from './asset-list.projection';

const ids = { assetId: 'as-1', schoolId: 'S001' };
let version = 0;
const event = (type: string, payload: Record<string, unknown>): ProjectedEvent => ({ type, streamType: 'Asset', streamVersion: ++version, schoolId: 'S001', payload: { ...ids, ...payload } });
const at = '2026-11-24T01:00:00.000Z';

describe('asset list read model', () => {
  it('folds an asset with the domain and maps the ledger columns', () => {
    const fold = new MemoryProjection(assetListDefinition);
    for (const e of [
      event('AssetRegistered', { category: '2010104', name: '学生用台式计算机', model: 'M730', serialNumber: 'PC-0001', purchaseDate: '2024-01-15', priceFen: 600_000, fundingSource: 'fiscal', location: { building: '实验楼', room: '302' }, usefulLifeYears: 6, registeredBy: 'u', registeredAt: at }),
      event('AssetLent', { borrower: '李老师', dueBackOn: '2026-12-01', lentBy: 'u', lentAt: at }),
      event('AssetReturned', { returnedBy: 'u', returnedAt: at }),
      event('AssetDisposalRequested', { method: 'scrapped', reason: '坏了', originalValueFen: 600_000, netBookValueFen: 0, bureauApprovalRequired: false, thresholdFen: 5_000_000, thresholdRule: { ruleId: 'r', version: 'v1' }, requestedBy: 'h', requestedAt: at }),
    ])
      fold.apply(e);
    const doc = fold.document('as-1')!.doc!;
    expect(doc).toMatchObject({ status: 'in-use', disposal: { stage: 'requested' } });
    expect(assetList.documents.toRow(doc)).toMatchObject({
      school_id: 'S001',
      category: '2010104',
      building: '实验楼',
      status: 'disposal-requested',
      disposal_stage: 'requested',
      price_fen: 600_000,
      purchase_date: '2024-01-15',
      search_text: '学生用台式计算机\nm730\npc-0001',
    });
  });
});
