import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { WorkOrderCategory, WorkOrderPriority } from '@houqin/contracts';
import { Clock } from '@houqin/event-sourcing';
import { CommandExecutor, LoadedStream, pgPoolOf, SqlPool, streamIdOf, streamNotFound } from '@houqin/event-store';
import { keysetList, ListOrder } from '@houqin/projection-store';
import { workOrderDecider, WorkOrderState } from '../domain/work-order';
import { ListedWorkOrder } from './work-order-list.projection';

export const LIST_SORTS = ['reportedAt', 'priority', 'status'] as const;
export type ListSort = (typeof LIST_SORTS)[number];

export interface WorkOrderListQuery {
  /** Undefined: every school (bureau-official, system-admin). */
  schoolId?: string;
  status?: ListedWorkOrder['status'];
  category?: WorkOrderCategory;
  priority?: WorkOrderPriority;
  assignee?: string;
  assetId?: string;
  /** reported_at ≥ from and < to (ISO 8601 instants). */
  reportedFrom?: string;
  reportedTo?: string;
  /** true: an open deadline has passed (next_due_at ≤ the clock's now); false: none has. */
  overdue?: boolean;
  q?: string;
  sort: ListSort;
  order: ListOrder;
  limit: number;
  /** The client's cursor text (checked by the list: 400 naming `cursor`). */
  cursor?: string;
}

export interface WorkOrderListPage {
  items: { order: ListedWorkOrder; version: number }[];
  /** The cursor of the next page; absent on the last page. */
  nextCursor?: string;
}

/** The list's sorts, each tied by report time, then id. */
const workOrderListQuery = keysetList<ListSort>({
  table: 'work_order_list',
  id: 'work_order_id',
  select: ['doc', 'version'],
  sorts: {
    reportedAt: [['reported_at', 'timestamptz']],
    priority: [['priority_rank', 'smallint'], ['reported_at', 'timestamptz']],
    status: [['status_rank', 'smallint'], ['reported_at', 'timestamptz']],
  },
});

/** Reads of 报修工单: the list from the read model, one order from its stream. */
@Injectable()
export class WorkOrderQueries {
  private readonly pool: SqlPool;

  constructor(
    private readonly executor: CommandExecutor,
    private readonly clock: Clock,
    dataSource: DataSource,
  ) {
    this.pool = pgPoolOf(dataSource);
  }

  /** The current state from its stream, or not-found (also for another school's work order: existence is not leaked). */
  async get(workOrderId: string, canRead: (schoolId: string) => boolean): Promise<LoadedStream<WorkOrderState>> {
    const loaded = await this.executor.load(workOrderDecider, streamIdOf(workOrderDecider, workOrderId));
    if (loaded.state.status === 'none' || !canRead(loaded.state.schoolId)) throw streamNotFound(workOrderId);
    return loaded;
  }

  /** One page of the list, filtered, sorted and searched in the read model; keyset paging. */
  async list({ schoolId, status, category, priority, assignee, assetId, reportedFrom, reportedTo, overdue, ...page }: WorkOrderListQuery): Promise<WorkOrderListPage> {
    const now = this.clock.now().toISOString();
    const { rows, nextCursor } = await workOrderListQuery.page<{ doc: ListedWorkOrder; version: number }>(this.pool, {
      ...page,
      equal: { school_id: schoolId, status, category, priority, assignee, asset_id: assetId },
      range: { reported_at: { type: 'timestamptz', from: reportedFrom, to: reportedTo } },
      where: [(p) => (overdue === undefined ? undefined : overdue ? `next_due_at <= ${p(now)}::timestamptz` : `next_due_at IS NULL OR next_due_at > ${p(now)}::timestamptz`)],
    });
    return { items: rows.map((r) => ({ order: r.doc, version: r.version })), ...(nextCursor ? { nextCursor } : {}) };
  }
}
