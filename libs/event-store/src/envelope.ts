import { EventEnvelope } from '@houqin/contracts';
import { StoredEvent } from './types';

export const toEnvelope = (source: string, e: StoredEvent): EventEnvelope => ({
  eventId: e.eventId,
  type: e.type,
  schemaVersion: e.schemaVersion,
  source,
  streamId: e.streamId,
  streamType: e.streamType,
  streamVersion: e.streamVersion,
  globalPosition: e.globalPosition,
  schoolId: e.schoolId,
  payload: e.data,
  metadata: e.metadata,
  hash: e.hash,
  prevHash: e.prevHash,
});
