import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { RoomCheckItem, RoomCheckResult } from '@houqin/contracts';
import { CommandRunner, IdempotencyKey, pgPoolOf } from '@houqin/event-store';
import { ReadModels } from '@houqin/projection-store';
import { ITEM_ZH } from '../domain/dormitory';
import { SYSTEM_ROLE, workOrderDecider } from '../domain/work-order';
import { DormitoryCheckFailures, dormitoryCheckFailureTables, FailedRoomCheck, REPAIR_OF } from './dormitory-check-failures.projection';
import { nameBasedUuid } from './inspection-ids';
import { FollowUpProcess, openedOnce, OwedFollowUps } from './owed-follow-ups';

/** The work order a failed item of a room check opens: one per check and item (the check's answer names it too). */
export const workOrderIdForCheck = (checkId: string, item: RoomCheckItem): string => nameBasedUuid(`dormitory-check-work-order:${checkId}:${item}`);

/** Idempotent by the work order's id (derived from check and item): a second report is refused as existing. */
const NO_KEY = undefined as unknown as IdempotencyKey;
/** Owed: a building with more failed items needing a repair than linked work orders. */
const OWED: OwedFollowUps<DormitoryCheckFailures> = { readModel: dormitoryCheckFailureTables, owedColumn: 'repairs', doneTable: 'dormitory_check_work_orders' };

/**
 * 宿舍检查不合格自动报修: the process manager from DormitoryRoomChecked to ReportWorkOrder (source inspection + the
 * check's id), one per failed item needing a repair. It runs from its own checkpointed read model
 * (dormitory-check-failures), never from the HTTP request, so a check committed just before a crash, or whose answer
 * was lost and never retried, still gets its work orders on the next tick of any replica. A repeat (two replicas, a
 * crash after the report and before the link) finds the work order existing and only writes the link.
 * The reporter is the checker, the business time the check's.
 * FACILITIES_DORMITORY_WORK_ORDERS_INTERVAL_MS (default 2 s; 0: no timer, tests call tick()).
 */
@Injectable()
export class DormitoryCheckWorkOrders extends FollowUpProcess<DormitoryCheckFailures> {
  constructor(
    @InjectDataSource() dataSource: DataSource,
    readModels: ReadModels,
    private readonly commands: CommandRunner,
  ) {
    super(pgPoolOf(dataSource), readModels, { owed: OWED, intervalEnv: 'FACILITIES_DORMITORY_WORK_ORDERS_INTERVAL_MS', defaultIntervalMs: 2_000, counted: 'work order(s) opened for failed dormitory checks' });
  }

  protected async followUp(building: DormitoryCheckFailures): Promise<number> {
    const { rows } = await this.pool.query<{ work_order_id: string }>(`SELECT work_order_id FROM dormitory_check_work_orders WHERE building_id = $1`, [building.buildingId]);
    const linked = new Set(rows.map((r) => r.work_order_id));
    let opened = 0;
    for (const check of building.checks) {
      for (const failed of check.failed) {
        const workOrderId = workOrderIdForCheck(check.checkId, failed.item);
        if (linked.has(workOrderId)) continue;
        try {
          opened += await this.report(workOrderId, building, check, failed);
        } catch (err) {
          this.log.warn(`work order for dormitory check ${check.checkId} item ${failed.item}: ${(err as Error).message}`);
          continue;
        }
        await this.pool.query(
          `INSERT INTO dormitory_check_work_orders (work_order_id, building_id, check_id, item) VALUES ($1, $2, $3, $4) ON CONFLICT (work_order_id) DO NOTHING`,
          [workOrderId, building.buildingId, check.checkId, failed.item],
        );
      }
    }
    return opened;
  }

  /** 1 when this call opened it, 0 when it already existed (an earlier pass, another replica). */
  private report(workOrderId: string, building: DormitoryCheckFailures, check: FailedRoomCheck, { item, note }: RoomCheckResult): Promise<number> {
    const report = {
      workOrderId,
      schoolId: building.schoolId,
      title: `宿舍检查：${check.roomNumber} 房${ITEM_ZH[item]}不合格`.slice(0, 100),
      location: `${building.name} ${check.roomNumber}`.trim().slice(0, 100),
      ...REPAIR_OF[item]!,
      ...(note ? { description: note.slice(0, 1000) } : {}),
      source: { kind: 'inspection' as const, refId: check.checkId },
    };
    return openedOnce('work-order-exists', () =>
      this.commands.run(
        workOrderDecider,
        workOrderId,
        { type: 'ReportWorkOrder', data: report, metadata: { occurredAt: check.checkedAt } },
        { actorId: check.checkedBy, role: SYSTEM_ROLE, schoolId: building.schoolId, correlationId: `dormitory-check-${check.checkId}`, idempotency: NO_KEY },
      ),
    );
  }
}
