/** A domain event as the pure domain sees it: a type and its data. */
export interface DomainEvent<T extends string = string, D = unknown> {
  type: T;
  data: D;
}

/**
 * The pure core of an aggregate: `decide(command, state) -> events` and
 * `evolve(state, event) -> state`. No I/O; the event store does the rest.
 * Both end their switch with `default: return unknownCommand(command)` / `unknownEvent(event)`:
 * the compiler then refuses a forgotten case, and an unknown type at run time fails loudly.
 */
export interface Decider<C, E extends DomainEvent, S> {
  initialState(): S;
  decide(command: C, state: S): E[];
  evolve(state: S, event: E): S;
}

/** A stored event this decider does not know: its state cannot be rebuilt, so nothing is decided on it. */
export class UnknownEventError extends Error {
  constructor(
    readonly eventType: string,
    where = '',
  ) {
    super(`Cannot fold an event of unknown type ${eventType}${where}: the decider has no case for it`);
    this.name = 'UnknownEventError';
  }
}

export class UnknownCommandError extends Error {
  constructor(readonly commandType: string) {
    super(`No decision for a command of unknown type ${commandType}`);
    this.name = 'UnknownCommandError';
  }
}

/** The exhaustive default of `evolve`: a compile error when a case is missing, a throw at run time. */
export const unknownEvent = (event: never): never => {
  throw new UnknownEventError(String((event as { type?: unknown })?.type));
};

/** The exhaustive default of `decide`. */
export const unknownCommand = (command: never): never => {
  throw new UnknownCommandError(String((command as { type?: unknown })?.type));
};

/** Evolves one event, refusing a decider that returned no state (an evolve without a default case). */
export function evolveOrThrow<E extends DomainEvent, S>(decider: Pick<Decider<unknown, E, S>, 'evolve'>, state: S, event: E, where = ''): S {
  let next: S;
  try {
    next = decider.evolve(state, event);
  } catch (err) {
    if (err instanceof UnknownEventError && where) throw new UnknownEventError(err.eventType, where);
    throw err;
  }
  if (next === undefined) throw new UnknownEventError(event.type, where);
  return next;
}

export const fold = <E extends DomainEvent, S>(decider: Pick<Decider<unknown, E, S>, 'initialState' | 'evolve'>, events: readonly E[]): S =>
  events.reduce((state, event) => evolveOrThrow(decider, state, event), decider.initialState());

/** A decider and the stream type of its aggregate (stream ids are `<streamType>-<id>`). */
export type StreamDecider<C, E extends DomainEvent, S> = Decider<C, E, S> & { readonly streamType: string };
