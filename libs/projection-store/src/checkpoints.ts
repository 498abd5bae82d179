import { LogCheckpoint, parseCheckpoint, SqlClient } from '@houqin/event-store';

/**
 * A position a reader can wait for: "transactionId:globalPosition" (a global-log
 * checkpoint) or a bare global position, as a command's answer carries for each event.
 */
export const POSITION_PATTERN = /^\d{1,19}(:\d{1,19})?$/;

/** a ≥ b in the global log's order: (transaction id, global position). */
export function reached(a: LogCheckpoint | undefined, b: LogCheckpoint): boolean {
  if (!a) return false;
  const [at, bt] = [BigInt(a.transactionId), BigInt(b.transactionId)];
  return at > bt || (at === bt && BigInt(a.globalPosition) >= BigInt(b.globalPosition));
}

/**
 * The checkpoint of a position. A bare global position is looked up in the events table
 * (its transaction id decides where it sorts); undefined if no such event is visible.
 */
export async function resolvePosition(client: SqlClient, position: string | LogCheckpoint): Promise<LogCheckpoint | undefined> {
  if (typeof position !== 'string') return position;
  if (!POSITION_PATTERN.test(position)) throw new Error(`Invalid position ${position}`);
  if (position.includes(':')) return parseCheckpoint(position);
  const { rows } = await client.query<{ transaction_id: string }>(`SELECT transaction_id::text AS transaction_id FROM events WHERE global_position = $1`, [position]);
  return rows[0] ? { transactionId: rows[0].transaction_id, globalPosition: position } : undefined;
}
