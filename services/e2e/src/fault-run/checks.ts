import { Kafka } from 'kafkajs';
import { sql } from '@houqin/testing';
import { CommandRecord } from './load';

export interface Check {
  name: string;
  ok: boolean;
  detail: string;
}

const check = (name: string, ok: boolean, detail: string): Check => ({ name, ok, detail });

/** Every acknowledged command is stored exactly once, under its idempotency key, with its events. */
export async function acknowledgedExactlyOnce(schema: string, records: CommandRecord[]): Promise<Check> {
  const acked = records.filter((r) => r.outcome === 'acknowledged');
  const rows = await sql<{ key: string; ok: boolean; events: number }>(
    schema,
    `SELECT k.key, (k.outcome->>'ok')::boolean AS ok, jsonb_array_length(k.outcome->'result'->'events') AS events
       FROM idempotency_keys k WHERE k.key = ANY($1)`,
    [acked.map((r) => r.key)],
  );
  const byKey = new Map(rows.map((r) => [r.key, r]));
  const missing = acked.filter((r) => !byKey.get(r.key)?.ok);
  const created = acked.filter((r) => r.createdId && STARTS[r.kind]).map((r) => ({ streamId: `${STARTS[r.kind]!.streamType}-${r.createdId}`, type: STARTS[r.kind]!.type }));
  const counted = await sql<{ stream_id: string; n: string }>(
    schema,
    `SELECT e.stream_id, count(*) AS n FROM events e JOIN unnest($1::text[], $2::text[]) AS c(stream_id, type) USING (stream_id, type) GROUP BY e.stream_id`,
    [created.map((c) => c.streamId), created.map((c) => c.type)],
  );
  const createdOnce = counted.filter((c) => Number(c.n) === 1).length;
  return check(
    'every acknowledged command is stored exactly once',
    missing.length === 0 && createdOnce === created.length,
    `${acked.length} acknowledged; ${missing.length} without a stored outcome; ${createdOnce}/${created.length} created work orders and assets have exactly one creating event`,
  );
}

/** The commands that start a stream, and the event that starts it (exactly one per acknowledged command). */
const STARTS: Partial<Record<CommandRecord['kind'], { streamType: string; type: string }>> = {
  report: { streamType: 'WorkOrder', type: 'WorkOrderReported' },
  'register-asset': { streamType: 'Asset', type: 'AssetRegistered' },
};

/** Nothing is half-written: each transaction left all of its rows or none. */
export async function nothingHalfWritten(schema: string, records: CommandRecord[]): Promise<Check> {
  const [row] = await sql<Record<string, string>>(
    schema,
    `SELECT
       (SELECT count(*) FROM idempotency_keys WHERE outcome IS NULL) AS keys_without_outcome,
       (SELECT count(*) FROM streams s WHERE s.version <> (SELECT count(*) FROM events e WHERE e.stream_id = s.stream_id)) AS streams_off_count,
       (SELECT count(*) FROM events e WHERE (e.metadata->>'correlationId') IS NULL) AS events_without_metadata`,
  );
  const unanswered = records.filter((r) => r.outcome !== 'acknowledged').map((r) => r.key);
  const stored = await sql<{ key: string; events: number }>(
    schema,
    `SELECT key, COALESCE(jsonb_array_length(outcome->'result'->'events'), 0) AS events FROM idempotency_keys WHERE key = ANY($1)`,
    [unanswered],
  );
  const bad = Object.entries(row).filter(([, v]) => Number(v) !== 0);
  return check(
    'no command is half-written',
    bad.length === 0,
    `${unanswered.length} commands without a 2xx answer: ${stored.length} committed whole (answer lost), ${unanswered.length - stored.length} left nothing; ` +
      (bad.length ? `inconsistent rows: ${bad.map(([k, v]) => `${k}=${v}`).join(', ')}` : 'every key has its outcome, every stream head its events, every event its metadata'),
  );
}

/** Every stored event reached Kafka: read back with an outside client from the beginning. */
export async function everyEventPublished(schema: string, kafka: Kafka, topic: string): Promise<Check & { published: number; unique: number }> {
  const stored = await sql<{ event_id: string }>(schema, `SELECT event_id FROM events`);
  const admin = kafka.admin();
  await admin.connect();
  const offsets = await admin.fetchTopicOffsets(topic);
  await admin.disconnect();
  const ends = new Map(offsets.filter((o) => Number(o.high) > Number(o.low)).map((o) => [o.partition, Number(o.high)]));
  const seen: string[] = [];
  const consumer = kafka.consumer({ groupId: `fault-check-${Date.now()}`, allowAutoTopicCreation: false });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await new Promise<void>((resolve) => {
    if (ends.size === 0) resolve();
    void consumer.run({
      autoCommit: false,
      eachBatch: async ({ batch }) => {
        for (const m of batch.messages) if (Number(m.offset) < (ends.get(batch.partition) ?? 0)) seen.push(m.headers?.['houqin-event-id']?.toString() ?? '');
        if (Number(batch.lastOffset()) + 1 >= (ends.get(batch.partition) ?? 0)) ends.delete(batch.partition);
        if (ends.size === 0) resolve();
      },
    });
  });
  await consumer.disconnect();
  const unique = new Set(seen);
  const missing = stored.filter((e) => !unique.has(e.event_id));
  return {
    ...check(
      'every stored event reached its Kafka topic',
      missing.length === 0,
      `${stored.length} stored, ${seen.length} messages on ${topic} (${unique.size} distinct, ${seen.length - unique.size} republished), ${missing.length} missing`,
    ),
    published: seen.length,
    unique: unique.size,
  };
}
