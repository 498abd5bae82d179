import { createHash } from 'node:crypto';

/**
 * A name-based id over SHA-1, the same on every replica, retry and replay. It carries the v4 layout (not v5's)
 * because the platform's id routes accept v4 only; the hash bits are as unpredictable as a random v4's.
 */
export function nameBasedUuid(name: string): string {
  const h = createHash('sha1').update(`houqin:${name}`).digest();
  h[6] = (h[6] & 0x0f) | 0x40;
  h[8] = (h[8] & 0x3f) | 0x80;
  const hex = h.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The work order a failed item opens: one per inspection and item. */
export const workOrderIdFor = (failedItemKey: string): string => nameBasedUuid(`inspection-work-order:${failedItemKey}`);

/** An inspection's id from the request's idempotency key: a replayed request answers the same id it recorded. */
export const inspectionIdFor = (idempotencyScope: string, idempotencyKey: string): string => nameBasedUuid(`inspection:${idempotencyScope}:${idempotencyKey}`);
