import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';

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
