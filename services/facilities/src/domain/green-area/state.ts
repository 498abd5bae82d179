import { GreenAreaEvent, GreenAreaKind, GreenCareKind } from '@houqin/contracts';
import { unknownEvent } from '@houqin/event-sourcing';

export interface TreeStand {
  treeId: string;
  species: string;
  speciesZh: string;
  count: number;
  location: string;
  plantedOn?: string;
  /** 古树名木 */
  notable: boolean;
}

export interface GreenArea {
  status: 'active' | 'removed';
  greenAreaId: string;
  schoolId: string;
  name: string;
  location: string;
  /** Exact decimal string of m². */
  areaM2: string;
  kind: GreenAreaKind;
  trees: Record<string, TreeStand>;
  careCount: number;
  lastCare?: { kind: GreenCareKind; caredAt: string };
  /** After a pest control: closed to students until this instant (安全间隔期). */
  closedUntil?: string;
}

export type GreenAreaState = { status: 'none' } | GreenArea;

export const initialState = (): GreenAreaState => ({ status: 'none' });

export function evolve(state: GreenAreaState, event: GreenAreaEvent): GreenAreaState {
  switch (event.type) {
    case 'GreenAreaRegistered': {
      const { greenAreaId, schoolId, name, location, areaM2, kind } = event.data;
      return { status: 'active', greenAreaId, schoolId, name, location, areaM2, kind, trees: {}, careCount: 0 };
    }
    case 'GreenAreaResized':
      return { ...existing(state, event), areaM2: event.data.toM2 };
    case 'GreenAreaRemoved':
      return { ...existing(state, event), status: 'removed' };
    case 'GreenTreesRecorded': {
      const area = existing(state, event);
      const { treeId, species, speciesZh, count, location, plantedOn, notable } = event.data;
      return { ...area, trees: { ...area.trees, [treeId]: { treeId, species, speciesZh, count, location, notable, ...(plantedOn ? { plantedOn } : {}) } } };
    }
    case 'GreenTreeCountChanged': {
      const area = existing(state, event);
      const stand = area.trees[event.data.treeId];
      if (!stand) throw outOfOrder(state, event);
      return { ...area, trees: { ...area.trees, [stand.treeId]: { ...stand, count: event.data.to } } };
    }
    case 'GreenCareRecorded': {
      const area = existing(state, event);
      const { kind, caredAt, pesticide } = event.data;
      const later = !area.lastCare || caredAt >= area.lastCare.caredAt;
      const closedUntil = pesticide && (!area.closedUntil || pesticide.closedUntil > area.closedUntil) ? pesticide.closedUntil : area.closedUntil;
      return { ...area, careCount: area.careCount + 1, ...(later ? { lastCare: { kind, caredAt } } : {}), ...(closedUntil ? { closedUntil } : {}) };
    }
    default:
      return unknownEvent(event);
  }
}

function existing(state: GreenAreaState, event: GreenAreaEvent): GreenArea {
  if (state.status === 'none') throw outOfOrder(state, event);
  return state;
}
const outOfOrder = (state: GreenAreaState, event: GreenAreaEvent) => new Error(`${event.type} cannot follow a ${state.status} green area`);

/** Trees of the area (every stand's count). */
export const treeCount = (area: GreenArea): number => Object.values(area.trees).reduce((n, t) => n + t.count, 0);
