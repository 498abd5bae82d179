import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { WorkOrderCategory, WorkOrderPriority } from '@houqin/contracts';
import { Clock } from '@houqin/event-sourcing';
import { CommandExecutor, LoadedStream, pgPoolOf, SqlPool, streamIdOf, streamNotFound } from '@houqin/event-store';
import { workOrderDecider, WorkOrderState } from '../domain/work-order';
import { encodeCursor, ListCursor, ListOrder, ListSort } from './list-cursor';
import { ListedWorkOrder } from './work-order-list.projection';
import { likePattern, queryGrams } from './search-text';

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
  cursor?: ListCursor;
}

export interface WorkOrderListPage {
  items: { order: ListedWorkOrder; version: number }[];
  /** The cursor of the next page; absent on the last page. */
  nextCursor?: string;
}

/** The sort key's rank column (reportedAt sorts by time alone: rank 0 for all). */
const RANK_COLUMN: Record<ListSort, string> = { reportedAt: '0', priority: 'priority_rank', status: 'status_rank' };

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
  async list(query: WorkOrderListQuery): Promise<WorkOrderListPage> {
    const where: string[] = [];
    const params: unknown[] = [];
    const param = (value: unknown) => `$${params.push(value)}`;
    const equal: [string, unknown][] = [
      ['school_id', query.schoolId],
      ['status', query.status],
      ['category', query.category],
      ['priority', query.priority],
      ['assignee', query.assignee],
      ['asset_id', query.assetId],
    ];
    for (const [column, value] of equal) if (value !== undefined) where.push(`${column} = ${param(value)}`);
    if (query.reportedFrom) where.push(`reported_at >= ${param(query.reportedFrom)}::timestamptz`);
    if (query.reportedTo) where.push(`reported_at < ${param(query.reportedTo)}::timestamptz`);
    if (query.overdue !== undefined) {
      const now = param(this.clock.now().toISOString());
      where.push(query.overdue ? `next_due_at <= ${now}::timestamptz` : `(next_due_at IS NULL OR next_due_at > ${now}::timestamptz)`);
    }
    const search = query.q === undefined ? undefined : queryGrams(query.q);
    if (search) where.push(`search_grams @> ${param(search.grams)}::text[] AND search_text LIKE ${param(likePattern(search.text))}`);

    const rank = RANK_COLUMN[query.sort];
    const direction = query.order === 'asc' ? 'ASC' : 'DESC';
    if (query.cursor) {
      const c = query.cursor;
      const at = `(timestamptz 'epoch' + ${param(c.reportedAtUs)}::bigint * interval '1 microsecond')`;
      where.push(`(${rank}, reported_at, work_order_id) ${query.order === 'asc' ? '>' : '<'} (${param(c.rank)}::smallint, ${at}, ${param(c.id)})`);
    }
    const { rows } = await this.pool.query<{ doc: ListedWorkOrder; version: number; rank: number; reported_us: string; work_order_id: string }>(
      `SELECT doc, version, ${rank} AS rank, (extract(epoch FROM reported_at) * 1000000)::bigint::text AS reported_us, work_order_id
         FROM work_order_list
        ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY ${query.sort === 'reportedAt' ? '' : `${rank} ${direction}, `}reported_at ${direction}, work_order_id ${direction}
        LIMIT ${param(query.limit + 1)}`,
      params,
    );
    const page = rows.slice(0, query.limit);
    const last = page[page.length - 1];
    return {
      items: page.map((r) => ({ order: r.doc, version: r.version })),
      nextCursor:
        rows.length > query.limit
          ? encodeCursor({ sort: query.sort, order: query.order, rank: Number(last.rank), reportedAtUs: last.reported_us, id: last.work_order_id })
          : undefined,
    };
  }
}
