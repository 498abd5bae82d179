/** A domain event as the pure domain sees it: a type and its data. */
export interface DomainEvent<T extends string = string, D = unknown> {
  type: T;
  data: D;
}

/**
 * The pure core of an aggregate: `decide(command, state) -> events` and
 * `evolve(state, event) -> state`. No I/O; the event store does the rest.
 */
export interface Decider<C, E extends DomainEvent, S> {
  initialState(): S;
  decide(command: C, state: S): E[];
  evolve(state: S, event: E): S;
}

export const fold = <E extends DomainEvent, S>(decider: Pick<Decider<unknown, E, S>, 'initialState' | 'evolve'>, events: readonly E[]): S =>
  events.reduce(decider.evolve, decider.initialState());
