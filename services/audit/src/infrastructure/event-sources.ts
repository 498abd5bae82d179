import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { Pool } from 'pg';
import { Topics } from '@houqin/contracts';
import { SqlPool } from '@houqin/event-store';
import { databaseSettingsFromEnv } from '@houqin/platform';

/** A service whose event store the auditors read: its database (read-only) and its topic. */
export interface EventSource {
  name: string;
  pool: SqlPool;
  topic: string;
}

/** The services whose histories the auditors read by default, and their topics. */
const KNOWN_TOPICS: Record<string, string> = { facilities: Topics.facilitiesEvents, identity: Topics.identityEvents };
export const DEFAULT_AUDIT_SOURCES = Object.keys(KNOWN_TOPICS).join(',');

/**
 * Read-only connections to the audited services' event stores, configured like the
 * services themselves (`<SERVICE>_DATABASE_URL` / `DATABASE_URL`, `<SERVICE>_DB_SCHEMA`).
 * `AUDIT_SOURCES` lists them (default: facilities,identity: work orders; schools, accounts, logins, failures,
 * lockouts and password changes).
 */
@Injectable()
export class EventSources implements OnApplicationShutdown {
  private readonly sources = new Map<string, EventSource & { pool: Pool }>();
  private readonly log = new Logger(EventSources.name);

  constructor() {
    const names = (process.env['AUDIT_SOURCES'] ?? DEFAULT_AUDIT_SOURCES).split(',').map((s) => s.trim()).filter(Boolean);
    for (const name of names) {
      const settings = databaseSettingsFromEnv(name);
      const pool = new Pool({
        connectionString: settings.url,
        max: 4,
        options: `-c search_path=${settings.schema} -c default_transaction_read_only=on`,
        application_name: `houqin-audit-${name}`,
      });
      pool.on('error', (err) => this.log.warn(`${name} event store connection lost: ${err.message}`));
      this.sources.set(name, { name, pool, topic: KNOWN_TOPICS[name] ?? `${name}.events.v1` });
    }
  }

  get(name: string): EventSource | undefined {
    return this.sources.get(name);
  }

  names(): string[] {
    return [...this.sources.keys()];
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([...this.sources.values()].map((s) => s.pool.end()));
  }
}
