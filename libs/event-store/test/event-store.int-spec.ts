import { randomUUID } from 'node:crypto';
import { ConcurrencyError, DomainError, IdempotencyKeyReusedError } from '@houqin/event-sourcing';
import { createTestDatabase, sql, TestDatabase } from '@houqin/testing';
import {
  BEGINNING,
  CommandExecutor,
  CreateEventStore1764000000000,
  fingerprint,
  PostgresEventStore,
  pgPoolOf,
  readGlobalLog,
  SqlPool,
  verifyHashChains,
  verifyHashChainsInSnapshot,
} from '../src';
import { metadata, tally, TallyCommand } from './fixtures';

let db: TestDatabase;
let pool: SqlPool;
let executor: CommandExecutor;

beforeAll(async () => {
  db = await createTestDatabase('es', [CreateEventStore1764000000000]);
  pool = pgPoolOf(db.dataSource);
  executor = new CommandExecutor(pool, { topic: 'test.events.v1', schemaVersionOf: () => 1 });
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

describe('appending', () => {
  it('stores events with versions, outbox rows and a hash chain', async () => {
    const id = `tally-${randomUUID()}`;
    await open(id);
    const result = await bump(id, 2);
    expect(result.version).toBe(2);
    const rows = await sql<{ stream_version: number; prev_hash: string; hash: string; sent_at: Date | null }>(
      db.schema,
      `SELECT e.stream_version, e.prev_hash, e.hash, o.sent_at FROM events e JOIN outbox o USING (global_position) WHERE stream_id = $1 ORDER BY 1`,
      [id],
    );
    expect(rows.map((r) => r.stream_version)).toEqual([1, 2]);
    expect(rows[0].prev_hash).toBe('0'.repeat(64));
    expect(rows[1].prev_hash).toBe(rows[0].hash);
    expect(rows.every((r) => r.sent_at === null)).toBe(true);
    const loaded = await executor.load(tally, id);
    expect(loaded.state.total).toBe(2);
  });

  it('lets exactly one of N racing appends with the same expected version win', async () => {
    const id = `tally-${randomUUID()}`;
    await open(id);
    const store = new PostgresEventStore();
    const racers = Array.from({ length: 16 }, async (_, i) => {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        await store.append(client, id, [{ type: 'TallyBumped', schemaVersion: 1, data: { schoolId: 'S001', by: i + 1 } }], {
          streamType: 'Tally',
          schoolId: 'S001',
          expectedVersion: 1,
          metadata: metadata(`racer-${i}`),
          topic: 't',
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

  it("queues 'any' appends behind a row lock instead of failing them", async () => {
    const id = `tally-${randomUUID()}`;
    await open(id);
    const store = new PostgresEventStore();
    await Promise.all(
      Array.from({ length: 10 }, async () => {
        const client = await pool.connect();
        try {
          await client.query('BEGIN');
          await store.append(client, id, [{ type: 'TallyBumped', schemaVersion: 1, data: { schoolId: 'S001', by: 1 } }], {
            streamType: 'Tally',
            schoolId: 'S001',
            expectedVersion: 'any',
            metadata: metadata(),
            topic: 't',
          });
          await client.query('COMMIT');
        } finally {
          client.release();
        }
      }),
    );
    expect((await executor.load(tally, id)).version).toBe(11);
    expect((await verifyHashChains(pool, { streamId: id })).ok).toBe(true);
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
    await sql(db.schema, `DELETE FROM outbox WHERE global_position IN (SELECT global_position FROM events WHERE stream_id = ANY($1) AND stream_version >= 2)`, [[a, b]]);
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
  it('never skips an event whose transaction commits late', async () => {
    const start = (await readGlobalLog(pool, BEGINNING, 100_000)).next;
    const store = new PostgresEventStore();
    const append = (client: Awaited<ReturnType<SqlPool['connect']>>, id: string) =>
      store.append(client, id, [{ type: 'TallyOpened', schemaVersion: 1, data: { schoolId: 'S001', name: id } }], {
        streamType: 'Tally',
        schoolId: 'S001',
        expectedVersion: 'no-stream',
        metadata: metadata(),
        topic: 't',
      });
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
