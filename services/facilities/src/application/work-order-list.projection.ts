import { WORK_ORDER_STREAM_TYPE, WorkOrderEvent } from '@houqin/contracts';
import { defineProjection } from '@houqin/projections';
import { searchColumns, storedProjection } from '@houqin/projection-store';
import { evolve, initialState, WorkOrderState } from '../domain/work-order';

/**
 * 工单列表: one row per work order, folded by the domain's own `evolve` (so the list shows
 * what the stream shows, and a new event type needs no code here), with typed columns for
 * what the list filters, sorts and searches on, and the whole state as `doc` for the answer.
 * Bump `version` when the columns' meaning or the search grams change: the table is rebuilt.
 */
export type ListedWorkOrder = Exclude<WorkOrderState, { status: 'none' }>;

export const workOrderListDefinition = defineProjection<ListedWorkOrder>({
  name: 'work-order-list',
  version: 3, // 2: asset_id; 3: in-progress (开工) ranks between assigned and completed
  streamType: WORK_ORDER_STREAM_TYPE,
  streamKey: (event) => String(event.payload['workOrderId']),
  evolve: (doc, event) => {
    const next = evolve(doc ?? initialState(), { type: event.type, data: event.payload } as WorkOrderEvent);
    return next.status === 'none' ? null : next;
  },
});

/** Lifecycle order, for sorting by status. */
export const STATUS_RANK: Record<string, number> = { reported: 0, assigned: 1, 'in-progress': 2, completed: 3, verified: 4 };
export const PRIORITY_RANK: Record<string, number> = { low: 0, normal: 1, high: 2, urgent: 3 };

/**
 * The next business deadline an open order can miss: the response (派单) while reported,
 * the completion while assigned or in progress; none once completed. Null for orders reported before
 * deadlines existed. The `overdue` filter compares it with the clock.
 */
export function nextDueAt(order: ListedWorkOrder): string | null {
  const sla = (order as { sla?: { responseDueAt?: string; completionDueAt?: string } }).sla;
  if (order.status === 'reported') return minTime(sla?.responseDueAt, sla?.completionDueAt);
  if (order.status === 'assigned' || order.status === 'in-progress') return sla?.completionDueAt ?? null;
  return null;
}
const minTime = (a?: string, b?: string) => (a && b ? (Date.parse(a) <= Date.parse(b) ? a : b) : (a ?? b ?? null));

const timeOf = <K extends string>(order: ListedWorkOrder, key: K): string | null => ((order as Partial<Record<K, string>>)[key] ?? null);

export const workOrderList = storedProjection<ListedWorkOrder>({
  definition: workOrderListDefinition,
  documents: {
    table: 'work_order_list',
    keyColumn: 'work_order_id',
    versionColumn: 'version',
    columns: {
      school_id: 'text',
      status: 'text',
      status_rank: 'smallint',
      title: 'text',
      location: 'text',
      category: 'text',
      priority: 'text',
      priority_rank: 'smallint',
      reported_by: 'text',
      assignee: 'text',
      asset_id: 'text',
      reported_at: 'timestamptz',
      assigned_at: 'timestamptz',
      completed_at: 'timestamptz',
      verified_at: 'timestamptz',
      next_due_at: 'timestamptz',
      search_text: 'text',
      search_grams: 'text[]',
      doc: 'jsonb',
    },
    toRow: (order) => {
      const search = searchColumns([order.title, order.location, order.description]);
      return {
        school_id: order.schoolId,
        status: order.status,
        status_rank: STATUS_RANK[order.status],
        title: order.title,
        location: order.location,
        category: order.category,
        priority: order.priority,
        priority_rank: PRIORITY_RANK[order.priority],
        reported_by: order.reportedBy,
        assignee: timeOf(order, 'assignee'),
        asset_id: order.assetId ?? null,
        reported_at: order.reportedAt,
        assigned_at: timeOf(order, 'assignedAt'),
        completed_at: timeOf(order, 'completedAt'),
        verified_at: timeOf(order, 'verifiedAt'),
        next_due_at: nextDueAt(order),
        search_text: search.text,
        search_grams: search.grams,
        doc: order,
      };
    },
    fromRow: (row) => row['doc'] as ListedWorkOrder,
    touchedAt: 'updated_at',
  },
});
