import { Injectable } from '@nestjs/common';
import { CommandContext, CommandRunner, RunResult } from '@houqin/event-store';
import { CheckRoom, dormitoryDecider } from '../domain/dormitory';
import { itemsNeedingRepair } from './dormitory-check-failures.projection';
import { workOrderIdForCheck } from './dormitory-check-work-orders';
import { nameBasedUuid } from './inspection-ids';

/**
 * 宿舍设施检查: records the check, and only that. Its failed items needing a repair become work orders by the process
 * manager (DormitoryCheckWorkOrders, within seconds, never in this request), so a crash or a lost answer after the
 * check committed loses none. The check's id comes from the request's idempotency key, each work order's id from
 * check + item: the answer names the work orders the check calls for, before they exist.
 */
@Injectable()
export class DormitoryChecks {
  constructor(private readonly commands: CommandRunner) {}

  async check(buildingId: string, data: Omit<CheckRoom['data'], 'checkId'>, occurredAt: string | undefined, ctx: CommandContext): Promise<RunResult & { checkId: string; workOrderIds: string[] }> {
    const checkId = nameBasedUuid(`dormitory-check:${ctx.idempotency.scope}:${ctx.idempotency.key}`);
    const result = await this.commands.run(dormitoryDecider, buildingId, { type: 'CheckRoom', data: { ...data, checkId }, metadata: { occurredAt } }, ctx);
    const workOrderIds = itemsNeedingRepair(data.results).map(({ item }) => workOrderIdForCheck(checkId, item));
    return { ...result, checkId, workOrderIds };
  }
}
