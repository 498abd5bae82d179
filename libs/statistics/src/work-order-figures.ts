/**
 * Bureau figures of repair work orders, as a pure projection of facilities events.
 * The bureau keeps them live (@houqin/projection-store); the audit service recomputes
 * them from history in memory and must get the same numbers, so both run this one definition.
 */
import { WORK_ORDER_STREAM_TYPE } from '@houqin/contracts';
import { defineProjection, mergeGroups, MemoryProjection, ProjectedEvent, ProjectionGapError, rollupDelta, step, zeroSums } from '@houqin/projections';

export { ProjectionGapError };
export type { ProjectedEvent };

/** What the projection remembers per work order. */
export interface WorkOrderFacts {
  workOrderId: string;
  schoolId: string;
  /** open = reported or being repaired; completed = awaiting the reporter's check (待验收). */
  status: 'open' | 'completed' | 'verified';
  reportedAt: string;
  firstCompletedAt?: string;
}

export const WORK_ORDER_FIGURE_FIELDS = ['reported', 'open', 'completed', 'verified', 'completionCount', 'completionMsTotal'] as const;
export type WorkOrderFigureField = (typeof WORK_ORDER_FIGURE_FIELDS)[number];

/** Per school: counts of work orders; those completed at least once, and the sum of their report→first completion times. */
export type SchoolFigures = { schoolId: string } & Record<WorkOrderFigureField, number>;

/** Each work order counts once as reported, once in its status, and with its first completion time. */
function contribution(o: WorkOrderFacts): Record<WorkOrderFigureField, number> {
  return {
    reported: 1,
    open: o.status === 'open' ? 1 : 0,
    completed: o.status === 'completed' ? 1 : 0,
    verified: o.status === 'verified' ? 1 : 0,
    completionCount: o.firstCompletedAt ? 1 : 0,
    completionMsTotal: o.firstCompletedAt ? Math.max(0, Date.parse(o.firstCompletedAt) - Date.parse(o.reportedAt)) : 0,
  };
}

/**
 * Every event of a work-order stream moves its version, whatever its type: a type these
 * figures do not count (one added later, say) changes no figure but leaves no gap.
 */
function evolve(order: WorkOrderFacts | null, event: ProjectedEvent): WorkOrderFacts {
  const p = event.payload;
  if (!order) {
    if (event.type !== 'WorkOrderReported') throw new ProjectionGapError(event, String(p['workOrderId']), 1, 'WorkOrderReported');
    return { workOrderId: String(p['workOrderId']), schoolId: event.schoolId, status: 'open', reportedAt: String(p['reportedAt']) };
  }
  switch (event.type) {
    case 'WorkOrderCompleted':
      return { ...order, status: 'completed', firstCompletedAt: order.firstCompletedAt ?? String(p['completedAt']) };
    case 'WorkOrderCompletionRejected':
      return { ...order, status: 'open' };
    case 'WorkOrderVerified':
      return { ...order, status: 'verified' };
    default:
      return order;
  }
}

export const workOrderFigures = defineProjection<WorkOrderFacts, WorkOrderFigureField>({
  // The name of the bureau's status row since the first release.
  name: 'work-orders',
  version: 1,
  streamType: WORK_ORDER_STREAM_TYPE,
  streamKey: (event) => String(event.payload['workOrderId']),
  evolve,
  rollup: { fields: WORK_ORDER_FIGURE_FIELDS, groupBy: (o) => o.schoolId, contribution },
});

export const emptyFigures = (schoolId: string): SchoolFigures => ({ schoolId, ...zeroSums(WORK_ORDER_FIGURE_FIELDS) });

export type Applied = { kind: 'applied'; order: WorkOrderFacts & { lastVersion: number }; figures: SchoolFigures } | { kind: 'duplicate' } | { kind: 'ignored' };

/** One event against one work order and its school's figures (the definition's step and rollup, for tests and tools). */
export function applyWorkOrderEvent(order: (WorkOrderFacts & { lastVersion: number }) | undefined, figures: SchoolFigures, event: ProjectedEvent): Applied {
  const { lastVersion, ...facts } = order ?? { lastVersion: 0 };
  const before = order ? (facts as WorkOrderFacts) : null;
  const result = step(workOrderFigures, order ? { doc: before, version: lastVersion } : undefined, event);
  if (result.kind !== 'applied') return result;
  const f = { ...figures };
  const delta = rollupDelta(workOrderFigures.rollup!, before, result.doc).get(figures.schoolId);
  for (const field of WORK_ORDER_FIGURE_FIELDS) f[field] += delta?.[field] ?? 0;
  return { kind: 'applied', order: { ...result.doc!, lastVersion: result.version }, figures: f };
}

export interface DistrictFigures extends Omit<SchoolFigures, 'schoolId'> {
  schools: number;
  meanTimeToCompleteMs: number | null;
}

export const meanTimeToCompleteMs = (f: Pick<SchoolFigures, 'completionCount' | 'completionMsTotal'>): number | null =>
  f.completionCount === 0 ? null : Math.round(f.completionMsTotal / f.completionCount);

export function districtFigures(schools: SchoolFigures[]): DistrictFigures {
  const total = zeroSums(WORK_ORDER_FIGURE_FIELDS);
  for (const s of schools) for (const f of WORK_ORDER_FIGURE_FIELDS) total[f] += s[f];
  return { schools: schools.length, ...total, meanTimeToCompleteMs: meanTimeToCompleteMs(total) };
}

export const schoolFiguresOf = (groups: { key: string; sums: Record<WorkOrderFigureField, number> }[]): SchoolFigures[] =>
  groups.map((g) => ({ schoolId: g.key, ...g.sums }));

/** In-memory fold of a whole history (the audit's rebuild runs the same definition). */
export class WorkOrderStatistics {
  private readonly projection = new MemoryProjection(workOrderFigures);

  get applied(): number {
    return this.projection.applied;
  }

  get duplicates(): number {
    return this.projection.duplicates;
  }

  apply(event: ProjectedEvent): void {
    this.projection.apply(event);
  }

  figures(): SchoolFigures[] {
    return schoolFiguresOf(this.projection.groupSums());
  }
}

/** Adds up figures folded separately from disjoint sets of work orders (e.g. by several replay workers). */
export function mergeFigures(parts: SchoolFigures[][]): SchoolFigures[] {
  const groups = parts.map((p) => p.map(({ schoolId, ...sums }) => ({ key: schoolId, sums })));
  return schoolFiguresOf(mergeGroups(WORK_ORDER_FIGURE_FIELDS, groups));
}
