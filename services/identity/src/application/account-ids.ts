import { createHash } from 'node:crypto';
import { CommandContext, IdempotencyKey } from '@houqin/event-store';

/** A fixed namespace: account ids are UUID v5 of the lower-cased username, so a login finds the stream without a lookup. */
const NAMESPACE = Buffer.from('8d0f5c2a6b1e4f3aa5c94e7b2d1f0a63', 'hex');

/**
 * The account id of a username (UUID v5): the stream `Account-<id>` is the username's, so two
 * accounts can never share one (the second create finds the first and is refused), and a login
 * reads the stream directly. Usernames never change.
 */
export function accountIdOf(username: string): string {
  const h = createHash('sha1').update(NAMESPACE).update(username.toLowerCase(), 'utf8').digest();
  h[6] = (h[6] & 0x0f) | 0x50;
  h[8] = (h[8] & 0x3f) | 0x80;
  const hex = h.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * The context of a command no client key identifies (a login, a refresh, the bootstrap admin): the
 * executor runs it without an idempotency key, each attempt is its own fact.
 */
export const unkeyedContext = (actor: { actorId: string; role: string; schoolId: string; correlationId: string }): CommandContext => ({
  ...actor,
  idempotency: undefined as unknown as IdempotencyKey,
});
