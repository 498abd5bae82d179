/**
 * A projection as a pure definition (emmett's shape): which events it reads, which
 * document an event belongs to, and how a document evolves. Storage, locking,
 * idempotency, checkpoints and counters belong to the runner (in memory: MemoryProjection;
 * in PostgreSQL: @houqin/projection-store), so the same definition serves a live read
 * model and an audit's replay.
 */

/** The part of an event envelope a projection reads. */
export interface ProjectedEvent {
  type: string;
  streamType: string;
  streamVersion: number;
  schoolId: string;
  payload: Record<string, unknown>;
  /** Present from both sources (the Kafka envelope, the global log); a list may show them. */
  streamId?: string;
  globalPosition?: string;
  metadata?: { occurredAt?: string; actor?: { id: string; role?: string } };
  /** The store's record time (global-log source only: the envelope does not carry it). */
  recordedAt?: string;
}

/**
 * Sums over the documents, grouped (e.g. per school). Each document contributes a vector
 * of numbers to its group; the runner keeps each group's sums by subtracting what a
 * document contributed before an event and adding what it contributes after. So every
 * sum is a sum over documents: folds of disjoint streams add up (replay workers), and
 * two runs compare field by field.
 */
export interface Rollup<Doc, F extends string> {
  /** The summed fields, in the order they are compared and shown. */
  fields: readonly F[];
  groupBy(doc: Doc): string;
  contribution(doc: Doc): Record<F, number>;
  /**
   * For a document that adds to several groups (a meter's consumption in each month): its contribution
   * per group key. When present, it is used instead of groupBy and contribution.
   */
  spread?(doc: Doc): ReadonlyMap<string, Record<F, number>>;
}

export interface ProjectionDefinition<Doc, F extends string = never> {
  /** Stable name: the key of its status row and checkpoint. */
  name: string;
  /** Bump it when evolve or the documents' shape changes: the runner then rebuilds from the first event. */
  version: number;
  /** Only streams of this type are read; the events of other stream types are ignored. */
  streamType: string;
  /**
   * The event types evolve reads (default: every type of the stream type). The others
   * still advance their stream's version, so a type added later leaves no gap.
   */
  canHandle?: readonly string[];
  /** The document of the event's stream: it carries the stream's last applied version. */
  streamKey(event: ProjectedEvent): string;
  /**
   * Pure: the document after the event. Null only while the stream has none (the event
   * creates nothing); documents are not deleted (keep a status instead), so that a stored
   * version always recognises a redelivery. May throw ProjectionGapError.
   */
  evolve(doc: Doc | null, event: ProjectedEvent): Doc | null;
  rollup?: Rollup<Doc, F>;
}

export class ProjectionGapError extends Error {
  constructor(event: ProjectedEvent, key: string, expected: number, expectedType?: string) {
    super(`${event.type} v${event.streamVersion} of ${event.streamType} ${key} arrived before v${expected}${expectedType ? ` (${expectedType})` : ''}`);
    this.name = 'ProjectionGapError';
  }
}

/** Checks a definition once, where it is declared. */
export function defineProjection<Doc, F extends string = never>(definition: ProjectionDefinition<Doc, F>): ProjectionDefinition<Doc, F> {
  if (!/^[a-z][a-z0-9-]{0,62}$/.test(definition.name)) throw new Error(`Projection name ${definition.name} must be kebab-case`);
  if (!Number.isInteger(definition.version) || definition.version < 1) throw new Error(`Projection ${definition.name}: version must be a positive integer`);
  const fields = definition.rollup?.fields ?? [];
  if (new Set(fields).size !== fields.length) throw new Error(`Projection ${definition.name}: a rollup field is listed twice`);
  return Object.freeze({ ...definition });
}

/** A stream's document with the last stream version applied to it. */
export interface Versioned<Doc> {
  doc: Doc | null;
  version: number;
}

export type Step<Doc> = { kind: 'ignored' } | { kind: 'duplicate' } | { kind: 'applied'; doc: Doc | null; version: number };

/**
 * One event against its stream's document. A version at or below the stored one is a
 * redelivery (absorbed); one beyond the next is a gap (thrown: counting on would count wrong).
 */
export function step<Doc>(definition: ProjectionDefinition<Doc, string>, current: Versioned<Doc> | undefined, event: ProjectedEvent): Step<Doc> {
  if (event.streamType !== definition.streamType) return { kind: 'ignored' };
  const last = current?.version ?? 0;
  if (event.streamVersion <= last) return { kind: 'duplicate' };
  if (event.streamVersion !== last + 1) throw new ProjectionGapError(event, definition.streamKey(event), last + 1);
  const doc = current?.doc ?? null;
  if (handles(definition, event.type)) {
    const next = definition.evolve(doc, event);
    if (doc !== null && next === null) throw new Error(`Projection ${definition.name}: evolve dropped the document of ${definition.streamKey(event)}; documents are kept (use a status)`);
    return { kind: 'applied', doc: next, version: event.streamVersion };
  }
  // An unhandled type on a stream with no document: its first event was missed, and the
  // version it would advance has nowhere to be kept.
  if (doc === null) throw new ProjectionGapError(event, definition.streamKey(event), 1);
  return { kind: 'applied', doc, version: event.streamVersion };
}

const handled = new WeakMap<object, Set<string>>();
function handles(definition: ProjectionDefinition<unknown, string>, type: string): boolean {
  if (!definition.canHandle) return true;
  let types = handled.get(definition);
  if (!types) handled.set(definition, (types = new Set(definition.canHandle)));
  return types.has(type);
}
