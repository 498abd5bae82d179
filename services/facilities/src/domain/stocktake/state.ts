import { AssetLocation, StocktakeDifference, StocktakeEvent, StocktakeExpectedAsset, StocktakeFinding, StocktakeSummary } from '@houqin/contracts';
import { unknownEvent } from '@houqin/event-sourcing';

export interface StocktakeMark {
  finding: StocktakeFinding;
  note?: string;
  markedBy: string;
  markedAt: string;
}

export interface UnlistedEntry {
  entryId: string;
  /** A ledger asset kept elsewhere; absent for something not in the ledger. */
  assetId?: string;
  name: string;
  ledgerLocation?: AssetLocation;
  ledgerStatus?: string;
  foundLocation: AssetLocation;
  note?: string;
  foundBy: string;
  foundAt: string;
}

interface Open {
  status: 'open';
  stocktakeId: string;
  schoolId: string;
  title: string;
  location: AssetLocation;
  expected: StocktakeExpectedAsset[];
  /** The finding of each expected asset marked so far, by asset id. */
  marks: Record<string, StocktakeMark>;
  unlisted: UnlistedEntry[];
  openedBy: string;
  openedAt: string;
}
type Closed = Omit<Open, 'status'> & { status: 'closed'; summary: StocktakeSummary; differences: StocktakeDifference[]; closedBy: string; closedAt: string };

/** 盘点: open (marking) → closed (the differences recorded). */
export type StocktakeState = { status: 'none' } | Open | Closed;
export type ExistingStocktake = Exclude<StocktakeState, { status: 'none' }>;
export type OpenedStocktake = Open;

export const initialState = (): StocktakeState => ({ status: 'none' });

export function evolve(state: StocktakeState, event: StocktakeEvent): StocktakeState {
  switch (event.type) {
    case 'StocktakeOpened':
      return { ...event.data, status: 'open', marks: {}, unlisted: [] };
    case 'StocktakeItemMarked': {
      const open = opened(state, event);
      const { assetId, finding, note, markedBy, markedAt } = event.data;
      return { ...open, marks: { ...open.marks, [assetId]: { finding, ...(note === undefined ? {} : { note }), markedBy, markedAt } } };
    }
    case 'StocktakeUnlistedFound': {
      const open = opened(state, event);
      const { stocktakeId: _s, schoolId: _school, ...entry } = event.data;
      return { ...open, unlisted: [...open.unlisted, entry] };
    }
    case 'StocktakeClosed': {
      const { summary, differences, closedBy, closedAt } = event.data;
      return { ...opened(state, event), status: 'closed', summary, differences, closedBy, closedAt };
    }
    default:
      return unknownEvent(event);
  }
}

function opened(state: StocktakeState, event: StocktakeEvent): Open {
  if (state.status !== 'open') throw new Error(`${event.type} cannot follow a ${state.status} stocktake`);
  return state;
}
