import { ProjectedEvent } from '@houqin/projections';
import { inTransaction, SqlPool } from '@houqin/event-store';
import { applyEvents, ApplyCounts } from './apply-events';
import { countApplied, Prepared, prepareProjection } from './status';
import { AnyStoredProjection } from './tables';

/**
 * Projections fed batches from outside (a Kafka consumer): a batch is applied to every
 * projection in ONE transaction, with each stream's version as the checkpoint. A
 * redelivered event is absorbed; a crash before commit redelivers the whole batch.
 */
export class BatchProjector {
  private readonly projections: AnyStoredProjection[];

  constructor(
    private readonly pool: SqlPool,
    projections: AnyStoredProjection[],
  ) {
    // One order for every applier: projection by projection, so locks are taken in one order.
    this.projections = [...projections].sort((a, b) => (a.definition.name < b.definition.name ? -1 : 1));
  }

  /** Status rows, and the rebuild of any projection whose version changed (before consuming). */
  async prepare(): Promise<Map<string, Prepared>> {
    const prepared = new Map<string, Prepared>();
    for (const p of this.projections) prepared.set(p.definition.name, await prepareProjection(this.pool, p));
    return prepared;
  }

  async apply(events: ProjectedEvent[]): Promise<Map<string, ApplyCounts>> {
    const counts = new Map<string, ApplyCounts>();
    const relevant = this.projections.filter((p) => events.some((e) => e.streamType === p.definition.streamType));
    if (relevant.length === 0) return counts;
    return inTransaction(this.pool, async (client) => {
      for (const p of relevant) {
        const c = await applyEvents(client, p, events);
        await countApplied(client, p.definition.name, c.applied, c.duplicates);
        counts.set(p.definition.name, c);
      }
      return counts;
    });
  }
}
