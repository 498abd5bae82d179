import { Injectable, Logger } from '@nestjs/common';
import { RoomCheckItem, WorkOrderCategory } from '@houqin/contracts';
import { DomainError } from '@houqin/event-sourcing';
import { CommandContext, CommandExecutor, CommandRunner, IdempotencyKey, RunResult, streamIdOf } from '@houqin/event-store';
import { CheckRoom, dormitoryDecider, ITEM_ZH } from '../domain/dormitory';
import { workOrderDecider } from '../domain/work-order';
import { nameBasedUuid } from './inspection-ids';

/** What a failed item needs: a repair of this category (hygiene is the cleaners' job, not a work order). */
const REPAIR_OF: Partial<Record<RoomCheckItem, { category: WorkOrderCategory; priority: 'normal' | 'high' }>> = {
  lights: { category: 'electrical', priority: 'normal' },
  'doors-locks': { category: 'carpentry', priority: 'high' },
  windows: { category: 'carpentry', priority: 'normal' },
  beds: { category: 'furniture', priority: 'normal' },
  'fire-safety': { category: 'other', priority: 'high' },
};

/** Idempotent by the work order's id (derived from check and item): a second report is refused as existing. */
const NO_KEY = undefined as unknown as IdempotencyKey;

/**
 * 宿舍设施检查: records the check, then reports a repair (ReportWorkOrder, source inspection + the check's id) for
 * each failed item that needs one. The check's id comes from the request's idempotency key and each work order's
 * id from check + item, so a retried request (the same key) records nothing twice and opens what a crash left out.
 */
@Injectable()
export class DormitoryChecks {
  private readonly log = new Logger('DormitoryChecks');

  constructor(
    private readonly commands: CommandRunner,
    private readonly executor: CommandExecutor,
  ) {}

  async check(buildingId: string, data: Omit<CheckRoom['data'], 'checkId'>, occurredAt: string | undefined, ctx: CommandContext): Promise<RunResult & { checkId: string; workOrderIds: string[] }> {
    const checkId = nameBasedUuid(`dormitory-check:${ctx.idempotency.scope}:${ctx.idempotency.key}`);
    const result = await this.commands.run(dormitoryDecider, buildingId, { type: 'CheckRoom', data: { ...data, checkId }, metadata: { occurredAt } }, ctx);
    const building = (await this.executor.load(dormitoryDecider, streamIdOf(dormitoryDecider, buildingId))).state;
    const name = building.status === 'registered' ? building.name : '';
    const workOrderIds: string[] = [];
    for (const { item, passed, note } of data.results) {
      const repair = REPAIR_OF[item];
      if (passed || !repair) continue;
      const workOrderId = nameBasedUuid(`dormitory-check-work-order:${checkId}:${item}`);
      const report = {
        workOrderId,
        schoolId: ctx.schoolId,
        title: `宿舍检查：${data.roomNumber} 房${ITEM_ZH[item]}不合格`.slice(0, 100),
        location: `${name} ${data.roomNumber}`.trim().slice(0, 100),
        ...repair,
        ...(note ? { description: note.slice(0, 1000) } : {}),
        source: { kind: 'inspection' as const, refId: checkId },
      };
      try {
        await this.commands.run(workOrderDecider, workOrderId, { type: 'ReportWorkOrder', data: report, metadata: { occurredAt } }, { ...ctx, idempotency: NO_KEY });
      } catch (err) {
        if (!(err instanceof DomainError && err.code === 'work-order-exists')) {
          this.log.warn(`work order for dormitory check ${checkId} item ${item}: ${(err as Error).message}`);
          continue;
        }
      }
      workOrderIds.push(workOrderId);
    }
    return { ...result, checkId, workOrderIds };
  }
}
