import { createHash } from 'node:crypto';
import { MeterKind } from '@houqin/contracts';

/**
 * One meter per building and kind: its id is derived (SHA-1) from the school, the building (trimmed,
 * full-width folded) and the kind, laid out as a v4 UUID since the routes take v4 ids, so installing the same meter twice lands on the
 * existing stream and is refused there (409 meter-exists) without a lookup table.
 */
export function meterIdOf(schoolId: string, building: string, kind: MeterKind): string {
  const name = [schoolId, building.normalize('NFKC').trim(), kind].join('\u0000');
  const hash = createHash('sha1').update(`houqin.meter\u0000${name}`).digest();
  hash[6] = (hash[6] & 0x0f) | 0x40;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
