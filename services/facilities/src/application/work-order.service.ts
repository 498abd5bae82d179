import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { CommandContext, CommandExecutor, CommandInput, CommandRunner, LoadedStream, RunResult, streamIdOf, streamNotFound } from '@houqin/event-store';
import { ReportWorkOrder, WorkOrderCommand, workOrderDecider, WorkOrderState } from '../domain/work-order';

/** A work-order command other than the report, as the controller sends it. */
export type WorkOrderAction = CommandInput<Exclude<WorkOrderCommand, ReportWorkOrder>>;

/** Command handlers and reads of 报修工单. */
@Injectable()
export class WorkOrderService {
  constructor(
    private readonly runner: CommandRunner,
    private readonly executor: CommandExecutor,
  ) {}

  async report(fields: Omit<ReportWorkOrder['data'], 'workOrderId' | 'schoolId'>, ctx: CommandContext) {
    const workOrderId = randomUUID();
    const data = { ...fields, workOrderId, schoolId: ctx.schoolId };
    return this.answer(await this.runner.run(workOrderDecider, workOrderId, { type: 'ReportWorkOrder', data }, ctx, { newStream: true }));
  }

  async act(workOrderId: string, command: WorkOrderAction, ctx: CommandContext) {
    return this.answer(await this.runner.run(workOrderDecider, workOrderId, command, ctx));
  }

  /** The current state, or not-found (also for another school's work order: existence is not leaked). */
  async get(workOrderId: string, canRead: (schoolId: string) => boolean): Promise<LoadedStream<WorkOrderState>> {
    const loaded = await this.executor.load(workOrderDecider, streamIdOf(workOrderDecider, workOrderId));
    if (loaded.state.status === 'none' || !canRead(loaded.state.schoolId)) throw streamNotFound(workOrderId);
    return loaded;
  }

  list(query: { schoolId?: string; limit: number }) {
    return this.executor.list(workOrderDecider, { ...query, streamType: workOrderDecider.streamType });
  }

  private answer({ id, ...result }: RunResult) {
    return { workOrderId: id, ...result };
  }
}
