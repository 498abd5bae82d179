import { z } from 'zod';
import { TopicName } from './topics';

/**
 * One record per event type: its name, version, stream type, topic and payload schema.
 * Everything else (the event's TypeScript type, its aggregate's union, the type-name lists,
 * the contract registry) is derived from these records, so an event is written down once.
 */
export interface EventDefinition<T extends string = string, D extends Record<string, unknown> = Record<string, unknown>> {
  readonly type: T;
  /** Current schema version; older stored payloads are lifted by the registry's upcasters. */
  readonly version: number;
  /** The aggregate whose stream holds it (stream ids are `<streamType>-<id>`). */
  readonly streamType: string;
  /** Where its producer publishes it. */
  readonly topic: TopicName;
  /** Strict: a field the schema does not name is refused. */
  readonly schema: z.ZodType<D>;
}

/**
 *   export const WorkOrderReported = defineEvent({ type: 'WorkOrderReported', version: 1,
 *     streamType: 'WorkOrder', topic: Topics.facilitiesEvents, schema: z.object({ ... }) });
 *   type Reported = EventOf<typeof WorkOrderReported>; // { type: 'WorkOrderReported'; data: {...} }
 */
export function defineEvent<const T extends string, S extends z.ZodObject>(definition: {
  type: T;
  version: number;
  streamType: string;
  topic: TopicName;
  schema: S;
}): EventDefinition<T, z.infer<S>> & { readonly schema: S } {
  if (!Number.isInteger(definition.version) || definition.version < 1) throw new Error(`${definition.type}: version must be a positive integer`);
  const strict = { ...definition, schema: definition.schema.strict() };
  return Object.freeze(strict) as unknown as EventDefinition<T, z.infer<S>> & { readonly schema: S };
}

/** The event as the domain sees it: `{ type, data }`, data typed by the record's schema. */
export type EventOf<D> = D extends EventDefinition<infer T, infer Data> ? { type: T; data: Data } : never;

/** The union of a group's events (`EventsOf<typeof WorkOrderEvents>`). */
export type EventsOf<G extends readonly EventDefinition[]> = EventOf<G[number]>;

/** The records of one aggregate: all of one stream type, no type twice. */
export function eventGroup<const G extends readonly EventDefinition[]>(events: G): G {
  const streamTypes = new Set(events.map((e) => e.streamType));
  if (streamTypes.size > 1) throw new Error(`An event group holds one stream type, not ${[...streamTypes].join(', ')}`);
  assertUniqueTypes(events);
  return events;
}

/** The type names of a group, for sets that must not forget one (projections, filters). */
export const eventTypesOf = (events: readonly EventDefinition[]): ReadonlySet<string> => new Set(events.map((e) => e.type));

/** Refuses two records of one type name: names are unique across the whole platform. */
export function assertUniqueTypes(events: readonly Pick<EventDefinition, 'type'>[]): void {
  const seen = new Map<string, Pick<EventDefinition, 'type'>>();
  for (const e of events) {
    const first = seen.get(e.type);
    if (first) throw new DuplicateEventTypeError(e.type, [describe(first), describe(e)]);
    seen.set(e.type, e);
  }
}

export class DuplicateEventTypeError extends Error {
  constructor(
    readonly eventType: string,
    owners: string[],
  ) {
    super(`Event type ${eventType} is defined twice (${owners.join(' and ')}): event type names are unique across the platform; prefix one with its domain`);
    this.name = 'DuplicateEventTypeError';
  }
}

const describe = (e: Partial<EventDefinition>) => (e.streamType ? `stream ${e.streamType} on ${e.topic}` : `v${e.version ?? '?'}`);
