import { ConcurrencyError, Decider, DomainError, DomainEvent, evolveOrThrow } from '@houqin/event-sourcing';
import { ContractRegistry, contracts as platformContracts, ContractViolation, EventMetadata } from '@houqin/contracts';
import { CommandRead, PostgresEventStore } from './event-store';
import { backoffDelay, isTransientDatabaseError, mayHaveCommitted } from './database-errors';
import { withConnection } from './transaction';
import { IdempotencyKey, StoredOutcome } from './idempotency';
import { SqlPool, StoredEvent } from './types';
import { WriteBatcher, WriteBatcherOptions } from './write-batcher';

export interface CommandRequest<C, E extends DomainEvent, S> {
  decider: Decider<C, E, S>;
  streamId: string;
  streamType: string;
  /** School the stream belongs to; a command on another school's stream is refused. */
  schoolId: string;
  command: C;
  /**
   * The stream id was just made up (a new random UUID): there is nothing to read, so the
   * read round trip is skipped. The compare-and-set still refuses an existing stream, and
   * an answered idempotency key is still replayed (by the write).
   */
  newStream?: boolean;
  /** Exact version the client saw (If-Match). Without it, a conflict is retried on fresh state. */
  expectedVersion?: number;
  idempotency?: IdempotencyKey;
  metadata: EventMetadata;
}

/** What a command answers, and what a retry with the same idempotency key gets again. */
export interface CommandResult {
  streamId: string;
  version: number;
  events: { eventId: string; type: string; streamVersion: number; globalPosition: string }[];
}

export interface LoadedStream<S> {
  state: S;
  version: number;
  schoolId?: string;
  events: StoredEvent[];
}

export interface CommandExecutorOptions {
  /**
   * The event contracts (default: the platform's registry). Every event a command decides
   * is checked against them before it is sealed; their versions are stored with the events
   * and older stored payloads are upcast through them before folding.
   */
  contracts?: ContractRegistry;
  /** Called after each commit that appended events (wakes the outbox relay early). */
  onCommitted?: () => void;
  maxConflictRetries?: number;
  /** Group commit of concurrent commands' writes (see WriteBatcher). */
  batching?: WriteBatcherOptions;
}

/**
 * A command decided an event that breaks its contract: a bug (the DTO let through what the
 * contract forbids), answered as an internal error, logged with the event type and fields.
 */
export class EventContractError extends Error {
  constructor(readonly eventType: string, violation: ContractViolation) {
    super(`A command produced a ${eventType} event that breaks its contract; nothing was stored. ${violation.message}`);
    this.name = 'EventContractError';
  }
}

export const streamNotFound = (streamId: string) =>
  new DomainError('not-found', `No such record: ${streamId}`, `记录不存在：${streamId}`, 'not-found');

/**
 * Runs a command against its stream in two round trips and no explicit transaction:
 *  1. read the stream's events (and the outcome stored under the idempotency key, if
 *     any: an answered retry is replayed right here); skipped for a new stream id;
 *  2. fold and decide in Node, seal the hash chain, then ONE statement
 *     (houqin_append_batch, its own transaction in autocommit) claims the key,
 *     compare-and-sets the stream head (version + last hash), appends the events (the
 *     outbox relay reads them from there) and records the outcome. Concurrent commands share that statement and its
 *     commit (group commit, see WriteBatcher).
 * A refusal without a key writes nothing (one round trip); with a key it is recorded so
 * that it replays. A lost race is a ConcurrencyError and leaves nothing behind.
 */
export class CommandExecutor {
  private readonly store = new PostgresEventStore();
  private readonly writes: WriteBatcher;
  private readonly contracts: ContractRegistry;
  private readonly committed = new Set<() => void>();

  constructor(
    private readonly pool: SqlPool,
    private readonly options: CommandExecutorOptions,
  ) {
    this.writes = new WriteBatcher(pool, this.store, options.batching);
    this.contracts = options.contracts ?? platformContracts;
  }

  async execute<C, E extends DomainEvent, S>(request: CommandRequest<C, E, S>): Promise<CommandResult> {
    const retries = request.expectedVersion === undefined ? (this.options.maxConflictRetries ?? 10) : 0;
    let conflicts = 0;
    let outages = 0;
    for (;;) {
      try {
        return await this.attempt(request);
      } catch (err) {
        // An outage or overload (lost connection, too many connections, cancelled statement,
        // read-only failover, serialization failure) is retried a few times with backoff and
        // jitter. A refused statement was rolled back, so any command may retry it; a lost
        // connection leaves the commit unknown, so only a keyed command (its retry replays it).
        if (isTransientDatabaseError(err) && (request.idempotency || !mayHaveCommitted(err)) && outages++ < TRANSIENT_RETRIES) {
          await sleep(backoffDelay(outages, 25, 400));
          continue;
        }
        if (!(err instanceof ConcurrencyError) || conflicts++ >= retries) throw err;
        // Jittered backoff so racing writers of one stream spread out instead of colliding again.
        await sleep(Math.random() * 5 * conflicts);
      }
    }
  }

  /** Also called after each commit that appended events (e.g. a service's read models: look now). Returns the unsubscribe. */
  onCommit(listener: () => void): () => void {
    this.committed.add(listener);
    return () => this.committed.delete(listener);
  }

  async load<C, E extends DomainEvent, S>(decider: Decider<C, E, S>, streamId: string): Promise<LoadedStream<S>> {
    const events = await this.store.readStream(this.pool, streamId);
    return this.fold(decider, events);
  }

  /** The newest streams of a school, folded (one query for the heads, one for their events). */
  async list<C, E extends DomainEvent, S>(
    decider: Decider<C, E, S>,
    query: { schoolId?: string; streamType: string; limit: number; before?: Date },
  ): Promise<(LoadedStream<S> & { streamId: string; createdAt: Date })[]> {
    const heads = await this.store.listStreams(this.pool, query);
    const events = await this.store.readStreams(this.pool, heads.map((h) => h.streamId));
    const byStream = new Map<string, StoredEvent[]>();
    for (const e of events) byStream.set(e.streamId, [...(byStream.get(e.streamId) ?? []), e]);
    return heads.map((h) => ({ streamId: h.streamId, createdAt: h.createdAt, ...this.fold(decider, byStream.get(h.streamId) ?? []) }));
  }

  private async attempt<C, E extends DomainEvent, S>(request: CommandRequest<C, E, S>): Promise<CommandResult> {
    // Round trip 1 (read only): the stream, and the outcome under the key if it was answered.
    const read: CommandRead = request.newStream
      ? { events: [] }
      : await withConnection(this.pool, (client) => this.store.readForCommand(client, request.streamId, request.idempotency));
    if (read.earlier !== undefined) return replay(read.earlier as StoredOutcome<CommandResult>);

    const loaded = this.fold(request.decider, read.events);
    const decided = this.decide(request, loaded);
    // Nothing to append and no key to record the outcome under: nothing to write.
    if (decided.outcome && !request.idempotency) return replay(decided.outcome);

    const events = decided.events.map((e) => this.checked(e, request));
    // Round trip 2: one statement, hence one transaction, shared with concurrent commands.
    const last = loaded.events[loaded.events.length - 1];
    const write = await this.writes.write({
      streamId: request.streamId,
      events,
      options: {
        streamType: request.streamType,
        schoolId: request.schoolId,
        head: last ? { version: last.streamVersion, lastHash: last.hash } : null,
        metadata: request.metadata,
        idempotency: request.idempotency,
        outcome: decided.outcome,
      },
    });
    if ('error' in write) throw write.error;
    if (write.status === 'appended') {
      this.options.onCommitted?.();
      for (const listener of this.committed) listener();
      const { streamId, version, events } = write.append;
      return { streamId, version, events: events.map((e) => ({ eventId: e.eventId, type: e.type, streamVersion: e.streamVersion, globalPosition: e.globalPosition })) };
    }
    // 'recorded': our own refusal (or no-op) is now the key's outcome; 'replayed': an earlier one.
    return replay((write.status === 'recorded' ? decided.outcome : write.outcome) as StoredOutcome<CommandResult>);
  }

  /**
   * Pure: the events to append, or the outcome when there are none (a refusal or a no-op).
   * A version conflict is transient and thrown, never recorded.
   */
  private decide<C, E extends DomainEvent, S>(
    request: CommandRequest<C, E, S>,
    loaded: LoadedStream<S>,
  ): { events: E[]; outcome?: undefined } | { events: []; outcome: StoredOutcome<CommandResult> } {
    let events: E[];
    try {
      if (loaded.schoolId !== undefined && loaded.schoolId !== request.schoolId) throw streamNotFound(request.streamId);
      if (request.expectedVersion !== undefined && request.expectedVersion !== loaded.version) {
        throw new ConcurrencyError(request.streamId, String(request.expectedVersion), loaded.version);
      }
      events = request.decider.decide(request.command, loaded.state);
    } catch (err) {
      // Domain refusals are part of the command's outcome and replay like a success;
      // a version conflict is transient and is not recorded.
      if (err instanceof DomainError && !(err instanceof ConcurrencyError)) return { events: [], outcome: { ok: false, error: describe(err) } };
      throw err;
    }
    if (events.length === 0) return { events: [], outcome: { ok: true, result: { streamId: request.streamId, version: loaded.version, events: [] } } };
    return { events };
  }

  /** The event as the store takes it, once it passed the consumers' own contract check. */
  private checked<E extends DomainEvent>(event: E, request: { schoolId: string; metadata: EventMetadata }) {
    const data = event.data as Record<string, unknown>;
    try {
      this.contracts.checkOutgoing({ type: event.type, payload: data, metadata: request.metadata, schoolId: request.schoolId });
    } catch (err) {
      throw err instanceof ContractViolation ? new EventContractError(event.type, err) : err;
    }
    return { type: event.type, schemaVersion: this.contracts.current(event.type).version, data };
  }

  /**
   * Rebuilds the state. A stored event the decider has no case for (its evolve threw
   * UnknownEventError or returned nothing) fails loudly, naming the stream and version:
   * deciding on a state that silently skipped a fact would be wrong.
   */
  private fold<C, E extends DomainEvent, S>(decider: Decider<C, E, S>, events: StoredEvent[]): LoadedStream<S> {
    const current = (e: StoredEvent) =>
      e.schemaVersion !== this.contracts.current(e.type).version ? this.contracts.upcast(e.type, e.schemaVersion, e.data) : e.data;
    const state = events.reduce(
      (s, e) => evolveOrThrow(decider, s, { type: e.type, data: current(e) } as E, ` (stream ${e.streamId} v${e.streamVersion})`),
      decider.initialState(),
    );
    const last = events[events.length - 1];
    return { state, version: last?.streamVersion ?? 0, schoolId: last?.schoolId, events };
  }
}

/** Retries of a command the database could not serve (see execute). */
const TRANSIENT_RETRIES = 4;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const describe = (err: DomainError) => ({ code: err.code, kind: err.kind, message: err.message, messageZh: err.messageZh });

function replay(outcome: StoredOutcome<CommandResult>): CommandResult {
  if (outcome.ok) return outcome.result;
  const { code, message, messageZh, kind } = outcome.error;
  throw new DomainError(code, message, messageZh, kind as DomainError['kind']);
}

