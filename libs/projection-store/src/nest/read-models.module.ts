import { BeforeApplicationShutdown, DynamicModule, Injectable, Logger, Module, OnApplicationBootstrap, Optional } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CommandExecutor, pgPoolOf } from '@houqin/event-store';
import { GlobalLogProjector, GlobalLogProjectorOptions } from '../global-log-projector';
import { AnyStoredProjection } from '../tables';

/** A service's read models of its own events, by projection name. */
export class ReadModels {
  constructor(private readonly projectors: ReadonlyMap<string, GlobalLogProjector>) {}

  get(name: string): GlobalLogProjector {
    const projector = this.projectors.get(name);
    if (!projector) throw new Error(`No read model ${name}`);
    return projector;
  }

  /** New events committed (the service's CommandExecutor calls it on every commit): every read model looks soon. */
  notify(): void {
    for (const p of this.projectors.values()) p.notify();
  }

  all(): GlobalLogProjector[] {
    return [...this.projectors.values()];
  }
}

/**
 * Prepares (rebuilding any whose version changed) and starts the projectors with the app, wakes them on
 * every commit of the service's executor (else they look at their next poll), stops them before the pool closes.
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
      projector.start();
    }
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.unsubscribe?.();
    await Promise.all(this.readModels.all().map((p) => p.stop()));
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
          useFactory: (dataSource: DataSource) =>
            new ReadModels(new Map(projections.map((p) => [p.definition.name, new GlobalLogProjector(pgPoolOf(dataSource), p, { log: (m) => new Logger('ReadModels').warn(m), ...options })]))),
          inject: [getDataSourceToken()],
        },
        ReadModelsLifecycle,
      ],
      exports: [ReadModels],
    };
  }
}
