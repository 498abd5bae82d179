import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { WORK_ORDER_STREAM_TYPE } from '@houqin/contracts';
import { CommandExecutor, CommandResult, IdempotencyKey, LoadedStream, streamNotFound } from '@houqin/event-store';
import { WorkOrderCommand, workOrderDecider, WorkOrderState } from '../domain/work-order';

/** Who sends a command, for the event metadata and the school check. */
export interface CommandContext {
  actorId: string;
  role: string;
  schoolId: string;
  correlationId: string;
  idempotency: IdempotencyKey;
  expectedVersion?: number;
}

export const workOrderStreamId = (workOrderId: string) => `${WORK_ORDER_STREAM_TYPE}-${workOrderId}`;

type WithoutActor<C> = C extends unknown ? Omit<C, 'actorId' | 'actorRole' | 'at'> : never;

/** Command handlers of 报修工单: each turns a request into one executed command. */
@Injectable()
export class WorkOrderService {
  constructor(private readonly executor: CommandExecutor) {}

  report(fields: Omit<Extract<WorkOrderCommand, { type: 'ReportWorkOrder' }>, 'type' | 'workOrderId' | 'schoolId' | 'actorId' | 'actorRole' | 'at'>, ctx: CommandContext) {
    const workOrderId = randomUUID();
    return this.run(workOrderId, { type: 'ReportWorkOrder', workOrderId, schoolId: ctx.schoolId, ...fields }, ctx, true);
  }

  act(workOrderId: string, command: WithoutActor<Exclude<WorkOrderCommand, { type: 'ReportWorkOrder' }>>, ctx: CommandContext) {
    return this.run(workOrderId, command, ctx);
  }

  /** The current state, or not-found (also for another school's work order: existence is not leaked). */
  async get(workOrderId: string, canRead: (schoolId: string) => boolean): Promise<LoadedStream<WorkOrderState>> {
    const loaded = await this.executor.load(workOrderDecider, workOrderStreamId(workOrderId));
    if (loaded.version === 0 || !canRead(loaded.state.schoolId!)) throw streamNotFound(workOrderId);
    return loaded;
  }

  list(query: { schoolId?: string; limit: number }) {
    return this.executor.list(workOrderDecider, { ...query, streamType: WORK_ORDER_STREAM_TYPE });
  }

  private async run(workOrderId: string, command: WithoutActor<WorkOrderCommand>, ctx: CommandContext, newStream = false): Promise<CommandResult & { workOrderId: string }> {
    const now = new Date().toISOString();
    const result = await this.executor.execute({
      decider: workOrderDecider,
      streamId: workOrderStreamId(workOrderId),
      streamType: WORK_ORDER_STREAM_TYPE,
      schoolId: ctx.schoolId,
      command: { ...command, actorId: ctx.actorId, actorRole: ctx.role, at: now } as WorkOrderCommand,
      newStream,
      expectedVersion: ctx.expectedVersion,
      idempotency: ctx.idempotency,
      metadata: { actor: { id: ctx.actorId, role: ctx.role }, correlationId: ctx.correlationId, occurredAt: now },
    });
    return { workOrderId: result.streamId.slice(WORK_ORDER_STREAM_TYPE.length + 1), ...result };
  }
}
