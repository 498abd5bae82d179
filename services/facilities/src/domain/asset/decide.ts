import { AssetCategoryCode, AssetDisposalMethod, AssetEvent, AssetFundingSource, AssetLocation } from '@houqin/contracts';
import { Command, CommandMetadata, DomainError, unknownCommand } from '@houqin/event-sourcing';
import { AssetDisposalBureauApproval, beijingDateOf, houqinRules, minimumUsefulLifeYears, netBookValueOn, parseInstant, RuleLookup } from '@houqin/rules';
import { LEDGER_STATUS_ZH } from './labels';
import { AssetState, ExistingAsset, HeldAsset, ledgerStatusOf } from './state';

/** The rules an asset is judged by (houqinRules in production; a derived pack in tests). */
export type AssetRules = RuleLookup<{ 'facilities.asset.disposalBureauApproval': AssetDisposalBureauApproval }>;

export type RegisterAsset = Command<
  'RegisterAsset',
  {
    assetId: string;
    schoolId: string;
    category: AssetCategoryCode;
    name: string;
    model?: string;
    serialNumber?: string;
    purchaseDate: string;
    priceFen: number;
    supplier?: string;
    fundingSource: AssetFundingSource;
    location: AssetLocation;
    custodian?: string;
    warrantyEndsOn?: string;
    /** Omitted: the category's minimum life (libs/rules ASSET_USEFUL_LIVES). */
    usefulLifeYears?: number;
    pendingAssetId?: string;
  }
>;
export type MoveAsset = Command<'MoveAsset', { location: AssetLocation; custodian?: string }>;
export type LendAsset = Command<'LendAsset', { borrower: string; dueBackOn: string }>;
export type ReturnAsset = Command<'ReturnAsset', { note?: string }>;
export type RecordAssetMaintenance = Command<'RecordAssetMaintenance', { what: string; costFen: number; performedBy: string; damageRepaired?: boolean }>;
/** Stocktake findings (盘点结果), sent by the stocktake's close. */
export type ReportAssetMissing = Command<'ReportAssetMissing', { stocktakeId: string }>;
export type ReportAssetDamaged = Command<'ReportAssetDamaged', { stocktakeId: string; note: string }>;
export type ReportAssetFound = Command<'ReportAssetFound', { stocktakeId: string; location?: AssetLocation }>;
export type RequestAssetDisposal = Command<'RequestAssetDisposal', { method: AssetDisposalMethod; reason: string }>;
export type ApproveAssetDisposalAsSchool = Command<'ApproveAssetDisposalAsSchool', { comment?: string }>;
export type ApproveAssetDisposalAsBureau = Command<'ApproveAssetDisposalAsBureau', { comment?: string }>;
export type RejectAssetDisposal = Command<'RejectAssetDisposal', { reason: string }>;
export type DisposeAsset = Command<'DisposeAsset', { residualValueFen: number; disposedOn: string }>;

export type AssetCommand =
  | RegisterAsset
  | MoveAsset
  | LendAsset
  | ReturnAsset
  | RecordAssetMaintenance
  | ReportAssetMissing
  | ReportAssetDamaged
  | ReportAssetFound
  | RequestAssetDisposal
  | ApproveAssetDisposalAsSchool
  | ApproveAssetDisposalAsBureau
  | RejectAssetDisposal
  | DisposeAsset;

export const SCHOOL_HEAD_ROLE = 'school-admin';
export const BUREAU_ROLE = 'bureau-official';

export function decideWith(rules: AssetRules) {
  return function decide(command: AssetCommand, state: AssetState): AssetEvent[] {
    if (command.type === 'RegisterAsset') return register(command, state);
    if (state.status === 'none') throw notFound();
    switch (command.type) {
      case 'MoveAsset':
        return move(command, state);
      case 'LendAsset':
        return lend(command, state);
      case 'ReturnAsset':
        return giveBack(command, state);
      case 'RecordAssetMaintenance':
        return maintain(command, state);
      case 'ReportAssetMissing':
        return reportMissing(command, state);
      case 'ReportAssetDamaged':
        return reportDamaged(command, state);
      case 'ReportAssetFound':
        return reportFound(command, state);
      case 'RequestAssetDisposal':
        return requestDisposal(command, state, rules);
      case 'ApproveAssetDisposalAsSchool':
        return approveAsSchool(command, state);
      case 'ApproveAssetDisposalAsBureau':
        return approveAsBureau(command, state);
      case 'RejectAssetDisposal':
        return rejectDisposal(command, state);
      case 'DisposeAsset':
        return dispose(command, state);
      default:
        return unknownCommand(command);
    }
  };
}

export const decide = decideWith(houqinRules);

function register({ data, metadata }: RegisterAsset, state: AssetState): AssetEvent[] {
  if (state.status !== 'none') throw refuse('asset-exists', 'Asset already registered', '该资产已登记', 'conflict');
  const today = todayOf(metadata);
  if (data.purchaseDate > today) throw refuse('purchase-date-in-future', 'The purchase date is after today', '购置日期晚于今天');
  if (data.warrantyEndsOn !== undefined && data.warrantyEndsOn < data.purchaseDate) {
    throw refuse('warranty-before-purchase', 'The warranty ends before the purchase date', '保修截止日期早于购置日期');
  }
  return [{ type: 'AssetRegistered', data: { ...withoutUndefined(data), ...lifeOf(data), registeredBy: metadata.actorId, registeredAt: metadata.occurredAt } }];
}

/** 折旧年限: the category's minimum unless a longer one is given; none for a category not depreciated. */
function lifeOf({ category, usefulLifeYears }: RegisterAsset['data']): { usefulLifeYears?: number } {
  const minimum = minimumUsefulLifeYears(category);
  if (minimum === null) {
    if (usefulLifeYears !== undefined) throw refuse('category-not-depreciated', `Category ${category} is not depreciated: no useful life`, `该类资产（${category}）不计提折旧，不应填写折旧年限`);
    return {};
  }
  if (usefulLifeYears === undefined) return { usefulLifeYears: minimum };
  if (usefulLifeYears < minimum) {
    throw refuse('useful-life-below-minimum', `Category ${category} depreciates over at least ${minimum} years`, `该类资产折旧年限不得低于 ${minimum} 年`);
  }
  return { usefulLifeYears };
}

function move({ data, metadata }: MoveAsset, state: ExistingAsset): AssetEvent[] {
  const asset = holding(state, '调拨', 'moved');
  if (asset.status === 'lent') throw wrongStatus(asset, 'moved while lent (return it first)', '调拨（请先归还）');
  if (asset.status === 'missing') throw wrongStatus(asset, 'moved while missing', '调拨');
  return [{ type: 'AssetMoved', data: { ...ids(asset), ...withoutUndefined(data), movedBy: metadata.actorId, movedAt: metadata.occurredAt } }];
}

function lend({ data, metadata }: LendAsset, state: ExistingAsset): AssetEvent[] {
  const asset = holding(state, '借出', 'lent');
  if (asset.status !== 'in-use' || asset.damage || asset.disposal) throw wrongStatus(asset, 'lent', '借出');
  if (data.dueBackOn < todayOf(metadata)) throw refuse('due-back-in-past', 'The due-back day is before today', '归还日期早于今天');
  return [{ type: 'AssetLent', data: { ...ids(asset), borrower: data.borrower, dueBackOn: data.dueBackOn, lentBy: metadata.actorId, lentAt: metadata.occurredAt } }];
}

function giveBack({ data, metadata }: ReturnAsset, state: ExistingAsset): AssetEvent[] {
  const asset = holding(state, '归还', 'returned');
  if (asset.status !== 'lent') throw wrongStatus(asset, 'returned (it is not lent)', '归还');
  return [{ type: 'AssetReturned', data: { ...ids(asset), returnedBy: metadata.actorId, returnedAt: metadata.occurredAt, ...withoutUndefined({ note: data.note }) } }];
}

function maintain({ data, metadata }: RecordAssetMaintenance, state: ExistingAsset): AssetEvent[] {
  const asset = holding(state, '登记维护', 'maintained');
  const { what, costFen, performedBy } = data;
  return [
    {
      type: 'AssetMaintenanceRecorded',
      data: { ...ids(asset), what, costFen, performedBy, damageRepaired: data.damageRepaired ?? false, recordedBy: metadata.actorId, recordedAt: metadata.occurredAt },
    },
  ];
}

function reportMissing({ data, metadata }: ReportAssetMissing, state: ExistingAsset): AssetEvent[] {
  const asset = holding(state, '盘亏', 'reported missing');
  if (asset.status === 'missing') return [];
  return [{ type: 'AssetReportedMissing', data: { ...ids(asset), stocktakeId: data.stocktakeId, reportedBy: metadata.actorId, reportedAt: metadata.occurredAt } }];
}

function reportDamaged({ data, metadata }: ReportAssetDamaged, state: ExistingAsset): AssetEvent[] {
  const asset = holding(state, '报损坏', 'reported damaged');
  if (asset.status === 'missing') throw wrongStatus(asset, 'reported damaged while missing', '报损坏');
  return [{ type: 'AssetReportedDamaged', data: { ...ids(asset), stocktakeId: data.stocktakeId, note: data.note, reportedBy: metadata.actorId, reportedAt: metadata.occurredAt } }];
}

/** Finding an asset that is not missing changes nothing (a stocktake may report every asset it saw). */
function reportFound({ data, metadata }: ReportAssetFound, state: ExistingAsset): AssetEvent[] {
  const asset = holding(state, '盘盈找回', 'found');
  if (asset.status !== 'missing') return [];
  return [{ type: 'AssetFoundAgain', data: { ...ids(asset), ...withoutUndefined(data), reportedBy: metadata.actorId, reportedAt: metadata.occurredAt } }];
}

/**
 * 处置申请: judged on the original value (账面原值) against the bureau threshold in force when the request occurred;
 * the net book value at that day is recorded beside it for the approvers. A lent asset is returned first.
 */
function requestDisposal({ data, metadata }: RequestAssetDisposal, state: ExistingAsset, rules: AssetRules): AssetEvent[] {
  const asset = holding(state, '申请处置', 'put up for disposal');
  if (asset.disposal) throw refuse('disposal-already-requested', 'A disposal of this asset is already under way', '该资产已在处置审批中', 'conflict');
  if (asset.status === 'lent') throw wrongStatus(asset, 'put up for disposal while lent (return it first)', '申请处置（请先归还）');
  const rule = rules.ruleAt('facilities.asset.disposalBureauApproval', metadata.occurredAt);
  const thresholdFen = rule.value.originalValueFrom.amount;
  return [
    {
      type: 'AssetDisposalRequested',
      data: {
        ...ids(asset),
        method: data.method,
        reason: data.reason,
        originalValueFen: asset.priceFen,
        netBookValueFen: netBookValueOn(asset, todayOf(metadata)),
        bureauApprovalRequired: asset.priceFen >= thresholdFen,
        thresholdFen,
        thresholdRule: { ruleId: rule.ruleId, version: rule.version, ...(rule.region ? { region: rule.region } : {}) },
        requestedBy: metadata.actorId,
        requestedAt: metadata.occurredAt,
      },
    },
  ];
}

function approveAsSchool({ data, metadata }: ApproveAssetDisposalAsSchool, state: ExistingAsset): AssetEvent[] {
  const asset = disposalAt(state, 'requested');
  if (metadata.actorRole !== SCHOOL_HEAD_ROLE) throw onlyRole('the school head', '校长（学校管理员）');
  return [{ type: 'AssetDisposalApprovedBySchool', data: { ...ids(asset), approvedBy: metadata.actorId, approvedAt: metadata.occurredAt, ...withoutUndefined({ comment: data.comment }) } }];
}

function approveAsBureau({ data, metadata }: ApproveAssetDisposalAsBureau, state: ExistingAsset): AssetEvent[] {
  const asset = disposalAt(state, 'awaiting-bureau');
  if (metadata.actorRole !== BUREAU_ROLE) throw onlyRole('the education bureau', '教育局');
  return [{ type: 'AssetDisposalApprovedByBureau', data: { ...ids(asset), approvedBy: metadata.actorId, approvedAt: metadata.occurredAt, ...withoutUndefined({ comment: data.comment }) } }];
}

/** The school head rejects a request; the bureau rejects one awaiting it. */
function rejectDisposal({ data, metadata }: RejectAssetDisposal, state: ExistingAsset): AssetEvent[] {
  const asset = holding(state, '驳回处置', 'rejected for disposal');
  const stage = asset.disposal?.stage;
  const level = stage === 'requested' ? 'school' : stage === 'awaiting-bureau' ? 'bureau' : undefined;
  if (!level) throw noDisposalAt(asset, 'a pending approval');
  if (level === 'school' && metadata.actorRole !== SCHOOL_HEAD_ROLE) throw onlyRole('the school head', '校长（学校管理员）');
  if (level === 'bureau' && metadata.actorRole !== BUREAU_ROLE) throw onlyRole('the education bureau', '教育局');
  return [{ type: 'AssetDisposalRejected', data: { ...ids(asset), level, reason: data.reason, rejectedBy: metadata.actorId, rejectedAt: metadata.occurredAt } }];
}

function dispose({ data, metadata }: DisposeAsset, state: ExistingAsset): AssetEvent[] {
  const asset = disposalAt(state, 'approved');
  const { disposal } = asset;
  if (data.disposedOn > todayOf(metadata)) throw refuse('disposed-on-in-future', 'The disposal day is after today', '处置日期晚于今天');
  if (data.disposedOn < dayOf(disposal.requestedAt)) throw refuse('disposed-before-request', 'The disposal day is before the request', '处置日期早于处置申请');
  return [
    {
      type: 'AssetDisposed',
      data: { ...ids(asset), method: disposal.method, reason: disposal.reason, residualValueFen: data.residualValueFen, disposedOn: data.disposedOn, disposedBy: metadata.actorId, disposedAt: metadata.occurredAt },
    },
  ];
}

/** Anything but a disposed asset. */
function holding(state: ExistingAsset, actionZh: string, action: string): HeldAsset {
  if (state.status === 'disposed') throw refuse('asset-disposed', `A disposed asset cannot be ${action}`, `资产已处置，不能${actionZh}`, 'conflict');
  return state;
}

function disposalAt<S extends 'requested' | 'awaiting-bureau' | 'approved'>(state: ExistingAsset, stage: S) {
  const asset = holding(state, '处置', 'disposed');
  if (asset.disposal?.stage !== stage) throw noDisposalAt(asset, stage);
  return { ...asset, disposal: asset.disposal };
}

const todayOf = (metadata: CommandMetadata) => dayOf(metadata.occurredAt);
const dayOf = (instant: string) => beijingDateOf(parseInstant(instant)!);
const ids = (asset: ExistingAsset) => ({ assetId: asset.assetId, schoolId: asset.schoolId });

/** Leaves optional fields out instead of writing `undefined` into an event. */
function withoutUndefined<T extends object>(data: T): T {
  return Object.fromEntries(Object.entries(data).filter(([, v]) => v !== undefined)) as T;
}

const STAGE_ZH = { requested: '待校长审批', 'awaiting-bureau': '待教育局审批', approved: '已批准待处置', 'a pending approval': '待审批' } as const;

const refuse = (code: string, message: string, messageZh: string, kind: DomainError['kind'] = 'invalid') => new DomainError(code, message, messageZh, kind);
const notFound = () => refuse('asset-not-found', 'Asset not found', '资产不存在', 'not-found');
const wrongStatus = (asset: HeldAsset, action: string, actionZh: string) =>
  refuse('asset-wrong-status', `A ${ledgerStatusOf(asset)} asset cannot be ${action}`, `资产当前状态（${LEDGER_STATUS_ZH[ledgerStatusOf(asset)]}）不能${actionZh}`, 'conflict');
const noDisposalAt = (asset: HeldAsset, stage: keyof typeof STAGE_ZH) =>
  refuse('disposal-wrong-stage', `The asset's disposal is not at the stage: ${stage}`, `该资产的处置不处于“${STAGE_ZH[stage]}”阶段`, 'conflict');
const onlyRole = (who: string, whoZh: string) => refuse('disposal-approver-role', `Only ${who} decides at this stage`, `此阶段只能由${whoZh}审批`, 'forbidden');
