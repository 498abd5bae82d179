import { randomUUID } from 'node:crypto';
import { ConcurrencyError, DomainError, IdempotencyKeyReusedError } from '@houqin/event-sourcing';
import { createTestDatabase, relayBacklog, sql, TestDatabase } from '@houqin/testing';
import {
  BEGINNING,
  CommandExecutor,
  EVENT_STORE_MIGRATIONS,
  EventContractError,
  EventsAsOutbox1764300000000,
  OutboxRelay,
  fingerprint,
  PostgresEventStore,
  pgPoolOf,
  readGlobalLog,
  SqlClient,
  SqlPool,
  SqlQuery,
  verifyHashChains,
  verifyHashChainsInSnapshot,
  WriteBatcher,
} from '../src';
import { metadata, tally, TallyCommand, tallyContracts } from './fixtures';

let db: TestDatabase;
let pool: SqlPool;
let executor: CommandExecutor;

beforeAll(async () => {
  db = await createTestDatabase('es', EVENT_STORE_MIGRATIONS);
  pool = pgPoolOf(db.dataSource);
  executor = new CommandExecutor(pool, { contracts: tallyContracts });
});
afterAll(() => db.drop());

const open = (streamId: string, schoolId = 'S001', extra: Partial<Parameters<CommandExecutor['execute']>[0]> = {}) =>
  executor.execute({
    decider: tally,
    streamId,
    streamType: 'Tally',
    schoolId,
    command: { type: 'Open', schoolId, name: streamId } as TallyCommand,
    metadata: metadata(),
    ...extra,
  });

const bump = (streamId: string, by = 1, extra: Partial<Parameters<CommandExecutor['execute']>[0]> = {}) =>
  executor.execute({ decider: tally, streamId, streamType: 'Tally', schoolId: 'S001', command: { type: 'Bump', by } as TallyCommand, metadata: metadata(), ...extra });

const count = async (table: 'events' | 'idempotency_keys', where: string, value: string) =>
  Number((await sql<{ n: string }>(db.schema, `SELECT count(*) AS n FROM ${table} WHERE ${where} = $1`, [value]))[0].n);

describe('appending', () => {
  it('stores events with versions and a hash chain, waiting for the relay behind its checkpoint', async () => {
    const id = `tally-${randomUUID()}`;
    await open(id);
    const result = await bump(id, 2);
    expect(result.version).toBe(2);
    const rows = await sql<{ stream_version: number; prev_hash: string; hash: string; waiting: boolean }>(
      db.schema,
      `SELECT e.stream_version, e.prev_hash, e.hash, EXISTS (SELECT 1 FROM relay_backlog() b WHERE b.global_position = e.global_position) AS waiting
         FROM events e WHERE stream_id = $1 ORDER BY 1`,
      [id],
    );
    expect(rows.map((r) => r.stream_version)).toEqual([1, 2]);
    expect(rows[0].prev_hash).toBe('0'.repeat(64));
    expect(rows[1].prev_hash).toBe(rows[0].hash);
    expect(rows.every((r) => r.waiting)).toBe(true);
    const loaded = await executor.load(tally, id);
    expect(loaded.state.total).toBe(2);
  });

  it('lets exactly one of N racing appends with the same expected version win', async () => {
    const id = `tally-${randomUUID()}`;
    await open(id);
    const [head] = await sql<{ last_hash: string }>(db.schema, `SELECT last_hash FROM streams WHERE stream_id = $1`, [id]);
    const store = new PostgresEventStore();
    const racers = Array.from({ length: 16 }, async (_, i) => {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        await store.appendAndRecord(client, id, [{ type: 'TallyBumped', schemaVersion: 1, data: { schoolId: 'S001', by: i + 1 } }], {
          streamType: 'Tally',
          schoolId: 'S001',
          head: { version: 1, lastHash: head.last_hash },
          metadata: metadata(`racer-${i}`),
        });
        await client.query('COMMIT');
        return 'won';
      } catch (err) {
        await client.query('ROLLBACK');
        if (err instanceof ConcurrencyError) return 'conflict';
        throw err;
      } finally {
        client.release();
      }
    });
    const outcomes = await Promise.all(racers);
    expect(outcomes.filter((o) => o === 'won')).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'conflict')).toHaveLength(15);
    const [{ count }] = await sql<{ count: string }>(db.schema, `SELECT count(*) FROM events WHERE stream_id = $1`, [id]);
    expect(Number(count)).toBe(2);
  });

  it('retries a conflicting command on fresh state when the client gave no expected version', async () => {
    const id = `tally-${randomUUID()}`;
    await open(id);
    const results = await Promise.all(Array.from({ length: 8 }, () => bump(id, 1)));
    expect(results.map((r) => r.version).sort((a, b) => a - b)).toEqual([2, 3, 4, 5, 6, 7, 8, 9]);
    expect((await executor.load(tally, id)).state.total).toBe(8);
  });

  it('answers 409-style when the client-given expected version is stale', async () => {
    const id = `tally-${randomUUID()}`;
    await open(id);
    await bump(id, 1);
    await expect(bump(id, 1, { expectedVersion: 1 })).rejects.toBeInstanceOf(ConcurrencyError);
  });

  it("refuses a command on another school's stream as not found", async () => {
    const id = `tally-${randomUUID()}`;
    await open(id, 'S001');
    await expect(
      executor.execute({ decider: tally, streamId: id, streamType: 'Tally', schoolId: 'S002', command: { type: 'Bump', by: 1 }, metadata: metadata() }),
    ).rejects.toMatchObject({ kind: 'not-found' });
  });
});

describe('events are checked against their contract before they are sealed', () => {
  const nothingStored = async (id: string) => {
    expect(await count('events', 'stream_id', id)).toBe(0);
    expect(Number((await sql<{ n: string }>(db.schema, `SELECT count(*) AS n FROM streams WHERE stream_id = $1`, [id]))[0].n)).toBe(0);
  };

  it.each([
    ['a field over its bound', 'x'.repeat(101), /name/],
    ['a NUL that PostgreSQL cannot hold', 'a\u0000b', /payload\.name: NUL/],
    ['an unpaired surrogate that canonical JSON refuses', 'a\ud800b', /payload\.name: NUL or unpaired surrogate/],
  ])('refuses %s as an internal error naming the event type and field; nothing is stored, nothing waits for the relay', async (_, name, field) => {
    const id = `tally-${randomUUID()}`;
    const key = { scope: 'tester', key: randomUUID(), requestHash: fingerprint({ id }) };
    const failure = open(id, 'S001', { command: { type: 'Open', schoolId: 'S001', name } as TallyCommand, idempotency: key });
    await expect(failure).rejects.toThrow(EventContractError);
    await expect(failure).rejects.toThrow(/TallyOpened/);
    await expect(failure).rejects.toThrow(field);
    await nothingStored(id);
    expect(await count('idempotency_keys', 'key', key.key)).toBe(0);
  });

  it('refuses metadata that breaks the envelope contract and an event whose school is not its stream\'s', async () => {
    const id = `tally-${randomUUID()}`;
    await expect(open(id, 'S001', { metadata: { ...metadata(), correlationId: '' } })).rejects.toThrow(/metadata.*correlationId/s);
    await expect(open(id, 'S001', { command: { type: 'Open', schoolId: 'S002', name: 'x' } as TallyCommand })).rejects.toThrow(/schoolId differs/);
    await nothingStored(id);
  });
});

describe('idempotency', () => {
  const key = (k: string, request: unknown) => ({ scope: 'actor-1', key: k, requestHash: fingerprint(request) });

  it('answers a retried command from the first result and never appends twice', async () => {
    const id = `tally-${randomUUID()}`;
    const k = key(randomUUID(), { id });
    const first = await open(id, 'S001', { idempotency: k });
    const concurrentRetries = await Promise.all([1, 2, 3, 4].map(() => open(id, 'S001', { idempotency: k })));
    for (const retry of concurrentRetries) expect(retry).toEqual(first);
    const [{ count }] = await sql<{ count: string }>(db.schema, `SELECT count(*) FROM events WHERE stream_id = $1`, [id]);
    expect(Number(count)).toBe(1);
  });

  it('replays a domain refusal too', async () => {
    const id = `tally-${randomUUID()}`;
    await open(id);
    const k = key(randomUUID(), { id, by: -1 });
    await expect(bump(id, -1, { idempotency: k })).rejects.toMatchObject({ code: 'bad-bump' });
    await expect(bump(id, -1, { idempotency: k })).rejects.toBeInstanceOf(DomainError);
  });

  it('refuses the same key for a different request', async () => {
    const id = `tally-${randomUUID()}`;
    const k = randomUUID();
    await open(id, 'S001', { idempotency: key(k, { id, a: 1 }) });
    await expect(open(id, 'S001', { idempotency: key(k, { id, a: 2 }) })).rejects.toBeInstanceOf(IdempotencyKeyReusedError);
  });
});

describe('tamper evidence', () => {
  it('verifies untouched chains and names the row edited with SQL', async () => {
    const school = `T${randomUUID().slice(0, 8)}`;
    const ids = [`tally-${randomUUID()}`, `tally-${randomUUID()}`];
    for (const id of ids) {
      await open(id, school);
      for (let i = 0; i < 3; i++) {
        await executor.execute({ decider: tally, streamId: id, streamType: 'Tally', schoolId: school, command: { type: 'Bump', by: 1 }, metadata: metadata() });
      }
    }
    expect(await verifyHashChains(pool, { schoolId: school })).toMatchObject({ ok: true, streamsChecked: 2, eventsChecked: 8 });

    const [target] = await sql<{ global_position: string; event_id: string }>(
      db.schema,
      `UPDATE events SET data = jsonb_set(data, '{by}', '100') WHERE stream_id = $1 AND stream_version = 3 RETURNING global_position, event_id`,
      [ids[1]],
    );
    const report = await verifyHashChains(pool, { schoolId: school });
    expect(report.ok).toBe(false);
    expect(report.breaks).toEqual([
      expect.objectContaining({ streamId: ids[1], streamVersion: 3, reason: 'hash-mismatch', globalPosition: target.global_position, eventId: target.event_id }),
    ]);
  });

  it('detects a deleted event and a truncated stream', async () => {
    const school = `T${randomUUID().slice(0, 8)}`;
    const [a, b] = [`tally-${randomUUID()}`, `tally-${randomUUID()}`];
    for (const id of [a, b]) {
      await open(id, school);
      await executor.execute({ decider: tally, streamId: id, streamType: 'Tally', schoolId: school, command: { type: 'Bump', by: 1 }, metadata: metadata() });
      await executor.execute({ decider: tally, streamId: id, streamType: 'Tally', schoolId: school, command: { type: 'Bump', by: 1 }, metadata: metadata() });
    }
    await sql(db.schema, `DELETE FROM events WHERE stream_id = $1 AND stream_version = 2`, [a]);
    await sql(db.schema, `DELETE FROM events WHERE stream_id = $1 AND stream_version = 3`, [b]);
    const report = await verifyHashChains(pool, { schoolId: school });
    const byStream = Object.fromEntries(report.breaks.map((x) => [x.streamId, x.reason]));
    expect(byStream).toEqual({ [a]: 'version-gap', [b]: 'head-mismatch' });
  });
});

describe('verification under load', () => {
  it('is not fooled by appends that commit while it runs', async () => {
    const school = `V${randomUUID().slice(0, 8)}`;
    const ids = Array.from({ length: 30 }, () => `tally-${randomUUID()}`);
    for (const id of ids) await open(id, school);
    const bumpAll = Promise.all(
      ids.map((id) => executor.execute({ decider: tally, streamId: id, streamType: 'Tally', schoolId: school, command: { type: 'Bump', by: 1 }, metadata: metadata() })),
    );
    const reports = await Promise.all([1, 2, 3].map(() => verifyHashChainsInSnapshot(pool, { schoolId: school })));
    await bumpAll;
    for (const report of reports) expect(report.breaks).toEqual([]);
  });
});

describe('global log', () => {
  it('pages in commit order when transaction ids differ in digits (9 < 20 < 100, as numbers and not as text)', async () => {
    const stream = `tally-txid-${randomUUID()}`;
    // Ids below any real transaction's, so these three rows come first in the log from the beginning.
    await pool.query(
      `INSERT INTO events (transaction_id, event_id, stream_id, stream_type, stream_version, school_id, type, schema_version, data, metadata, prev_hash, hash)
       SELECT t::text::xid8, gen_random_uuid(), $1, 'Tally', v, 'S-TXID', 'TallyOpened', 1, '{}', '{}', '', ''
         FROM unnest(ARRAY[100, 9, 20], ARRAY[1, 2, 3]) AS x(t, v)`,
      [stream],
    );
    try {
      const seen: string[] = [];
      let at = BEGINNING;
      for (let i = 0; i < 3; i++) {
        const page = await readGlobalLog(pool, at, 1);
        seen.push(page.events[0].transactionId);
        at = page.next;
      }
      expect(seen).toEqual(['9', '20', '100']);
    } finally {
      await pool.query(`DELETE FROM events WHERE stream_id = $1`, [stream]);
    }
  });

  it('never skips an event whose transaction commits late', async () => {
    const start = (await readGlobalLog(pool, BEGINNING, 100_000)).next;
    const store = new PostgresEventStore();
    const append = async (client: Awaited<ReturnType<SqlPool['connect']>>, id: string) => {
      const write = await store.appendAndRecord(client, id, [{ type: 'TallyOpened', schemaVersion: 1, data: { schoolId: 'S001', name: id } }], {
        streamType: 'Tally',
        schoolId: 'S001',
        head: null,
        metadata: metadata(),
      });
      if (write.status !== 'appended') throw new Error(`not appended: ${write.status}`);
      return write.append;
    };
    const slow = await pool.connect();
    const fast = await pool.connect();
    try {
      await slow.query('BEGIN');
      const early = await append(slow, `tally-slow-${randomUUID()}`); // takes the lower position first
      await fast.query('BEGIN');
      const late = await append(fast, `tally-fast-${randomUUID()}`);
      await fast.query('COMMIT');
      expect(BigInt(late.events[0].globalPosition)).toBeGreaterThan(BigInt(early.events[0].globalPosition));

      const whileOpen = await readGlobalLog(pool, start, 100);
      expect(whileOpen.events.map((e) => e.eventId)).not.toContain(late.events[0].eventId);

      await slow.query('COMMIT');
      const afterCommit = await readGlobalLog(pool, whileOpen.next, 100);
      expect(afterCommit.events.map((e) => e.eventId)).toEqual(expect.arrayContaining([early.events[0].eventId, late.events[0].eventId]));
    } finally {
      slow.release();
      fast.release();
    }
  });
});

describe('a command in two round trips (houqin_append_batch)', () => {
  const key = (k: string, request: unknown) => ({ scope: 'actor-2', key: k, requestHash: fingerprint(request) });
  const storedOutcome = async (k: string) =>
    (await sql<{ outcome: unknown }>(db.schema, `SELECT outcome FROM idempotency_keys WHERE scope = 'actor-2' AND key = $1`, [k]))[0]?.outcome;

  /** The pool as the executor sees it, every statement observed (and optionally failed after it ran, as a cut connection). */
  const observed = (onQuery: (text: string) => void, failAfter?: (text: string) => boolean): SqlPool => {
    const run = async (target: SqlClient, textOrQuery: string | SqlQuery, values?: unknown[]) => {
      const text = typeof textOrQuery === 'string' ? textOrQuery : textOrQuery.text;
      onQuery(text);
      const result = await (typeof textOrQuery === 'string' ? target.query(textOrQuery, values) : target.query(textOrQuery));
      if (failAfter?.(text)) throw new Error('Connection terminated unexpectedly');
      return result;
    };
    return {
      query: (textOrQuery: string | SqlQuery, values?: unknown[]) => run(pool, textOrQuery, values),
      async connect() {
        const client = await pool.connect();
        type Listener = (err: Error) => void;
        const events = client as unknown as { on(e: string, l: Listener): void; removeListener(e: string, l: Listener): void };
        return {
          query: (textOrQuery: string | SqlQuery, values?: unknown[]) => run(client, textOrQuery, values),
          release: (err?: Error | boolean) => client.release(err),
          on: (e: 'error', l: Listener) => events.on(e, l),
          removeListener: (e: string, l: Listener) => events.removeListener(e, l),
        };
      },
    } as SqlPool;
  };

  const tallyOpen = (exec: CommandExecutor, id: string, extra: Partial<Parameters<CommandExecutor['execute']>[0]> = {}) =>
    exec.execute({ decider: tally, streamId: id, streamType: 'Tally', schoolId: 'S001', command: { type: 'Open', schoolId: 'S001', name: id }, metadata: metadata(), ...extra });

  /** Waits until a statement of this suite's connections is blocked on a lock. */
  const untilBlocked = async () => {
    for (let i = 0; i < 200; i++) {
      const [{ n }] = await sql<{ n: string }>(
        db.schema,
        `SELECT count(*) AS n FROM pg_stat_activity WHERE application_name = $1 AND wait_event_type = 'Lock' AND query LIKE '%houqin_append%'`,
        [`houqin-${db.schema}`],
      );
      if (Number(n) > 0) return;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error('No statement ever waited on a lock');
  };

  it('costs two round trips, no explicit transaction; a replay or a refusal without key costs one', async () => {
    const texts: string[] = [];
    const counting = observed((t) => texts.push(t));
    const exec = new CommandExecutor(counting, { contracts: tallyContracts });
    const id = `tally-${randomUUID()}`;
    const k = key(randomUUID(), { id });

    await tallyOpen(exec, id, { idempotency: k });
    expect(texts).toHaveLength(2);
    expect(texts[1]).toContain('houqin_append');
    expect(texts.some((t) => /\b(BEGIN|COMMIT)\b/i.test(t))).toBe(false);

    texts.length = 0;
    await tallyOpen(exec, id, { idempotency: k });
    expect(texts).toHaveLength(1); // answered from round trip 1

    texts.length = 0;
    await expect(exec.execute({ decider: tally, streamId: id, streamType: 'Tally', schoolId: 'S001', command: { type: 'Bump', by: 0 }, metadata: metadata() })).rejects.toMatchObject({ code: 'bad-bump' });
    expect(texts).toHaveLength(1); // a refusal without a key writes nothing
  });

  it('records exactly the CommandResult it answered', async () => {
    const id = `tally-${randomUUID()}`;
    const k = key(randomUUID(), { id });
    await open(id);
    const result = await bump(id, 3, { idempotency: { ...k, scope: 'actor-2' } });
    expect(await storedOutcome(k.key)).toEqual({ ok: true, result });
    const [row] = await sql<{ global_position: string; event_id: string }>(db.schema, `SELECT global_position::text, event_id FROM events WHERE stream_id = $1 AND stream_version = 2`, [id]);
    expect(result.events).toEqual([{ eventId: row.event_id, type: 'TallyBumped', streamVersion: 2, globalPosition: row.global_position }]);
  });

  it('lets exactly one of N racing first appends of a new stream win; the losers leave nothing', async () => {
    const id = `tally-${randomUUID()}`;
    const events = pool as unknown as { on(e: 'remove', l: () => void): void; removeListener(e: 'remove', l: () => void): void };
    const removed = jest.fn();
    events.on('remove', removed);
    const outcomes = await Promise.all(
      Array.from({ length: 16 }, (_, i) =>
        open(id, 'S001', { expectedVersion: 0, idempotency: key(`${id}-${i}`, { i }) }).then(
          () => 'won',
          (err) => (err instanceof ConcurrencyError ? 'conflict' : Promise.reject(err)),
        ),
      ),
    );
    events.removeListener('remove', removed);
    expect(outcomes.filter((o) => o === 'won')).toHaveLength(1);
    expect(removed).not.toHaveBeenCalled(); // a conflict keeps its connection (pool.query would drop it)
    expect(await count('events', 'stream_id', id)).toBe(1);
    const [{ n }] = await sql<{ n: string }>(db.schema, `SELECT count(*) AS n FROM idempotency_keys WHERE key LIKE $1`, [`${id}-%`]);
    expect(Number(n)).toBe(1); // a conflicting command leaves no key: its retry runs again
  });

  it('refuses a stale head (version or prev hash) as a conflict and writes nothing, not even the key', async () => {
    const id = `tally-${randomUUID()}`;
    await open(id);
    const store = new PostgresEventStore();
    const [head] = await sql<{ last_hash: string }>(db.schema, `SELECT last_hash FROM streams WHERE stream_id = $1`, [id]);
    const write = (head: { version: number; lastHash: string } | null, k: string) =>
      store.appendAndRecord(pool, id, [{ type: 'TallyBumped', schemaVersion: 1, data: { schoolId: 'S001', by: 1 } }], {
        streamType: 'Tally',
        schoolId: 'S001',
        metadata: metadata(),
        
        head,
        idempotency: key(k, { k }),
      });
    const staleHash = randomUUID();
    await expect(write({ version: 1, lastHash: 'f'.repeat(64) }, staleHash)).rejects.toMatchObject({ name: 'ConcurrencyError', actual: 1 });
    const staleVersion = randomUUID();
    await expect(write({ version: 2, lastHash: head.last_hash }, staleVersion)).rejects.toBeInstanceOf(ConcurrencyError);
    await expect(write(null, randomUUID())).rejects.toBeInstanceOf(ConcurrencyError); // 'no-stream' on an existing stream
    expect(await count('events', 'stream_id', id)).toBe(1);
    expect(await count('idempotency_keys', 'key', staleHash)).toBe(0);
    expect(await count('idempotency_keys', 'key', staleVersion)).toBe(0);

    const appended = await write({ version: 1, lastHash: head.last_hash }, randomUUID());
    expect(appended.status).toBe('appended');
    expect((await verifyHashChains(pool, { streamId: id })).ok).toBe(true);
  });

  it('answers concurrent first attempts with the same key once, through the function', async () => {
    const id = `tally-${randomUUID()}`;
    const k = key(randomUUID(), { id });
    const results = await Promise.all(Array.from({ length: 8 }, () => open(id, 'S001', { idempotency: { ...k, scope: 'actor-2' } })));
    for (const r of results) expect(r).toEqual(results[0]);
    expect(await count('events', 'stream_id', id)).toBe(1);
  });

  /** A first attempt that has claimed key `k` (opening `streamId`) in a transaction not yet ended. */
  const firstAttemptInFlight = async (first: Awaited<ReturnType<SqlPool['connect']>>, streamId: string, k: ReturnType<typeof key>) => {
    await first.query('BEGIN');
    return new PostgresEventStore().appendAndRecord(first, streamId, [{ type: 'TallyOpened', schemaVersion: 1, data: { schoolId: 'S001', name: streamId } }], {
      streamType: 'Tally',
      schoolId: 'S001',
      metadata: metadata(),
      
      head: null,
      idempotency: k,
    });
  };

  it('makes a retry wait for the in-flight first attempt, then replays what it committed', async () => {
    const id = `tally-${randomUUID()}`;
    const k = key(randomUUID(), { id });
    const first = await pool.connect();
    try {
      const inFlight = await firstAttemptInFlight(first, id, k);
      const retry = tallyOpen(executor, id, { idempotency: k }); // reads nothing yet, decides, then waits on the key
      await untilBlocked();
      await first.query('COMMIT');
      expect(await retry).toEqual((inFlight.outcome as { result: unknown }).result);
    } finally {
      first.release();
    }
    expect(await count('events', 'stream_id', id)).toBe(1);
  });

  it('runs the retry itself when the in-flight first attempt rolls back', async () => {
    const id = `tally-${randomUUID()}`;
    const k = key(randomUUID(), { id });
    const first = await pool.connect();
    try {
      await firstAttemptInFlight(first, `${id}-elsewhere`, k);
      const retry = tallyOpen(executor, id, { idempotency: k });
      await untilBlocked();
      await first.query('ROLLBACK');
      const result = await retry;
      expect(result).toMatchObject({ streamId: id, version: 1 });
      expect(await storedOutcome(k.key)).toEqual({ ok: true, result });
    } finally {
      first.release();
    }
    expect(await count('events', 'stream_id', `${id}-elsewhere`)).toBe(0);
  });

  it('records a refusal through the function and replays it even after the stream moved on', async () => {
    const id = `tally-${randomUUID()}`;
    await open(id);
    const k = { ...key(randomUUID(), { id, by: -1 }), scope: 'actor-2' };
    await expect(bump(id, -1, { idempotency: k })).rejects.toMatchObject({ code: 'bad-bump' });
    expect(await storedOutcome(k.key)).toMatchObject({ ok: false, error: { code: 'bad-bump', kind: 'invalid' } });
    await bump(id, 1);
    await expect(bump(id, -1, { idempotency: k })).rejects.toMatchObject({ code: 'bad-bump' });
    expect(await count('events', 'stream_id', id)).toBe(2);
  });

  it('replays an answered command even when its expected version is stale by now', async () => {
    const id = `tally-${randomUUID()}`;
    await open(id);
    const k = { ...key(randomUUID(), { id, by: 2 }), scope: 'actor-2' };
    const first = await bump(id, 2, { expectedVersion: 1, idempotency: k });
    expect(await bump(id, 2, { expectedVersion: 1, idempotency: k })).toEqual(first);
    await expect(bump(id, 2, { expectedVersion: 1 })).rejects.toBeInstanceOf(ConcurrencyError);
  });

  it('refuses a key reused for another request inside the function too', async () => {
    const id = `tally-${randomUUID()}`;
    const k = randomUUID();
    await open(id, 'S001', { idempotency: key(k, { a: 1 }) });
    const store = new PostgresEventStore();
    await expect(
      store.appendAndRecord(pool, `${id}-2`, [{ type: 'TallyOpened', schemaVersion: 1, data: { schoolId: 'S001', name: id } }], {
        streamType: 'Tally',
        schoolId: 'S001',
        metadata: metadata(),
        
        head: null,
        idempotency: key(k, { a: 2 }),
      }),
    ).rejects.toBeInstanceOf(IdempotencyKeyReusedError);
    expect(await count('events', 'stream_id', `${id}-2`)).toBe(0);
  });

  it('skips the read for a new stream id: one round trip, and an answered key still replays', async () => {
    const texts: string[] = [];
    const exec = new CommandExecutor(observed((t) => texts.push(t)), { contracts: tallyContracts });
    const id = `tally-${randomUUID()}`;
    const k = key(randomUUID(), { id });
    const first = await tallyOpen(exec, id, { newStream: true, idempotency: k });
    expect(texts).toHaveLength(1);
    expect(texts[0]).toContain('houqin_append_batch');
    // A retry makes up another id (as a handler does); the key answers with the first one.
    expect(await tallyOpen(exec, `tally-${randomUUID()}`, { newStream: true, idempotency: k })).toEqual(first);
    await expect(tallyOpen(exec, id, { newStream: true })).rejects.toBeInstanceOf(ConcurrencyError);
    expect(await count('events', 'stream_id', id)).toBe(1);
  });

  it('retries a keyed command whose answer was lost with the connection, and replays the commit', async () => {
    let failed = false;
    const flaky = observed(
      () => undefined,
      (text) => text.includes('houqin_append') && !failed && (failed = true),
    );
    const onCommitted = jest.fn();
    const exec = new CommandExecutor(flaky, { contracts: tallyContracts, onCommitted });
    const id = `tally-${randomUUID()}`;
    const k = key(randomUUID(), { id });
    const result = await tallyOpen(exec, id, { idempotency: k });
    expect(failed).toBe(true);
    expect(result).toMatchObject({ streamId: id, version: 1 });
    expect(await storedOutcome(k.key)).toEqual({ ok: true, result });
    expect(await count('events', 'stream_id', id)).toBe(1);
    await expect(tallyOpen(exec, `tally-${randomUUID()}`)).resolves.toMatchObject({ version: 1 });
    expect(onCommitted).toHaveBeenCalledTimes(1); // the replay is not a new commit
  });
});

describe('group commit (WriteBatcher)', () => {
  /** An executor whose every statement is counted. */
  const counted = () => {
    const texts: string[] = [];
    const run = (target: SqlClient, q: string | SqlQuery, values?: unknown[]) => {
      texts.push(typeof q === 'string' ? q : q.text);
      return typeof q === 'string' ? target.query(q, values) : target.query(q);
    };
    const counting = {
      query: (q: string | SqlQuery, values?: unknown[]) => run(pool, q, values),
      async connect() {
        const client = await pool.connect();
        return Object.assign(Object.create(client), { query: (q: string | SqlQuery, values?: unknown[]) => run(client, q, values) });
      },
    } as SqlPool;
    const exec = new CommandExecutor(counting, { contracts: tallyContracts, batching: { concurrency: 1 } });
    return { exec, batches: () => texts.filter((t) => t.includes('houqin_append_batch')).length };
  };
  const openWith = (exec: CommandExecutor, id: string) =>
    exec.execute({ decider: tally, streamId: id, streamType: 'Tally', schoolId: 'S001', command: { type: 'Open', schoolId: 'S001', name: id }, metadata: metadata(), newStream: true, expectedVersion: 0 });

  it('writes concurrent commands in fewer statements than commands, each with its own chain', async () => {
    const { exec, batches } = counted();
    const ids = Array.from({ length: 20 }, () => `tally-${randomUUID()}`);
    const results = await Promise.all(ids.map((id) => openWith(exec, id)));
    expect(results.map((r) => r.streamId)).toEqual(ids);
    expect(results.every((r) => r.version === 1)).toBe(true);
    expect(batches()).toBeLessThan(ids.length);
    for (const id of ids) expect((await verifyHashChains(pool, { streamId: id })).ok).toBe(true);
  });

  it('fails only the command that lost its race; the rest of its batch is written', async () => {
    const { exec } = counted();
    const contested = `tally-${randomUUID()}`;
    const others = Array.from({ length: 6 }, () => `tally-${randomUUID()}`);
    const outcomes = await Promise.all(
      [...others, contested, contested, contested].map((id) =>
        openWith(exec, id).then(
          () => 'ok',
          (err) => (err instanceof ConcurrencyError ? 'conflict' : Promise.reject(err)),
        ),
      ),
    );
    expect(outcomes.filter((o) => o === 'conflict')).toHaveLength(2);
    expect(await count('events', 'stream_id', contested)).toBe(1);
    for (const id of others) expect(await count('events', 'stream_id', id)).toBe(1);
  });

  it('writes one by one when a command breaks the statement, so only that command fails', async () => {
    const batcher = new WriteBatcher(pool, new PostgresEventStore(), { concurrency: 1 });
    const options = (head: { version: number; lastHash: string } | null) => ({ streamType: 'Tally', schoolId: 'S001', metadata: metadata(), head });
    const opening = (id: string) => batcher.write({ streamId: id, events: [{ type: 'TallyOpened', schemaVersion: 1, data: { schoolId: 'S001', name: id } }], options: options(null) });
    const broken = `tally-${randomUUID()}`;
    await opening(broken);
    // Version 2 exists but the head still says 1: the compare-and-set passes, the UNIQUE backstop fires.
    await sql(db.schema, `INSERT INTO events (event_id, stream_id, stream_type, stream_version, school_id, type, schema_version, data, metadata, prev_hash, hash)
      SELECT gen_random_uuid(), stream_id, stream_type, 2, school_id, 'TallyBumped', 1, '{"schoolId":"S001","by":1}', metadata, hash, repeat('e', 64)
        FROM events WHERE stream_id = $1`, [broken]);
    const [head] = await sql<{ last_hash: string }>(db.schema, `SELECT last_hash FROM streams WHERE stream_id = $1`, [broken]);

    const others = Array.from({ length: 5 }, () => `tally-${randomUUID()}`);
    const [, ...outcomes] = await Promise.allSettled([
      opening(`tally-${randomUUID()}`), // takes the only slot: the writes below queue into one batch
      batcher.write({ streamId: broken, events: [{ type: 'TallyBumped', schemaVersion: 1, data: { schoolId: 'S001', by: 1 } }], options: options({ version: 1, lastHash: head.last_hash }) }),
      ...others.map(opening),
    ]);
    expect(outcomes[0]).toMatchObject({ status: 'rejected', reason: { code: '23505' } });
    expect(outcomes.slice(1).map((o) => o.status === 'fulfilled' && o.value.status)).toEqual(others.map(() => 'appended'));
    for (const id of others) expect(await count('events', 'stream_id', id)).toBe(1);
  });
});

describe('the events table as the outbox (OutboxRelay)', () => {
  /** A publisher port that records what the broker would have acknowledged, or fails on demand. */
  const recording = () => {
    const sent: { topic: string; streamId: string; streamVersion: number }[] = [];
    let failing = false;
    return {
      sent,
      fail: (on: boolean) => (failing = on),
      publisher: {
        async publish(batch: { topic: string; envelope: { streamId: string; streamVersion: number } }[]) {
          if (failing) throw new Error('broker down');
          sent.push(...batch.map((b) => ({ topic: b.topic, streamId: b.envelope.streamId, streamVersion: b.envelope.streamVersion })));
        },
      },
    };
  };
  const relayOf = (publisher: ReturnType<typeof recording>['publisher']) =>
    new OutboxRelay(pool, publisher, { source: 'test', topic: 'test.events.v1', lockName: `relay-${db.schema}`, batchSize: 7 });
  const backlog = () => relayBacklog(db.schema);

  it('publishes every committed event once, in commit order, and advances only after the broker acknowledged', async () => {
    await relayOf(recording().publisher).drain(); // whatever earlier tests left
    const ids = Array.from({ length: 4 }, () => `tally-${randomUUID()}`);
    for (const id of ids) await open(id);
    for (const id of ids) await bump(id);
    const broker = recording();
    const relay = relayOf(broker.publisher);

    broker.fail(true);
    await expect(relay.drain()).rejects.toThrow('broker down');
    expect(await backlog()).toBe(8); // nothing lost, nothing skipped

    broker.fail(false);
    expect(await relay.drain()).toBe(8);
    expect(broker.sent.map((m) => `${m.streamId}@${m.streamVersion}`)).toEqual([...ids.map((id) => `${id}@1`), ...ids.map((id) => `${id}@2`)]);
    expect(broker.sent.every((m) => m.topic === 'test.events.v1')).toBe(true);
    expect(await backlog()).toBe(0);
    expect(await relay.drain()).toBe(0);
  });

  it('refuses to lead from a checkpoint beyond the server\'s transaction ids (a logical restore) instead of publishing nothing', async () => {
    const [saved] = await sql<{ t: string; p: string }>(db.schema, `SELECT transaction_id::text AS t, global_position::text AS p FROM relay_checkpoints`);
    await sql(db.schema, `UPDATE relay_checkpoints SET transaction_id = '9000000000000'`);
    try {
      await expect(relayOf(recording().publisher).drain()).rejects.toThrow(/beyond the server's transaction ids/);
    } finally {
      await sql(db.schema, `UPDATE relay_checkpoints SET (transaction_id, global_position) = ($1::xid8, $2::bigint)`, [saved.t, saved.p]);
    }
  });

  it('lets an operator count the backlog from any search_path', async () => {
    await open(`tally-${randomUUID()}`);
    const [{ n }] = await sql<{ n: string }>('public', `SELECT count(*) AS n FROM "${db.schema}".relay_backlog()`);
    expect(Number(n)).toBeGreaterThan(0);
  });

  it('follows a checkpoint an operator moved forward instead of moving it back', async () => {
    await relayOf(recording().publisher).drain();
    const skipped = `tally-${randomUUID()}`;
    await open(skipped);
    await sql(db.schema, `UPDATE relay_checkpoints SET (transaction_id, global_position) = (SELECT transaction_id, global_position FROM events WHERE stream_id = $1)`, [skipped]);
    const broker = recording();
    expect(await relayOf(broker.publisher).drain()).toBe(0);
    expect(await backlog()).toBe(0);
  });

  it('starts, after the migration from an outbox table, just before the first event that table had not sent', async () => {
    const old = await createTestDatabase('esold', EVENT_STORE_MIGRATIONS.slice(0, 3));
    try {
      const exec = new CommandExecutor(pgPoolOf(old.dataSource), { contracts: tallyContracts });
      const ids = Array.from({ length: 5 }, () => `tally-${randomUUID()}`);
      for (const id of ids) await exec.execute({ decider: tally, streamId: id, streamType: 'Tally', schoolId: 'S001', command: { type: 'Open', schoolId: 'S001', name: id }, metadata: metadata() });
      // The old relay had sent the first two.
      await sql(old.schema, `INSERT INTO outbox (global_position, topic, sent_at) SELECT global_position, 't', CASE WHEN stream_id = ANY($1) THEN now() END FROM events`, [ids.slice(0, 2)]);
      const runner = old.dataSource.createQueryRunner();
      await new EventsAsOutbox1764300000000().up(runner);
      await runner.release();
      const waiting = await sql<{ stream_id: string }>(old.schema, `SELECT stream_id FROM relay_backlog() ORDER BY transaction_id, global_position`);
      expect(waiting.map((r) => r.stream_id)).toEqual(ids.slice(2));
    } finally {
      await old.drop();
    }
  });
});
