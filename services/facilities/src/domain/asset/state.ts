import { AssetDisposalMethod, AssetEvent, AssetRegistered } from '@houqin/contracts';
import { unknownEvent } from '@houqin/event-sourcing';

/** What the ledger recorded at registration (the who/when of the record aside). */
export type Registration = Omit<AssetRegistered, 'registeredBy' | 'registeredAt'> & { registeredAt: string };

/** 处置流程: requested → (school head) → awaiting the bureau when the value needs it → approved → disposed. */
export interface PendingDisposal {
  stage: 'requested' | 'awaiting-bureau' | 'approved';
  method: AssetDisposalMethod;
  reason: string;
  bureauApprovalRequired: boolean;
  requestedAt: string;
}

interface Held extends Registration {
  /** Damage found at a stocktake, until a maintenance record repairs it. */
  damage?: { note: string; stocktakeId: string };
  disposal?: PendingDisposal;
}
type InUse = Held & { status: 'in-use' };
type Lent = Held & { status: 'lent'; loan: { borrower: string; dueBackOn: string; lentAt: string } };
type Missing = Held & { status: 'missing'; missingSince: { stocktakeId: string; reportedAt: string } };
type Disposed = Registration & { status: 'disposed'; method: AssetDisposalMethod; residualValueFen: number; disposedOn: string };

/** Each status carries the data it has. */
export type AssetState = { status: 'none' } | InUse | Lent | Missing | Disposed;
export type ExistingAsset = Exclude<AssetState, { status: 'none' }>;
export type HeldAsset = InUse | Lent | Missing;
export type AssetStatus = AssetState['status'];

/** The ledger's status filter: one word per asset, the most pressing first. */
export const LEDGER_STATUSES = ['in-use', 'lent', 'missing', 'damaged', 'disposal-requested', 'disposed'] as const;
export type LedgerStatus = (typeof LEDGER_STATUSES)[number];

export function ledgerStatusOf(state: ExistingAsset): LedgerStatus {
  if (state.status === 'disposed') return 'disposed';
  if (state.disposal) return 'disposal-requested';
  if (state.status === 'missing') return 'missing';
  if (state.status === 'lent') return 'lent';
  return state.damage ? 'damaged' : 'in-use';
}

export const initialState = (): AssetState => ({ status: 'none' });

export function evolve(state: AssetState, event: AssetEvent): AssetState {
  switch (event.type) {
    case 'AssetRegistered': {
      const { registeredBy: _by, ...registration } = event.data;
      return { ...registration, status: 'in-use' };
    }
    case 'AssetMoved': {
      const asset = held(state, event);
      const { location, custodian } = event.data;
      return { ...asset, location, ...(custodian === undefined ? {} : { custodian }) };
    }
    case 'AssetLent': {
      const { borrower, dueBackOn, lentAt } = event.data;
      return { ...withoutStatus(held(state, event)), status: 'lent', loan: { borrower, dueBackOn, lentAt } };
    }
    case 'AssetReturned':
      return { ...withoutStatus(held(state, event)), status: 'in-use' };
    case 'AssetMaintenanceRecorded': {
      const asset = held(state, event);
      if (!event.data.damageRepaired) return asset;
      const { damage: _d, ...repaired } = asset;
      return repaired as HeldAsset;
    }
    case 'AssetReportedMissing': {
      const { stocktakeId, reportedAt } = event.data;
      return { ...withoutStatus(held(state, event)), status: 'missing', missingSince: { stocktakeId, reportedAt } };
    }
    case 'AssetReportedDamaged':
      return { ...held(state, event), damage: { note: event.data.note, stocktakeId: event.data.stocktakeId } };
    case 'AssetFoundAgain': {
      const asset = withoutStatus(held(state, event));
      return { ...asset, status: 'in-use', ...(event.data.location ? { location: event.data.location } : {}) };
    }
    case 'AssetDisposalRequested': {
      const { method, reason, bureauApprovalRequired, requestedAt } = event.data;
      return { ...held(state, event), disposal: { stage: 'requested', method, reason, bureauApprovalRequired, requestedAt } };
    }
    case 'AssetDisposalApprovedBySchool': {
      const { asset, disposal } = pending(state, event);
      return { ...asset, disposal: { ...disposal, stage: disposal.bureauApprovalRequired ? 'awaiting-bureau' : 'approved' } };
    }
    case 'AssetDisposalApprovedByBureau': {
      const { asset, disposal } = pending(state, event);
      return { ...asset, disposal: { ...disposal, stage: 'approved' } };
    }
    case 'AssetDisposalRejected': {
      const { disposal: _d, ...asset } = pending(state, event).asset;
      return asset as HeldAsset;
    }
    case 'AssetDisposed': {
      const { method, residualValueFen, disposedOn } = event.data;
      return { ...registrationOf(pending(state, event).asset), status: 'disposed', method, residualValueFen, disposedOn };
    }
    default:
      return unknownEvent(event);
  }
}

/** The registration alone (what a disposed asset keeps). */
export function registrationOf(asset: ExistingAsset): Registration {
  const { status: _s, ...rest } = asset as ExistingAsset & { loan?: unknown; missingSince?: unknown; damage?: unknown; disposal?: unknown; method?: unknown; residualValueFen?: unknown; disposedOn?: unknown };
  const { loan: _l, missingSince: _m, damage: _d, disposal: _p, method: _me, residualValueFen: _r, disposedOn: _o, ...registration } = rest;
  return registration;
}

/** The held asset without its status-specific data (a loan, a missing mark). */
function withoutStatus(asset: HeldAsset): Held {
  const { status: _s, ...rest } = asset as HeldAsset & { loan?: unknown; missingSince?: unknown };
  const { loan: _l, missingSince: _m, ...held } = rest;
  return held;
}

// A stored history in an impossible order fails loudly instead of folding into nonsense.
function held(state: AssetState, event: AssetEvent): HeldAsset {
  if (state.status === 'none' || state.status === 'disposed') throw outOfOrder(state, event);
  return state;
}
function pending(state: AssetState, event: AssetEvent): { asset: HeldAsset; disposal: PendingDisposal } {
  const asset = held(state, event);
  if (!asset.disposal) throw outOfOrder(state, event);
  return { asset, disposal: asset.disposal };
}
const outOfOrder = (state: AssetState, event: AssetEvent) => new Error(`${event.type} cannot follow a ${state.status} asset`);
