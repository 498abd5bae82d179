import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '@houqin/event-sourcing';
import { CommandRunner, IdempotencyKey, pgPoolOf } from '@houqin/event-store';
import { ReadModels } from '@houqin/projection-store';
import { inspectionPlanDecider } from '../domain/inspection-plan';
import { SYSTEM_ROLE } from '../domain/work-order';
import { inspectionDueTables } from './inspection-due.projection';
import { PeriodicPass } from './periodic-pass';

export const INSPECTION_SCHEDULER_ACTOR = 'inspection-scheduler';
const PAGE = 200;
/** Idempotent by the plan's state (an overdue is raised once per due date): no stored outcome per tick. */
const NO_KEY = undefined as unknown as IdempotencyKey;

/**
 * Turns missed inspections into InspectionOverdue by the injected clock, as the SLA scheduler does for
 * work orders: each tick makes sure its read model (inspection_due, kept by the service's read-model loop) holds
 * every committed event, then runs RaiseInspectionOverdue on each active plan whose due date is before now and
 * not yet raised.
 * Idempotent across restarts and replicas: the plan raises a due date once (its state remembers), and two
 * replicas deciding at once meet on the stream version (the loser retries on fresh state and decides nothing).
 * FACILITIES_INSPECTION_SCAN_INTERVAL_MS (default 60 s; 0: no timer).
 */
@Injectable()
export class InspectionScheduler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly log = new Logger('InspectionScheduler');
  private readonly periodic = new PeriodicPass((signal) => this.scan(signal), this.log);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly commands: CommandRunner,
    private readonly clock: Clock,
    private readonly readModels: ReadModels,
  ) {}

  onApplicationBootstrap(): void {
    this.periodic.start('FACILITIES_INSPECTION_SCAN_INTERVAL_MS', 60_000);
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.periodic.stop();
  }

  /** One scan; answers how many overdue events it raised. */
  tick(): Promise<number> {
    return this.periodic.tick();
  }

  private async scan(signal: AbortSignal): Promise<number> {
    await this.readModels.get(inspectionDueTables.definition.name).catchUp();
    const now = this.clock.now();
    let raised = 0;
    let after = '';
    for (;;) {
      const { rows } = await pgPoolOf(this.dataSource).query<{ plan_id: string; school_id: string }>(
        `SELECT plan_id, school_id FROM inspection_due WHERE watch_at < $1 AND plan_id > $2 ORDER BY plan_id LIMIT ${PAGE}`,
        [now, after],
      );
      for (const row of rows) if (!signal.aborted) raised += await this.raise(row.plan_id, row.school_id);
      if (rows.length < PAGE || signal.aborted) break;
      after = rows[rows.length - 1].plan_id;
    }
    if (raised > 0) await this.readModels.get(inspectionDueTables.definition.name).catchUp();
    return raised;
  }

  private async raise(planId: string, schoolId: string): Promise<number> {
    try {
      const result = await this.commands.run(inspectionPlanDecider, planId, { type: 'RaiseInspectionOverdue', data: {} }, {
        actorId: INSPECTION_SCHEDULER_ACTOR,
        role: SYSTEM_ROLE,
        schoolId,
        correlationId: `inspection-overdue-${planId}`,
        idempotency: NO_KEY,
      });
      return result.events.length;
    } catch (err) {
      this.log.warn(`RaiseInspectionOverdue ${planId}: ${(err as Error).message}`);
      return 0;
    }
  }
}
