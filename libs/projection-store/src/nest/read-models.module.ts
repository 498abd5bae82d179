import { BeforeApplicationShutdown, DynamicModule, Injectable, Logger, Module, OnApplicationBootstrap, Optional } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CommandExecutor, pgPoolOf, SqlPool } from '@houqin/event-store';
import { GlobalLogProjector, GlobalLogProjectorOptions } from '../global-log-projector';
import { ProjectorGroup } from '../projector-group';
import { AnyStoredProjection } from '../tables';

/** A service's read models of its own events, by projection name, driven by one loop (a ProjectorGroup). */
export class ReadModels {
  readonly group: ProjectorGroup;

  constructor(
    pool: SqlPool,
    private readonly projectors: ReadonlyMap<string, GlobalLogProjector>,
    options: GlobalLogProjectorOptions = {},
  ) {
    this.group = new ProjectorGroup(pool, [...projectors.values()], options);
  }

  get(name: string): GlobalLogProjector {
    const projector = this.projectors.get(name);
    if (!projector) throw new Error(`No read model ${name}`);
    return projector;
  }

  /** New events committed (the service's CommandExecutor calls it on every commit): every read model looks soon. */
  notify(): void {
    this.group.notify();
  }

  all(): GlobalLogProjector[] {
    return [...this.projectors.values()];
  }
}

/**
 * Prepares (rebuilding any whose version changed) and starts the read models' loop with the app, wakes it on
 * every commit of the service's executor (else it looks at its next poll), stops it before the pool closes.
 */
@Injectable()
class ReadModelsLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly log = new Logger('ReadModels');
  private unsubscribe?: () => void;

  constructor(
    private readonly readModels: ReadModels,
    @Optional() private readonly executor?: CommandExecutor,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.unsubscribe = this.executor?.onCommit(() => this.readModels.notify());
    for (const projector of this.readModels.all()) {
      const prepared = await projector.prepare();
      const { name, version } = projector.projection.definition;
      if (prepared.rebuilt) this.log.warn(`read model ${name}: version ${prepared.fromVersion} → ${version}, rebuilding from the first event`);
    }
    this.readModels.group.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.unsubscribe?.();
    await this.readModels.group.stop();
  }
}

/**
 * The read models a service keeps of its own events (its lists):
 *   imports: [ReadModelsModule.forService([workOrderListTables])]
 * then inject ReadModels and `awaitReadModel(readModels.get('work-order-list'), position, response)`.
 * Needs the service's DataSource (DatabaseModule or EventStoreModule) and the
 * CreateProjectionStatus1764400000000 migration among its own.
 */
@Module({})
export class ReadModelsModule {
  static forService(projections: AnyStoredProjection[], options: GlobalLogProjectorOptions = {}): DynamicModule {
    return {
      module: ReadModelsModule,
      providers: [
        {
          provide: ReadModels,
          useFactory: (dataSource: DataSource) => {
            const pool = pgPoolOf(dataSource);
            const withLog = { log: (m: string) => new Logger('ReadModels').warn(m), ...options };
            return new ReadModels(pool, new Map(projections.map((p) => [p.definition.name, new GlobalLogProjector(pool, p, withLog)])), withLog);
          },
          inject: [getDataSourceToken()],
        },
        ReadModelsLifecycle,
      ],
      exports: [ReadModels],
    };
  }
}
