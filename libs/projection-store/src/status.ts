import { inTransaction, LogCheckpoint, SqlClient, SqlPool } from '@houqin/event-store';
import { AnyStoredProjection, tablesOf } from './tables';

export interface ProjectionStatus {
  version: number;
  eventsApplied: number;
  duplicatesAbsorbed: number;
  lastEventAt: string | null;
  checkpoint: LogCheckpoint;
}

export interface Prepared {
  /**
   * The projection must be fed from the first event: it is new here (its status row was just
   * created), or it was rebuilt. A global-log projector starts there by itself (checkpoint 0:0);
   * a consumer of Kafka must rewind its group, or a figure added to a running service would
   * meet its streams in the middle and stop at a gap.
   */
  fromStart: boolean;
  /** The tables were emptied because the definition's version changed. */
  rebuilt: boolean;
  fromVersion?: number;
}

/**
 * Before a projection runs: its status row, and its tables rebuilt if the definition's
 * version is not the one they were built by. The rebuild empties the tables in place
 * (TRUNCATE, in the same transaction as the reset of counters and checkpoint), so readers
 * see an empty or partial model until it caught up again; read-your-writes waits cover it.
 * A rebuild beside the live tables (Marten's blue/green) is a later step.
 */
export async function prepareProjection(pool: SqlPool, projection: AnyStoredProjection): Promise<Prepared> {
  const { name, version } = projection.definition;
  return inTransaction(pool, async (client) => {
    const created = await client.query(`INSERT INTO projection_status (projection, version) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [name, version]);
    if (created.rowCount === 1) return { fromStart: true, rebuilt: false };
    const { rows } = await client.query<{ version: number | null }>(`SELECT version FROM projection_status WHERE projection = $1 FOR UPDATE`, [name]);
    const stored = rows[0].version;
    if (stored === version) return { fromStart: false, rebuilt: false };
    if (stored === null) {
      await client.query(`UPDATE projection_status SET version = $2, updated_at = now() WHERE projection = $1`, [name, version]);
      return { fromStart: false, rebuilt: false };
    }
    await client.query(`TRUNCATE ${tablesOf(projection).join(', ')}`);
    await client.query(
      `UPDATE projection_status SET version = $2, events_applied = 0, duplicates_absorbed = 0, last_event_at = NULL,
              transaction_id = '0', global_position = 0, rebuilt_at = now(), updated_at = now()
        WHERE projection = $1`,
      [name, version],
    );
    return { fromStart: true, rebuilt: true, fromVersion: stored };
  });
}

export async function countApplied(client: SqlClient, name: string, applied: number, duplicates: number): Promise<void> {
  await client.query(
    `UPDATE projection_status SET events_applied = events_applied + $2, duplicates_absorbed = duplicates_absorbed + $3,
            last_event_at = CASE WHEN $2 > 0 THEN now() ELSE last_event_at END, updated_at = now()
      WHERE projection = $1`,
    [name, applied, duplicates],
  );
}

export async function readStatus(client: SqlClient, name: string): Promise<ProjectionStatus | undefined> {
  const { rows } = await client.query<{ version: number | null; events_applied: string; duplicates_absorbed: string; last_event_at: Date | null; transaction_id: string; global_position: string }>(
    `SELECT version, events_applied, duplicates_absorbed, last_event_at, transaction_id::text AS transaction_id, global_position::text AS global_position
       FROM projection_status WHERE projection = $1`,
    [name],
  );
  const r = rows[0];
  if (!r) return undefined;
  return {
    version: r.version ?? 0,
    eventsApplied: Number(r.events_applied),
    duplicatesAbsorbed: Number(r.duplicates_absorbed),
    lastEventAt: r.last_event_at?.toISOString() ?? null,
    checkpoint: { transactionId: r.transaction_id, globalPosition: r.global_position },
  };
}
