import { MemoryProjection, ProjectedEvent } from '@houqin/projections';
import { dormitoryCheckFailures } from './dormitory-check-failures.projection';
import { stocktakeDifferences } from './stocktake-differences.projection';

const event = (streamType: string, streamVersion: number, type: string, payload: Record<string, unknown>): ProjectedEvent => ({
  type,
  streamType,
  streamVersion,
  schoolId: 'S001',
  payload: { schoolId: 'S001', ...payload },
});
const at = '2026-11-24T08:00:00.000Z';

describe('dormitory-check-failures projection (the process manager’s input)', () => {
  const building = (v: number, type: string, payload: Record<string, unknown>) => event('DormitoryBuilding', v, type, { buildingId: 'b1', ...payload });
  const result = (item: string, passed: boolean) => ({ item, passed, ...(passed ? {} : { note: `${item} 坏了` }) });

  it('counts the failed items needing a repair (hygiene is the cleaners’) and keeps what their work orders need', () => {
    const failures = new MemoryProjection(dormitoryCheckFailures);
    failures.apply(building(1, 'DormitoryBuildingRegistered', { name: '1号楼', gender: 'female', registeredBy: 'a', registeredAt: at }));
    failures.apply(building(2, 'DormitoryRoomAdded', { roomNumber: '101', floor: 1, capacity: 4, addedBy: 'a', addedAt: at }));
    const results = [result('lights', false), result('doors-locks', true), result('windows', false), result('beds', true), result('fire-safety', true), result('hygiene', false)];
    failures.apply(building(3, 'DormitoryRoomChecked', { checkId: 'c1', roomNumber: '101', results, failedItems: 3, checkedBy: 'u1', checkedAt: at }));
    failures.apply(building(4, 'DormitoryRoomChecked', { checkId: 'c2', roomNumber: '101', results: results.map((r) => ({ ...r, passed: true })), failedItems: 0, checkedBy: 'u1', checkedAt: at }));
    const { doc, version } = failures.document('b1')!;
    expect(version).toBe(4);
    expect(doc).toMatchObject({ name: '1号楼', repairs: 2, checks: [{ checkId: 'c1', checkedBy: 'u1', failed: [{ item: 'lights' }, { item: 'windows' }] }] });
  });

  it('refuses a check before its building (a gap), rather than a row without the name its work orders need', () => {
    const failures = new MemoryProjection(dormitoryCheckFailures);
    expect(() => failures.apply(building(1, 'DormitoryRoomChecked', { checkId: 'c1', roomNumber: '101', results: [], failedItems: 0, checkedBy: 'u1', checkedAt: at }))).toThrow();
  });
});

describe('stocktake-differences projection (the process manager’s input)', () => {
  const stocktake = (v: number, type: string, payload: Record<string, unknown>) => event('Stocktake', v, type, { stocktakeId: 's1', ...payload });
  const place = { building: '实验楼', room: '101' };

  it('owes nothing until the close, then one fact per ledger asset and kind (not the things outside the ledger)', () => {
    const differences = new MemoryProjection(stocktakeDifferences);
    differences.apply(stocktake(1, 'StocktakeOpened', { location: place }));
    differences.apply(stocktake(2, 'StocktakeItemMarked', { assetId: 'a1', finding: 'missing' }));
    differences.apply(stocktake(3, 'StocktakeUnlistedFound', { entryId: 'e1', name: '笔记本', assetId: 'a2', foundLocation: { building: '实验楼', room: '102' } }));
    expect(differences.document('s1')!.doc!.differences).toEqual([]);
    const listed = [
      { kind: 'missing', assetId: 'a1', name: '显微镜' },
      { kind: 'found-elsewhere', assetId: 'a2', entryId: 'e1', name: '笔记本' },
      { kind: 'found-elsewhere', assetId: 'a2', entryId: 'e1', name: '笔记本' },
      { kind: 'not-in-ledger', entryId: 'e2', name: '折叠椅' },
    ];
    differences.apply(stocktake(4, 'StocktakeClosed', { differences: listed, closedBy: 'admin', closedAt: at }));
    const { doc } = differences.document('s1')!;
    expect(doc).toMatchObject({ closedBy: 'admin', foundAt: { e1: { building: '实验楼', room: '102' } } });
    expect(doc!.differences.map((d) => `${d.kind}:${d.assetId}`)).toEqual(['missing:a1', 'found-elsewhere:a2']);
  });
});
