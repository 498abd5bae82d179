import { Injectable } from '@nestjs/common';
import { CommandExecutor, LoadedStream, streamIdOf, streamNotFound } from '@houqin/event-store';
import { workOrderDecider, WorkOrderState } from '../domain/work-order';

/** Reads of 报修工单 (commands go straight from the controller to the kit's CommandRunner). */
@Injectable()
export class WorkOrderQueries {
  constructor(private readonly executor: CommandExecutor) {}

  /** The current state, or not-found (also for another school's work order: existence is not leaked). */
  async get(workOrderId: string, canRead: (schoolId: string) => boolean): Promise<LoadedStream<WorkOrderState>> {
    const loaded = await this.executor.load(workOrderDecider, streamIdOf(workOrderDecider, workOrderId));
    if (loaded.state.status === 'none' || !canRead(loaded.state.schoolId)) throw streamNotFound(workOrderId);
    return loaded;
  }

  list(query: { schoolId?: string; limit: number }) {
    return this.executor.list(workOrderDecider, { ...query, streamType: workOrderDecider.streamType });
  }
}
