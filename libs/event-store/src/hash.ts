import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import { EventMetadata } from '@houqin/contracts';

/** prev_hash of the first event of every stream. */
export const GENESIS_HASH = '0'.repeat(64);

/** Everything about an event that the hash seals (RFC 8785 canonical JSON). */
export interface HashedFields {
  eventId: string;
  streamId: string;
  streamType: string;
  streamVersion: number;
  schoolId: string;
  type: string;
  schemaVersion: number;
  data: Record<string, unknown>;
  metadata: EventMetadata;
  prevHash: string;
}

export function canonicalForm(fields: HashedFields): string {
  const text = canonicalize({
    eventId: fields.eventId,
    streamId: fields.streamId,
    streamType: fields.streamType,
    streamVersion: fields.streamVersion,
    schoolId: fields.schoolId,
    type: fields.type,
    schemaVersion: fields.schemaVersion,
    data: fields.data,
    metadata: fields.metadata,
    prevHash: fields.prevHash,
  });
  if (text === undefined) throw new Error('Event cannot be canonicalized');
  return text;
}

export const hashEvent = (fields: HashedFields): string =>
  createHash('sha256').update(canonicalForm(fields), 'utf8').digest('hex');
