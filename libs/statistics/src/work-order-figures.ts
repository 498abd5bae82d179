/**
 * Bureau figures of repair work orders, as a pure projection of facilities events.
 * The bureau keeps them live; the audit service recomputes them from history and
 * must get the same numbers — so both use this one reducer.
 */
import { WORK_ORDER_STREAM_TYPE } from '@houqin/contracts';

/** What the projection remembers per work order. */
export interface WorkOrderFacts {
  workOrderId: string;
  schoolId: string;
  /** open = reported or being repaired; completed = awaiting the reporter's check (待验收). */
  status: 'open' | 'completed' | 'verified';
  reportedAt: string;
  firstCompletedAt?: string;
  /** Last applied stream version: the per-stream checkpoint that makes redelivery harmless. */
  lastVersion: number;
}

export interface SchoolFigures {
  schoolId: string;
  reported: number;
  open: number;
  completed: number;
  verified: number;
  /** Work orders completed at least once, and the sum of their report→first completion times. */
  completionCount: number;
  completionMsTotal: number;
}

/** The part of an event envelope the projection reads. */
export interface ProjectedEvent {
  type: string;
  /** Only work-order streams are projected; the events of other stream types are ignored. */
  streamType: string;
  streamVersion: number;
  schoolId: string;
  payload: Record<string, unknown>;
}

export class ProjectionGapError extends Error {
  constructor(event: ProjectedEvent, expected: number, expectedType?: string) {
    super(`${event.type} v${event.streamVersion} of work order ${String(event.payload['workOrderId'])} arrived before v${expected}${expectedType ? ` (${expectedType})` : ''}`);
    this.name = 'ProjectionGapError';
  }
}

export const emptyFigures = (schoolId: string): SchoolFigures => ({
  schoolId,
  reported: 0,
  open: 0,
  completed: 0,
  verified: 0,
  completionCount: 0,
  completionMsTotal: 0,
});

export type Applied = { kind: 'applied'; order: WorkOrderFacts; figures: SchoolFigures } | { kind: 'duplicate' } | { kind: 'ignored' };

/**
 * Applies one event; a version at or below the checkpoint is a duplicate and changes nothing.
 * Every event of a work-order stream moves its checkpoint, whatever its type: a type these
 * figures do not count (one added later, say) changes no figure but must not leave a gap
 * that every later event of its stream would then fall into.
 */
export function applyWorkOrderEvent(order: WorkOrderFacts | undefined, figures: SchoolFigures, event: ProjectedEvent): Applied {
  if (event.streamType !== WORK_ORDER_STREAM_TYPE) return { kind: 'ignored' };
  const last = order?.lastVersion ?? 0;
  if (event.streamVersion <= last) return { kind: 'duplicate' };
  if (event.streamVersion !== last + 1) throw new ProjectionGapError(event, last + 1);
  const p = event.payload;
  const f = { ...figures };

  if (!order && event.type === 'WorkOrderReported') {
    f.reported++;
    f.open++;
    return applied({ workOrderId: String(p['workOrderId']), schoolId: event.schoolId, status: 'open', reportedAt: String(p['reportedAt']), lastVersion: event.streamVersion }, f);
  }
  if (!order) throw new ProjectionGapError(event, 1, 'WorkOrderReported');
  const o = { ...order, lastVersion: event.streamVersion };
  switch (event.type) {
    case 'WorkOrderCompleted':
      move(f, o.status, 'completed');
      o.status = 'completed';
      if (!o.firstCompletedAt) {
        o.firstCompletedAt = String(p['completedAt']);
        f.completionCount++;
        f.completionMsTotal += Math.max(0, Date.parse(o.firstCompletedAt) - Date.parse(o.reportedAt));
      }
      break;
    case 'WorkOrderCompletionRejected':
      move(f, o.status, 'open');
      o.status = 'open';
      break;
    case 'WorkOrderVerified':
      move(f, o.status, 'verified');
      o.status = 'verified';
      break;
  }
  return applied(o, f);
}

const applied = (order: WorkOrderFacts, figures: SchoolFigures): Applied => ({ kind: 'applied', order, figures });

function move(f: SchoolFigures, from: WorkOrderFacts['status'], to: WorkOrderFacts['status']) {
  f[from]--;
  f[to]++;
}

export interface DistrictFigures extends Omit<SchoolFigures, 'schoolId'> {
  schools: number;
  meanTimeToCompleteMs: number | null;
}

export const meanTimeToCompleteMs = (f: Pick<SchoolFigures, 'completionCount' | 'completionMsTotal'>): number | null =>
  f.completionCount === 0 ? null : Math.round(f.completionMsTotal / f.completionCount);

type Counts = Omit<SchoolFigures, 'schoolId'>;

/** Every figure is a sum over work orders: two disjoint sets of work orders add up. */
const add = <T extends Counts>(t: T, s: Counts): T => ({
  ...t,
  reported: t.reported + s.reported,
  open: t.open + s.open,
  completed: t.completed + s.completed,
  verified: t.verified + s.verified,
  completionCount: t.completionCount + s.completionCount,
  completionMsTotal: t.completionMsTotal + s.completionMsTotal,
});

export function districtFigures(schools: SchoolFigures[]): DistrictFigures {
  const { schoolId: _, ...zero } = emptyFigures('');
  const total = schools.reduce<Counts>((t, s) => add(t, s), zero);
  return { schools: schools.length, ...total, meanTimeToCompleteMs: meanTimeToCompleteMs(total) };
}

/** In-memory fold of a whole history (the audit's rebuild). */
export class WorkOrderStatistics {
  private readonly orders = new Map<string, WorkOrderFacts>();
  private readonly schools = new Map<string, SchoolFigures>();
  applied = 0;
  duplicates = 0;

  apply(event: ProjectedEvent): void {
    const id = String(event.payload['workOrderId']);
    const result = applyWorkOrderEvent(this.orders.get(id), this.schools.get(event.schoolId) ?? emptyFigures(event.schoolId), event);
    if (result.kind === 'duplicate') this.duplicates++;
    if (result.kind !== 'applied') return;
    this.orders.set(id, result.order);
    this.schools.set(event.schoolId, result.figures);
    this.applied++;
  }

  figures(): SchoolFigures[] {
    return [...this.schools.values()].sort((a, b) => a.schoolId.localeCompare(b.schoolId));
  }
}

/**
 * Adds up figures folded separately from disjoint sets of work orders (e.g. by several
 * replay workers, each owning some streams); every field is a sum over work orders.
 */
export function mergeFigures(parts: SchoolFigures[][]): SchoolFigures[] {
  const bySchool = new Map<string, SchoolFigures>();
  for (const s of parts.flat()) bySchool.set(s.schoolId, add(bySchool.get(s.schoolId) ?? emptyFigures(s.schoolId), s));
  return [...bySchool.values()].sort((a, b) => a.schoolId.localeCompare(b.schoolId));
}
