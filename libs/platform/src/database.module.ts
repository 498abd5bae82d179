import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { databaseSettingsFromEnv, dataSourceOptions, openDatabase } from './database';

type Migration = new () => unknown;

/**
 * A service's database: its own schema (`<SERVICE>_DB_SCHEMA`, default the service name),
 * created if missing, with its migrations run under an advisory lock at start. Provides the
 * TypeORM DataSource to the whole application.
 *   imports: [DatabaseModule.forService('bureau', [CreateWorkOrderReadModel1764000000100])]
 */
@Module({})
export class DatabaseModule {
  static forService(service: string, migrations: readonly Migration[]): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: () => dataSourceOptions(databaseSettingsFromEnv(service), [...migrations]),
          dataSourceFactory: async (options) => openDatabase(options!),
        }),
      ],
    };
  }
}
