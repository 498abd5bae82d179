import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CommandRunner, IdempotencyKey, pgPoolOf } from '@houqin/event-store';
import { ReadModels } from '@houqin/projection-store';
import { workOrdersForFailedItems } from '../domain/inspection-plan';
import { SYSTEM_ROLE, workOrderDecider } from '../domain/work-order';
import { InspectionFailures, inspectionFailureTables } from './inspection-failures.projection';
import { workOrderIdFor } from './inspection-ids';
import { FollowUpProcess, openedOnce, OwedFollowUps } from './owed-follow-ups';
import { WorkOrderReporting } from './work-order-reporting';

/** Idempotent by the work order's id (derived from inspection and item): a second report is refused as existing. */
const NO_KEY = undefined as unknown as IdempotencyKey;
/** Owed: a plan with more failed items than linked work orders. */
const OWED: OwedFollowUps<InspectionFailures> = { readModel: inspectionFailureTables, owedColumn: 'failed_items', doneTable: 'inspection_work_orders' };

/**
 * 巡检不合格自动报修: the process manager from InspectionRecorded to ReportWorkOrder. It runs from its own
 * checkpointed read model of the service's events (inspection-failures), never from the HTTP request, so an
 * inspection committed just before a crash still gets its work orders on the next tick of any replica.
 * Each failed item's work order has an id derived from inspection + item: running twice (a retry, two
 * replicas, a crash after the report and before the link) finds it existing and only writes the link.
 * The reporter is the inspector (who then checks the repair, 验收), the business time the inspection's.
 * FACILITIES_INSPECTION_WORK_ORDERS_INTERVAL_MS (default 2 s; 0: no timer, tests call tick()).
 */
@Injectable()
export class InspectionWorkOrders extends FollowUpProcess<InspectionFailures> {
  constructor(
    @InjectDataSource() dataSource: DataSource,
    readModels: ReadModels,
    private readonly commands: CommandRunner,
    private readonly reporting: WorkOrderReporting,
  ) {
    super(pgPoolOf(dataSource), readModels, { owed: OWED, intervalEnv: 'FACILITIES_INSPECTION_WORK_ORDERS_INTERVAL_MS', defaultIntervalMs: 2_000, counted: 'work order(s) opened for failed inspection items' });
  }

  protected async followUp(doc: InspectionFailures): Promise<number> {
    const { rows } = await this.pool.query<{ work_order_id: string }>(`SELECT work_order_id FROM inspection_work_orders WHERE plan_id = $1`, [doc.planId]);
    const linked = new Set(rows.map((r) => r.work_order_id));
    let opened = 0;
    for (const inspection of doc.failed) {
      for (const { key, itemId, report } of workOrdersForFailedItems(doc.plan, inspection)) {
        const workOrderId = workOrderIdFor(key);
        if (linked.has(workOrderId)) continue;
        try {
          opened += await this.report(workOrderId, report, inspection);
        } catch (err) {
          this.log.warn(`work order for inspection ${inspection.inspectionId} item ${itemId}: ${(err as Error).message}`);
          continue;
        }
        await this.pool.query(
          `INSERT INTO inspection_work_orders (work_order_id, plan_id, inspection_id, item_id) VALUES ($1, $2, $3, $4) ON CONFLICT (work_order_id) DO NOTHING`,
          [workOrderId, doc.planId, inspection.inspectionId, itemId],
        );
      }
    }
    return opened;
  }

  /** 1 when this call opened it, 0 when it already existed (an earlier run, another replica). */
  private async report(workOrderId: string, report: ReturnType<typeof workOrdersForFailedItems>[number]['report'], inspection: InspectionFailures['failed'][number]): Promise<number> {
    const last = report.assetId ? await this.reporting.lastCompletion(report.schoolId, report.assetId) : undefined;
    return openedOnce('work-order-exists', () =>
      this.commands.run(
        workOrderDecider,
        workOrderId,
        { type: 'ReportWorkOrder', data: { ...report, workOrderId, ...(last ? { assetLastCompletion: last } : {}) }, metadata: { occurredAt: inspection.inspectedAt } },
        { actorId: inspection.inspectedBy, role: SYSTEM_ROLE, schoolId: report.schoolId, correlationId: `inspection-${inspection.inspectionId}`, idempotency: NO_KEY },
      ),
    );
  }
}
