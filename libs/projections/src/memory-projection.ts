import { ProjectedEvent, ProjectionDefinition, step, Versioned } from './projection';
import { addInto, Group, rollupDelta, sortGroups, zeroSums } from './rollup';

/**
 * A projection run in memory, with the same steps as in PostgreSQL: for a replay (the
 * audit's fold workers), for tests, and for folds too small to need a table.
 */
export class MemoryProjection<Doc, F extends string = never> {
  private readonly streams = new Map<string, Versioned<Doc>>();
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
    const rollup = this.definition.rollup;
    if (rollup) {
      for (const [group, delta] of rollupDelta(rollup, current?.doc ?? null, result.doc)) {
        const sums = this.groups.get(group) ?? zeroSums(rollup.fields);
        addInto(rollup.fields, sums, delta);
        this.groups.set(group, sums);
      }
    }
    if (result.doc !== null) this.streams.set(key, { doc: result.doc, version: result.version });
  }

  document(key: string): Versioned<Doc> | undefined {
    return this.streams.get(key);
  }

  groupSums(): Group<F>[] {
    return sortGroups([...this.groups].map(([key, sums]) => ({ key, sums: { ...sums } })));
  }
}
