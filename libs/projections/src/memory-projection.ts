import { ProjectedEvent, ProjectionDefinition, step, Versioned } from './projection';
import { Group, sortGroups, zeroSums } from './rollup';

/**
 * A projection run in memory, with the same steps as in PostgreSQL: for a replay (the
 * audit's fold workers), for tests, and for folds too small to need a table.
 */
export class MemoryProjection<Doc, F extends string = never> {
  /** Each stream's document, with what it contributes to its group (kept: a replay would compute it twice per event). */
  private readonly streams = new Map<string, Versioned<Doc> & { group?: string; contribution?: Record<F, number>; spread?: ReadonlyMap<string, Record<F, number>> }>();
  private readonly groups = new Map<string, Record<F, number>>();
  applied = 0;
  duplicates = 0;

  constructor(readonly definition: ProjectionDefinition<Doc, F>) {}

  apply(event: ProjectedEvent): void {
    const key = event.streamType === this.definition.streamType ? this.definition.streamKey(event) : '';
    const current = this.streams.get(key);
    const result = step(this.definition, current, event);
    if (result.kind === 'duplicate') this.duplicates++;
    if (result.kind !== 'applied') return;
    this.applied++;
    if (result.doc === null) return;
    const entry = current ?? { doc: result.doc, version: result.version };
    // The same sums as rollupDelta, without its intermediate objects: a replay runs this per event.
    const rollup = this.definition.rollup;
    if (rollup?.spread && (result.doc !== current?.doc || !current)) {
      for (const [group, contribution] of entry.spread ?? []) this.add(group, contribution, -1);
      entry.spread = rollup.spread(result.doc);
      for (const [group, contribution] of entry.spread) this.add(group, contribution, 1);
    } else if (rollup && (result.doc !== current?.doc || !current)) {
      if (entry.contribution) this.add(entry.group!, entry.contribution, -1);
      entry.group = rollup.groupBy(result.doc);
      entry.contribution = rollup.contribution(result.doc);
      this.add(entry.group, entry.contribution, 1);
    }
    entry.doc = result.doc;
    entry.version = result.version;
    if (!current) this.streams.set(key, entry);
  }

  private add(group: string, contribution: Record<F, number>, sign: 1 | -1): void {
    const fields = this.definition.rollup!.fields;
    let sums = this.groups.get(group);
    if (!sums) this.groups.set(group, (sums = zeroSums(fields)));
    for (const f of fields) sums[f] += sign * contribution[f];
  }

  document(key: string): Versioned<Doc> | undefined {
    return this.streams.get(key);
  }

  groupSums(): Group<F>[] {
    return sortGroups([...this.groups].map(([key, sums]) => ({ key, sums: { ...sums } })));
  }
}
