import { StoredEvent } from '@houqin/event-store';
import { ProjectedEvent } from '@houqin/projections';
import { contracts } from '@houqin/contracts';

/**
 * A stored event as every read model of the service reads it: upcast to the current contract, as the
 * command side folds it, so that no projection ever sees an old payload shape.
 */
export function projectedEvent(e: StoredEvent): ProjectedEvent {
  const stale = e.schemaVersion !== contracts.current(e.type).version;
  return {
    type: e.type,
    streamType: e.streamType,
    streamVersion: e.streamVersion,
    schoolId: e.schoolId,
    payload: stale ? contracts.upcast(e.type, e.schemaVersion, e.data) : e.data,
    streamId: e.streamId,
    globalPosition: e.globalPosition,
    metadata: e.metadata,
    recordedAt: e.recordedAt.toISOString(),
  };
}
