import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '@houqin/event-sourcing';
import { CommandRunner, IdempotencyKey, pgPoolOf } from '@houqin/event-store';
import { ReadModels } from '@houqin/projection-store';
import { SYSTEM_ROLE, workOrderDecider } from '../domain/work-order';
import { PeriodicPass } from './periodic-pass';
import { workOrderDeadlineTables } from './work-order-deadlines.projection';

export const SLA_SCHEDULER_ACTOR = 'sla-scheduler';
const PAGE = 200;
const CONCURRENCY = 16;
/** The scheduler's commands carry no idempotency key: they are idempotent by the order's state, and store no outcome per tick. */
const NO_KEY = undefined as unknown as IdempotencyKey;

/**
 * Turns passed deadlines into events (WorkOrderResponseOverdue / WorkOrderCompletionOverdue) by the
 * injected clock. Each tick makes sure its read model (work_order_deadlines, kept by the service's read-model
 * loop) holds every committed event, then runs RaiseOverdue on each order whose next deadline is before now.
 * Idempotent across restarts and replicas: the decider raises a kind only once (its state remembers), two
 * replicas deciding at once meet on the stream version (the loser retries on fresh state and decides nothing).
 * FACILITIES_SLA_SCAN_INTERVAL_MS (default 60 s; 0: no timer, tests call tick()).
 */
@Injectable()
export class SlaScheduler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly log = new Logger('SlaScheduler');
  private readonly periodic = new PeriodicPass((signal) => this.scan(signal), this.log);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly commands: CommandRunner,
    private readonly clock: Clock,
    private readonly readModels: ReadModels,
  ) {}

  onApplicationBootstrap(): void {
    this.periodic.start('FACILITIES_SLA_SCAN_INTERVAL_MS', 60_000);
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.periodic.stop();
  }

  /** One scan; answers how many overdue events it raised. A tick still running is joined, not doubled. */
  tick(): Promise<number> {
    return this.periodic.tick();
  }

  private async scan(signal: AbortSignal): Promise<number> {
    const deadlines = this.readModels.get(workOrderDeadlineTables.definition.name);
    await deadlines.catchUp();
    const now = this.clock.now();
    let raised = 0;
    let after = '';
    for (;;) {
      const { rows } = await pgPoolOf(this.dataSource).query<{ work_order_id: string; school_id: string; last_version: number }>(
        `SELECT work_order_id, school_id, last_version FROM work_order_deadlines
          WHERE next_due_at < $1 AND work_order_id > $2 ORDER BY work_order_id LIMIT ${PAGE}`,
        [now, after],
      );
      // A few commands at a time: they share the executor's group commit, and a page stays bounded.
      for (let i = 0; i < rows.length && !signal.aborted; i += CONCURRENCY) {
        const chunk = rows.slice(i, i + CONCURRENCY).map((r) => this.raise(r.work_order_id, r.school_id, r.last_version));
        for (const n of await Promise.all(chunk)) raised += n;
      }
      if (rows.length < PAGE || signal.aborted) break;
      after = rows[rows.length - 1].work_order_id;
    }
    if (raised > 0) await deadlines.catchUp();
    return raised;
  }

  private async raise(workOrderId: string, schoolId: string, version: number): Promise<number> {
    try {
      const result = await this.commands.run(workOrderDecider, workOrderId, { type: 'RaiseOverdue', data: {} }, {
        actorId: SLA_SCHEDULER_ACTOR,
        role: SYSTEM_ROLE,
        schoolId,
        correlationId: `sla-${workOrderId}-v${version}`,
        idempotency: NO_KEY,
      });
      return result.events.length;
    } catch (err) {
      this.log.warn(`RaiseOverdue ${workOrderId}: ${(err as Error).message}`);
      return 0;
    }
  }
}
