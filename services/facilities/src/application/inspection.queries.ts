import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { InspectionKind } from '@houqin/contracts';
import { Clock } from '@houqin/event-sourcing';
import { CommandExecutor, LoadedStream, pgPoolOf, SqlPool, streamIdOf, streamNotFound } from '@houqin/event-store';
import { keysetList, ListOrder, ListPage } from '@houqin/projection-store';
import { ExistingInspectionPlan, inspectionPlanDecider, InspectionPlanState } from '../domain/inspection-plan';

export const PLAN_SORTS = ['nextDue', 'createdAt'] as const;
export type PlanSort = (typeof PLAN_SORTS)[number];

const planList = keysetList<PlanSort>({
  table: 'inspection_plan_list',
  id: 'plan_id',
  select: ['plan', 'version', 'jsonb_array_length(inspections) AS inspection_count'],
  sorts: { nextDue: [['due_sort', 'timestamptz']], createdAt: [['created_at', 'timestamptz']] },
});

const inspectionList = keysetList<'inspectedAt'>({
  table: 'inspection_list',
  id: 'inspection_id',
  select: [
    'inspection_id AS "inspectionId"',
    'plan_id AS "planId"',
    'school_id AS "schoolId"',
    'plan_name AS "planName"',
    'kind',
    'location',
    'to_json(due_at) #>> \'{}\' AS "dueAt"',
    'to_json(inspected_at) #>> \'{}\' AS "inspectedAt"',
    'inspected_by AS "inspectedBy"',
    'failed_items AS "failedItems"',
    'on_time AS "onTime"',
    'closed_overdue AS "closedOverdue"',
    'late',
    'result',
    'results',
    'note',
  ],
  sorts: { inspectedAt: [['inspected_at', 'timestamptz']] },
});

export interface PlanListQuery {
  schoolId?: string;
  kind?: InspectionKind;
  status?: 'active' | 'retired';
  responsiblePerson?: string;
  /** true: the due date has passed (by the clock) with no inspection; false: it has not. */
  overdue?: boolean;
  /** Due before this instant (e.g. the end of today: the 今日待检 list, overdue included). */
  dueBefore?: string;
  q?: string;
  sort: PlanSort;
  order: ListOrder;
  limit: number;
  cursor?: string;
}

export interface InspectionListQuery {
  schoolId?: string;
  planId?: string;
  kind?: InspectionKind;
  result?: 'pass' | 'fail';
  onTime?: boolean;
  /** inspected_at ≥ from and < to (instants). */
  from?: string;
  to?: string;
  order: ListOrder;
  limit: number;
  cursor?: string;
}

export type ListedPlanRow = { plan: ExistingInspectionPlan; version: number; inspection_count: number };

/** Reads of 检查计划 and 检查记录: lists from the read model, one plan from its stream. */
@Injectable()
export class InspectionQueries {
  private readonly pool: SqlPool;

  constructor(
    private readonly executor: CommandExecutor,
    private readonly clock: Clock,
    dataSource: DataSource,
  ) {
    this.pool = pgPoolOf(dataSource);
  }

  /** The current plan from its stream, or not-found (also another school's: existence is not leaked). */
  async get(planId: string, canRead: (schoolId: string) => boolean): Promise<LoadedStream<InspectionPlanState>> {
    const loaded = await this.executor.load(inspectionPlanDecider, streamIdOf(inspectionPlanDecider, planId));
    if (loaded.state.status === 'none' || !canRead(loaded.state.schoolId)) throw streamNotFound(planId);
    return loaded;
  }

  plans(query: PlanListQuery): Promise<ListPage<ListedPlanRow>> {
    const now = this.clock.now().toISOString();
    return planList.page<ListedPlanRow>(this.pool, {
      equal: { school_id: query.schoolId, kind: query.kind, status: query.status, responsible_person: query.responsiblePerson },
      range: { next_due_at: { type: 'timestamptz', to: query.dueBefore } },
      where: [(p) => (query.overdue === undefined ? undefined : query.overdue ? `next_due_at < ${p(now)}::timestamptz` : `(next_due_at IS NULL OR next_due_at >= ${p(now)}::timestamptz)`)],
      q: query.q,
      sort: query.sort,
      order: query.order,
      limit: query.limit,
      cursor: query.cursor,
    });
  }

  inspections(query: InspectionListQuery): Promise<ListPage<Record<string, unknown>>> {
    return inspectionList.page<Record<string, unknown>>(this.pool, {
      equal: { school_id: query.schoolId, plan_id: query.planId, kind: query.kind, result: query.result, on_time: query.onTime },
      range: { inspected_at: { type: 'timestamptz', from: query.from, to: query.to } },
      sort: 'inspectedAt',
      order: query.order,
      limit: query.limit,
      cursor: query.cursor,
    });
  }
}
