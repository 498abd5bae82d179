import { Logger } from '@nestjs/common';
import { Client } from 'pg';
import { DataSource, DataSourceOptions, MixedList } from 'typeorm';

export interface DatabaseSettings {
  /** postgres://user@host:port/database */
  url: string;
  /** The service's own schema; every unqualified table lives there (search_path). */
  schema: string;
  poolSize: number;
}

export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/houqin';

/**
 * `<SERVICE>_DATABASE_URL` or `DATABASE_URL` (default: the local server, database `houqin`);
 * `<SERVICE>_DB_SCHEMA` (default: the service name); `<SERVICE>_DB_POOL_SIZE` or `DB_POOL_SIZE`.
 */
export function databaseSettingsFromEnv(service: string, env: NodeJS.ProcessEnv = process.env): DatabaseSettings {
  const prefix = service.toUpperCase().replace(/-/g, '_');
  const schema = env[`${prefix}_DB_SCHEMA`] ?? service.replace(/-/g, '_');
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new Error(`Invalid schema name ${schema}`);
  return {
    url: env[`${prefix}_DATABASE_URL`] ?? env['DATABASE_URL'] ?? DEFAULT_DATABASE_URL,
    schema,
    poolSize: Number(env[`${prefix}_DB_POOL_SIZE`] ?? env['DB_POOL_SIZE'] ?? 20),
  };
}

export function dataSourceOptions(
  settings: DatabaseSettings,
  migrations: MixedList<string | (new () => unknown)>,
  entities: MixedList<string | (new () => unknown)> = [],
): DataSourceOptions {
  return {
    type: 'postgres',
    url: settings.url,
    schema: settings.schema,
    migrations: migrations as DataSourceOptions['migrations'],
    migrationsTableName: 'migrations',
    entities: entities as DataSourceOptions['entities'],
    synchronize: false,
    migrationsRun: false,
    logging: ['error', 'warn', 'migration'],
    extra: {
      max: settings.poolSize,
      options: `-c search_path=${settings.schema}`,
      // A session left idle in a transaction would hold back every global-log reader.
      idle_in_transaction_session_timeout: 60_000,
      application_name: `houqin-${settings.schema}`,
    },
  };
}

/**
 * Creates the database (if missing and allowed) and the schema, then runs the
 * migrations under an advisory lock so two instances starting at once do not race.
 */
export async function openDatabase(options: DataSourceOptions & { schema?: string; url?: string }): Promise<DataSource> {
  const log = new Logger('Database');
  const schema = options.schema ?? 'public';
  await ensureDatabase(options.url ?? DEFAULT_DATABASE_URL, log);
  const admin = new Client({ connectionString: options.url });
  await admin.connect();
  try {
    await admin.query(`SELECT pg_advisory_lock(hashtext($1))`, [`houqin-migrate:${schema}`]);
    await admin.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    const dataSource = await new DataSource(options).initialize();
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    if (applied.length) log.log(`${schema}: applied ${applied.map((m) => m.name).join(', ')}`);
    return dataSource;
  } finally {
    await admin.end();
  }
}

async function ensureDatabase(url: string, log: Logger): Promise<void> {
  const probe = new Client({ connectionString: url });
  try {
    await probe.connect();
    await probe.end();
    return;
  } catch (err) {
    await probe.end().catch(() => undefined);
    if ((err as { code?: string }).code !== '3D000') throw err;
  }
  const target = new URL(url);
  const database = decodeURIComponent(target.pathname.slice(1));
  const maintenance = new URL(url);
  maintenance.pathname = '/postgres';
  const admin = new Client({ connectionString: maintenance.toString() });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${database.replace(/"/g, '""')}"`);
    log.log(`created database ${database}`);
  } catch (err) {
    if ((err as { code?: string }).code !== '42P04') throw err; // created meanwhile by another service
  } finally {
    await admin.end();
  }
}
