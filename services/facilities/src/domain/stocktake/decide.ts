import { AssetLocation, STOCKTAKE_MAX_ITEMS, StocktakeDifference, StocktakeEvent, StocktakeExpectedAsset, StocktakeFinding, StocktakeSummary } from '@houqin/contracts';
import { Command, DomainError, unknownCommand } from '@houqin/event-sourcing';
import { OpenedStocktake as OpenState, StocktakeState } from './state';

export type OpenStocktake = Command<'OpenStocktake', { stocktakeId: string; schoolId: string; title: string; location: AssetLocation; expected: StocktakeExpectedAsset[] }>;
export type MarkStocktakeItem = Command<'MarkStocktakeItem', { assetId: string; finding: StocktakeFinding; note?: string }>;
/** The application looks the asset up (name, where the ledger has it) before it sends this. */
export type RecordUnlistedFound = Command<
  'RecordUnlistedFound',
  { entryId: string; assetId?: string; name: string; ledgerLocation?: AssetLocation; ledgerStatus?: string; foundLocation: AssetLocation; note?: string }
>;
/** unmarkedAsMissing: the closer counts every asset nobody marked as missing (otherwise they must be marked first). */
export type CloseStocktake = Command<'CloseStocktake', { unmarkedAsMissing: boolean }>;
export type StocktakeCommand = OpenStocktake | MarkStocktakeItem | RecordUnlistedFound | CloseStocktake;

export function decide(command: StocktakeCommand, state: StocktakeState): StocktakeEvent[] {
  if (command.type === 'OpenStocktake') return open(command, state);
  if (state.status === 'none') throw refuse('stocktake-not-found', 'Stocktake not found', '盘点单不存在', 'not-found');
  switch (command.type) {
    case 'CloseStocktake':
      return state.status === 'closed' ? [] : close(command, state);
    case 'MarkStocktakeItem':
      return mark(command, stillOpen(state));
    case 'RecordUnlistedFound':
      return addUnlisted(command, stillOpen(state));
    default:
      return unknownCommand(command);
  }
}

function open({ data, metadata }: OpenStocktake, state: StocktakeState): StocktakeEvent[] {
  if (state.status !== 'none') throw refuse('stocktake-exists', 'Stocktake already opened', '盘点单已存在', 'conflict');
  if (data.expected.length > STOCKTAKE_MAX_ITEMS) {
    throw refuse('stocktake-too-large', `At most ${STOCKTAKE_MAX_ITEMS} assets per stocktake: take a floor or a room at a time`, `每次盘点最多 ${STOCKTAKE_MAX_ITEMS} 项资产，请按楼层或房间分别盘点`);
  }
  const ids = new Set(data.expected.map((a) => a.assetId));
  if (ids.size !== data.expected.length) throw refuse('stocktake-asset-twice', 'An asset is listed twice', '同一资产被重复列入');
  const elsewhere = data.expected.find((a) => !within(data.location, a.location));
  if (elsewhere) throw refuse('stocktake-expected-elsewhere', `${elsewhere.name} is not kept at this place`, `${elsewhere.name} 不在本次盘点的地点`);
  return [{ type: 'StocktakeOpened', data: { ...data, openedBy: metadata.actorId, openedAt: metadata.occurredAt } }];
}

function mark({ data, metadata }: MarkStocktakeItem, state: OpenState): StocktakeEvent[] {
  if (!state.expected.some((a) => a.assetId === data.assetId)) {
    throw refuse('stocktake-asset-not-listed', 'This asset is not listed here: add it as found but not listed', '该资产不在本次盘点清单中，请作为盘盈登记');
  }
  if (data.finding === 'damaged' && !data.note) throw refuse('stocktake-damage-needs-note', 'Say what is damaged', '请说明损坏情况');
  const before = state.marks[data.assetId];
  if (before && before.finding === data.finding && before.note === data.note) return [];
  const { assetId, finding, note } = data;
  return [{ type: 'StocktakeItemMarked', data: { stocktakeId: state.stocktakeId, schoolId: state.schoolId, assetId, finding, ...(note ? { note } : {}), markedBy: metadata.actorId, markedAt: metadata.occurredAt } }];
}

function addUnlisted({ data, metadata }: RecordUnlistedFound, state: OpenState): StocktakeEvent[] {
  if (data.assetId !== undefined) {
    if (state.expected.some((a) => a.assetId === data.assetId)) throw refuse('stocktake-asset-listed', 'This asset is listed here: mark it instead', '该资产在盘点清单中，请直接标记');
    if (state.unlisted.some((u) => u.assetId === data.assetId)) return [];
  }
  if (!within(state.location, data.foundLocation)) throw refuse('stocktake-found-elsewhere', 'Record what is found at this stocktake\'s place only', '只能登记在本次盘点地点发现的物品');
  return [{ type: 'StocktakeUnlistedFound', data: { stocktakeId: state.stocktakeId, schoolId: state.schoolId, ...withoutUndefined(data), foundBy: metadata.actorId, foundAt: metadata.occurredAt } }];
}

/**
 * The differences, in the order the asset streams take them: an asset the ledger had as missing and found here
 * again comes back before it is reported damaged.
 */
function close({ data, metadata }: CloseStocktake, state: OpenState): StocktakeEvent[] {
  const unmarked = state.expected.filter((a) => !state.marks[a.assetId]);
  if (unmarked.length > 0 && !data.unmarkedAsMissing) {
    throw refuse('stocktake-unmarked-items', `${unmarked.length} listed assets are not marked yet`, `还有 ${unmarked.length} 项资产未盘点，请先标记，或确认按盘亏处理`);
  }
  const differences: StocktakeDifference[] = [];
  const summary: StocktakeSummary = { expected: state.expected.length, found: 0, missing: 0, damaged: 0, unmarkedCountedMissing: unmarked.length, foundElsewhere: 0, notInLedger: 0 };
  for (const asset of state.expected) {
    const finding = state.marks[asset.assetId]?.finding ?? 'missing';
    const named = { assetId: asset.assetId, name: asset.name };
    summary[finding] += 1;
    if (finding === 'missing') differences.push({ kind: 'missing', ...named });
    if (finding !== 'missing' && asset.ledgerStatus === 'missing') differences.push({ kind: 'found-again', ...named });
    if (finding === 'damaged') differences.push({ kind: 'damaged', ...named, note: state.marks[asset.assetId].note ?? '盘点发现损坏' });
  }
  for (const entry of state.unlisted) {
    const note = entry.note === undefined ? {} : { note: entry.note };
    if (entry.assetId) {
      summary.foundElsewhere += 1;
      differences.push({ kind: 'found-elsewhere', assetId: entry.assetId, entryId: entry.entryId, name: entry.name, ...note });
    } else {
      summary.notInLedger += 1;
      differences.push({ kind: 'not-in-ledger', entryId: entry.entryId, name: entry.name, ...note });
    }
  }
  return [{ type: 'StocktakeClosed', data: { stocktakeId: state.stocktakeId, schoolId: state.schoolId, summary, differences, closedBy: metadata.actorId, closedAt: metadata.occurredAt } }];
}

/** Whether an asset's place lies inside the stocktake's (the same building, and floor and room when the stocktake names them). */
export const within = (place: AssetLocation, asset: AssetLocation): boolean =>
  place.building === asset.building && (place.floor === undefined || place.floor === asset.floor) && (place.room === undefined || place.room === asset.room);

function stillOpen(state: Exclude<StocktakeState, { status: 'none' }>): OpenState {
  if (state.status === 'closed') throw refuse('stocktake-closed', 'This stocktake is closed', '盘点已结束，不能再修改', 'conflict');
  return state;
}

const withoutUndefined = <T extends object>(value: T): T => Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
const refuse = (code: string, message: string, messageZh: string, kind: DomainError['kind'] = 'invalid') => new DomainError(code, message, messageZh, kind);
