import { GreenAreaEvent, GreenAreaKind, GreenCareKind } from '@houqin/contracts';
import { Command, CommandMetadata, DomainError, unknownCommand } from '@houqin/event-sourcing';
import { beijingDateOf, houqinRules, lateness, LogbookLateEntry, MS_PER_DAY, parseInstant, RuleLookup, toInstant } from '@houqin/rules';
import { GreenArea, GreenAreaState } from './state';

export type GreenAreaRules = RuleLookup<{ 'facilities.logbook.lateEntry': LogbookLateEntry }>;

export type RegisterGreenArea = Command<'RegisterGreenArea', { greenAreaId: string; schoolId: string; name: string; location: string; areaM2: string; kind: GreenAreaKind }>;
export type ResizeGreenArea = Command<'ResizeGreenArea', { areaM2: string; reason: string }>;
export type RemoveGreenArea = Command<'RemoveGreenArea', { reason: string }>;
export type RecordTrees = Command<
  'RecordTrees',
  { treeId: string; species: string; speciesZh: string; count: number; location: string; plantedOn?: string; notable: boolean }
>;
export type ChangeTreeCount = Command<'ChangeTreeCount', { treeId: string; count: number; reason: string }>;
export type RecordCare = Command<
  'RecordCare',
  { careId: string; kind: GreenCareKind; treeId?: string; performedBy: string; note?: string; pesticide?: { name: string; safetyIntervalDays: number } }
>;
export type GreenAreaCommand = RegisterGreenArea | ResizeGreenArea | RemoveGreenArea | RecordTrees | ChangeTreeCount | RecordCare;

/** 绿化档案: a green area, its trees and its care, judged by a rule pack (the care's late entry). */
export function decideWith(rules: GreenAreaRules) {
  return function decide(command: GreenAreaCommand, state: GreenAreaState): GreenAreaEvent[] {
    if (command.type === 'RegisterGreenArea') return register(command, state);
    if (state.status === 'none') throw refuse('green-area-not-found', 'Green area not found', '绿地不存在', 'not-found');
    if (state.status === 'removed') throw refuse('green-area-removed', 'This green area was removed', '该绿地已撤销', 'conflict');
    switch (command.type) {
      case 'ResizeGreenArea':
        return resize(command, state);
      case 'RemoveGreenArea':
        return [{ type: 'GreenAreaRemoved', data: { ...ids(state), reason: command.data.reason, removedBy: command.metadata.actorId, removedAt: command.metadata.occurredAt } }];
      case 'RecordTrees':
        return recordTrees(command, state);
      case 'ChangeTreeCount':
        return changeCount(command, state);
      case 'RecordCare':
        return care(command, state, rules);
      default:
        return unknownCommand(command);
    }
  };
}

export const decide = decideWith(houqinRules);

function register({ data, metadata }: RegisterGreenArea, state: GreenAreaState): GreenAreaEvent[] {
  if (state.status !== 'none') throw refuse('green-area-exists', 'Green area already registered', '绿地已登记', 'conflict');
  assertPositive(data.areaM2);
  return [{ type: 'GreenAreaRegistered', data: { ...data, areaM2: canonicalM2(data.areaM2), registeredBy: metadata.actorId, registeredAt: metadata.occurredAt } }];
}

function resize({ data, metadata }: ResizeGreenArea, area: GreenArea): GreenAreaEvent[] {
  assertPositive(data.areaM2);
  const toM2 = canonicalM2(data.areaM2);
  if (toM2 === area.areaM2) return [];
  return [{ type: 'GreenAreaResized', data: { ...ids(area), fromM2: area.areaM2, toM2, reason: data.reason, resizedBy: metadata.actorId, resizedAt: metadata.occurredAt } }];
}

function recordTrees({ data, metadata }: RecordTrees, area: GreenArea): GreenAreaEvent[] {
  if (area.trees[data.treeId]) throw refuse('trees-exist', 'These trees are already recorded', '该树木已登记', 'conflict');
  if (data.plantedOn && data.plantedOn > beijingDateOf(parseInstant(metadata.occurredAt)!)) {
    throw refuse('planted-in-future', `Planting date ${data.plantedOn} is in the future`, `种植日期 ${data.plantedOn} 晚于今天`, 'invalid');
  }
  const { plantedOn, ...stand } = data;
  return [{ type: 'GreenTreesRecorded', data: { ...ids(area), ...stand, ...(plantedOn ? { plantedOn } : {}), recordedBy: metadata.actorId, recordedAt: metadata.occurredAt } }];
}

/**
 * A count change is an event with its reason. Fewer 古树名木 (notable trees, protected: felling or moving
 * one needs the authorities' approval) is recorded by a school admin only.
 */
function changeCount({ data, metadata }: ChangeTreeCount, area: GreenArea): GreenAreaEvent[] {
  const stand = area.trees[data.treeId];
  if (!stand) throw refuse('trees-not-found', 'No such trees in this green area', '该绿地没有这些树木', 'invalid');
  if (stand.count === data.count) return [];
  if (stand.notable && data.count < stand.count && metadata.actorRole !== 'school-admin') {
    throw refuse('notable-trees-need-admin', 'Only a school admin records fewer notable trees (古树名木)', '古树名木减少须由学校管理员登记', 'forbidden');
  }
  return [{ type: 'GreenTreeCountChanged', data: { ...ids(area), treeId: stand.treeId, from: stand.count, to: data.count, reason: data.reason, changedBy: metadata.actorId, changedAt: metadata.occurredAt } }];
}

/** Pest control names its pesticide and safety interval (安全间隔期): the area stays closed to students until it has passed. */
function care({ data, metadata }: RecordCare, area: GreenArea, rules: GreenAreaRules): GreenAreaEvent[] {
  if (data.treeId !== undefined && !area.trees[data.treeId]) throw refuse('trees-not-found', 'No such trees in this green area', '该绿地没有这些树木', 'invalid');
  if (data.kind === 'pest-control' && !data.pesticide) throw refuse('pesticide-required', 'Pest control names its pesticide and safety interval', '病虫害防治须填写农药名称和安全间隔期', 'invalid');
  if (data.kind !== 'pest-control' && data.pesticide) throw refuse('pesticide-only-for-pest-control', 'A pesticide belongs to pest control only', '只有病虫害防治填写农药', 'invalid');
  const { pesticide, note, treeId, ...fields } = data;
  const closedUntil = pesticide && toInstant(parseInstant(metadata.occurredAt)! + pesticide.safetyIntervalDays * MS_PER_DAY);
  return [
    {
      type: 'GreenCareRecorded',
      data: {
        ...ids(area),
        ...fields,
        ...(treeId === undefined ? {} : { treeId }),
        ...(note === undefined ? {} : { note }),
        ...(pesticide && closedUntil ? { pesticide: { ...pesticide, closedUntil } } : {}),
        recordedBy: metadata.actorId,
        caredAt: metadata.occurredAt,
        ...lateMark(metadata, rules),
      },
    },
  ];
}

function lateMark(metadata: CommandMetadata, rules: GreenAreaRules) {
  const allowance = rules.ruleAt('facilities.logbook.lateEntry', metadata.occurredAt).value.greeningCare;
  const { late, byMs } = lateness(metadata.occurredAt, metadata.now, allowance);
  return { late, lateByMs: byMs };
}

/** "1200.50" → "1200.5", "80.00" → "80": one spelling per amount, so equal areas compare equal. */
export const canonicalM2 = (m2: string): string => m2.replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '');

function assertPositive(m2: string): void {
  if (/^0(\.0+)?$/.test(m2)) throw refuse('area-not-positive', 'The area must be more than 0 m²', '面积须大于 0 平方米', 'invalid');
}

const ids = (area: GreenArea) => ({ greenAreaId: area.greenAreaId, schoolId: area.schoolId });
const refuse = (code: string, message: string, messageZh: string, kind: DomainError['kind']) => new DomainError(code, message, messageZh, kind);
