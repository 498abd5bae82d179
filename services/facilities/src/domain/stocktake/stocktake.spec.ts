import { StocktakeEvent, StocktakeExpectedAsset } from '@houqin/contracts';
import { CommandMetadata } from '@houqin/event-sourcing';
import { given } from '@houqin/testing';
import { StocktakeCommand, stocktakeDecider } from './index';

const ids = { stocktakeId: 'st-1', schoolId: 'S001' };
const by = (time: string, actorId = 'admin.wang'): { metadata: CommandMetadata } => {
  const at = `2026-11-24T${time}:00.000Z`;
  return { metadata: { actorId, actorRole: 'school-admin', now: at, occurredAt: at } };
};
const room302 = { building: '教学楼', floor: '3F', room: '302' };
const asset = (assetId: string, name: string, ledgerStatus = 'in-use'): StocktakeExpectedAsset => ({ assetId, name, category: '2020000', location: room302, ledgerStatus });
const projector = asset('a-1', '投影仪');
const desk = asset('a-2', '讲台');
const speaker = asset('a-3', '音箱', 'missing');

const opened: StocktakeEvent = { type: 'StocktakeOpened', data: { ...ids, title: '302 教室盘点', location: { building: '教学楼', floor: '3F' }, expected: [projector, desk, speaker], openedBy: 'admin.wang', openedAt: '2026-11-24T08:00:00.000Z' } };
const marked = (assetId: string, finding: 'found' | 'missing' | 'damaged', note?: string): StocktakeEvent => ({
  type: 'StocktakeItemMarked',
  data: { ...ids, assetId, finding, ...(note ? { note } : {}), markedBy: 'teacher.li', markedAt: '2026-11-24T09:00:00.000Z' },
});
const mark = (assetId: string, finding: 'found' | 'missing' | 'damaged', note?: string): StocktakeCommand => ({ type: 'MarkStocktakeItem', data: { assetId, finding, ...(note ? { note } : {}) }, ...by('09:00', 'teacher.li') });
const laptop: StocktakeEvent = {
  type: 'StocktakeUnlistedFound',
  data: { ...ids, entryId: 'e-1', assetId: 'a-9', name: '笔记本电脑', ledgerLocation: { building: '行政楼' }, ledgerStatus: 'in-use', foundLocation: room302, foundBy: 'teacher.li', foundAt: '2026-11-24T09:30:00.000Z' },
};
const chair: StocktakeEvent = { type: 'StocktakeUnlistedFound', data: { ...ids, entryId: 'e-2', name: '折叠椅 ×4', foundLocation: { building: '教学楼', floor: '3F' }, note: '未贴标签', foundBy: 'teacher.li', foundAt: '2026-11-24T09:30:00.000Z' } };
const close = (unmarkedAsMissing = false): StocktakeCommand => ({ type: 'CloseStocktake', data: { unmarkedAsMissing }, ...by('10:00') });

describe('stocktake 盘点', () => {
  it('opens for a place with the assets the ledger expects there, and refuses one kept elsewhere', () => {
    const { type: _t, data } = opened as Extract<StocktakeEvent, { type: 'StocktakeOpened' }>;
    const { openedBy: _b, openedAt: _a, ...command } = data;
    given(stocktakeDecider, []).when({ type: 'OpenStocktake', data: command, ...by('08:00') }).then([opened]);
    given(stocktakeDecider, [])
      .when({ type: 'OpenStocktake', data: { ...command, expected: [asset('a-5', '空调'), { ...asset('a-6', '冰箱'), location: { building: '食堂' } }] }, ...by('08:00') })
      .thenThrows('stocktake-expected-elsewhere');
  });

  it('marks listed assets; an unlisted one is refused (add it as found instead); damage needs a note', () => {
    given(stocktakeDecider, [opened]).when(mark('a-1', 'found')).then([marked('a-1', 'found')]);
    given(stocktakeDecider, [opened, marked('a-1', 'found')]).when(mark('a-1', 'found')).then([]);
    given(stocktakeDecider, [opened]).when(mark('a-9', 'found')).thenThrows('stocktake-asset-not-listed');
    given(stocktakeDecider, [opened]).when(mark('a-2', 'damaged')).thenThrows('stocktake-damage-needs-note');
    given(stocktakeDecider, [opened]).when({ type: 'RecordUnlistedFound', data: { entryId: 'e-3', assetId: 'a-1', name: '投影仪', foundLocation: room302 }, ...by('09:00') }).thenThrows('stocktake-asset-listed');
    given(stocktakeDecider, [opened]).when({ type: 'RecordUnlistedFound', data: { entryId: 'e-4', name: '冰箱', foundLocation: { building: '食堂' } }, ...by('09:00') }).thenThrows('stocktake-found-elsewhere');
  });

  it('refuses to close while listed assets are unmarked, unless they are counted missing', () => {
    given(stocktakeDecider, [opened, marked('a-1', 'found')]).when(close()).thenThrows('stocktake-unmarked-items');
    const closed = given(stocktakeDecider, [opened, marked('a-1', 'found')]).when(close(true)).events!;
    expect(closed[0].data).toMatchObject({ summary: { expected: 3, found: 1, missing: 2, unmarkedCountedMissing: 2 } });
  });

  it('turns the differences into the closing event: missing, damaged, found again, found elsewhere, not in the ledger', () => {
    given(stocktakeDecider, [opened, marked('a-1', 'damaged', '灯泡烧坏'), marked('a-2', 'missing'), marked('a-3', 'found'), laptop, chair])
      .when(close())
      .then([
        {
          type: 'StocktakeClosed',
          data: {
            ...ids,
            summary: { expected: 3, found: 1, missing: 1, damaged: 1, unmarkedCountedMissing: 0, foundElsewhere: 1, notInLedger: 1 },
            differences: [
              { kind: 'damaged', assetId: 'a-1', name: '投影仪', note: '灯泡烧坏' },
              { kind: 'missing', assetId: 'a-2', name: '讲台' },
              { kind: 'found-again', assetId: 'a-3', name: '音箱' },
              { kind: 'found-elsewhere', assetId: 'a-9', entryId: 'e-1', name: '笔记本电脑' },
              { kind: 'not-in-ledger', entryId: 'e-2', name: '折叠椅 ×4', note: '未贴标签' },
            ],
            closedBy: 'admin.wang',
            closedAt: '2026-11-24T10:00:00.000Z',
          },
        },
      ]);
  });

  it('a closed stocktake changes no more; closing again decides nothing', () => {
    const history = [opened, marked('a-1', 'found'), marked('a-2', 'found'), marked('a-3', 'found')];
    const closed = given(stocktakeDecider, history).when(close()).events!;
    given(stocktakeDecider, [...history, ...closed]).when(close()).then([]);
    given(stocktakeDecider, [...history, ...closed]).when(mark('a-1', 'missing')).thenThrows('stocktake-closed', 'conflict');
  });
});
