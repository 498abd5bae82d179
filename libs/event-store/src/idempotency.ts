import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import { IdempotencyKeyReusedError } from '@houqin/event-sourcing';
import { SqlClient } from './types';

/** A command's idempotency key, scoped per client (e.g. per actor). */
export interface IdempotencyKey {
  scope: string;
  key: string;
  /** Fingerprint of the request: same key + different request is refused. */
  requestHash: string;
}

/** The stored outcome of the first execution, replayed to every retry. */
export type StoredOutcome<R> = { ok: true; result: R } | { ok: false; error: { code: string; kind: string; message: string; messageZh: string } };

export const fingerprint = (request: unknown): string =>
  createHash('sha256').update(canonicalize(request) ?? 'null', 'utf8').digest('hex');

/**
 * Claims the key as the first statement of the command's transaction. A concurrent
 * retry with the same key blocks on the primary key until this transaction ends,
 * then sees the stored outcome (READ COMMITTED).
 * Returns the earlier outcome if the key was used before, else undefined.
 * (CommandExecutor claims and records inside houqin_append instead; this pair is for
 * callers that compose their own multi-statement transaction.)
 */
export async function claimIdempotencyKey<R>(client: SqlClient, key: IdempotencyKey): Promise<StoredOutcome<R> | undefined> {
  const claimed = await client.query(
    `INSERT INTO idempotency_keys (scope, key, request_hash) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING 1`,
    [key.scope, key.key, key.requestHash],
  );
  if (claimed.rowCount === 1) return undefined;
  const { rows } = await client.query<{ request_hash: string; outcome: StoredOutcome<R> | null }>(
    `SELECT request_hash, outcome FROM idempotency_keys WHERE scope = $1 AND key = $2`,
    [key.scope, key.key],
  );
  const row = rows[0];
  if (!row || row.request_hash !== key.requestHash) throw new IdempotencyKeyReusedError(key.key);
  if (!row.outcome) throw new Error(`Idempotency key ${key.key} has no outcome`);
  return row.outcome;
}

export async function recordOutcome<R>(client: SqlClient, key: IdempotencyKey, outcome: StoredOutcome<R>): Promise<void> {
  await client.query(`UPDATE idempotency_keys SET outcome = $3 WHERE scope = $1 AND key = $2`, [
    key.scope,
    key.key,
    JSON.stringify(outcome),
  ]);
}
