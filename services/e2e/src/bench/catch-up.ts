import { eventually, sql } from '@houqin/testing';

export interface CatchUpResult {
  events: number;
  seconds: number;
  perSecond: number;
  /** What PostgreSQL's backends of the service waited on, sampled every 250 ms (wait event → samples). */
  waits: Record<string, number>;
}

/** How many of a service's projections have not yet applied its last stored event, and the slowest one's position. */
export async function projectionsBehind(schema: string): Promise<{ behind: number; min: string | null }> {
  const [{ behind, min }] = await sql<{ behind: string; min: string | null }>(
    schema,
    `SELECT count(*) FILTER (WHERE (s.transaction_id, s.global_position) < (e.t, e.g)) AS behind, min(s.global_position)::text AS min
       FROM projection_status s,
            (SELECT transaction_id AS t, global_position AS g FROM events ORDER BY transaction_id DESC, global_position DESC LIMIT 1) e`,
  );
  return { behind: Number(behind), min };
}

/**
 * How fast the service's read models (and its schedulers' views) work off history they have not seen: the caller put
 * `events` events behind them and started the service; this waits until every projection passed the last stored
 * event. A read model rebuilt, or a new one added to a large store, pays this rate.
 */
export async function readModelCatchUp(schema: string, events: number, log: (m: string) => void): Promise<CatchUpResult> {
  const started = Date.now();
  const waits: Record<string, number> = {};
  let lastLog = started;
  await eventually(
    async () => {
      const { behind, min } = await projectionsBehind(schema);
      const rows = await sql<{ wait: string }>(
        'public',
        `SELECT coalesce(wait_event_type || ':' || wait_event, state) AS wait FROM pg_stat_activity
          WHERE datname = current_database() AND pid <> pg_backend_pid() AND state <> 'idle'`,
      );
      for (const { wait } of rows) waits[wait] = (waits[wait] ?? 0) + 1;
      if (Date.now() - lastLog > 10_000) {
        lastLog = Date.now();
        log(`  catch-up: ${behind} projections behind, slowest at position ${min}`);
      }
      return behind === 0 ? true : undefined;
    },
    3_600_000,
    250,
  );
  const seconds = (Date.now() - started) / 1000;
  return { events, seconds, perSecond: events / seconds, waits };
}
