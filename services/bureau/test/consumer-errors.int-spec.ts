import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { Topics } from '@houqin/contracts';
import { createKafka, ensureTopics, KafkaEventConsumer, KafkaEventPublisher, toOutgoingMessage, topicName } from '@houqin/messaging';
import { dataSourceOptions } from '@houqin/platform';
import { createTestDatabase, sql, TestDatabase, TEST_DATABASE_URL } from '@houqin/testing';
import { WorkOrderProjection } from '../src/application/work-order-projection';
import { bureauConsumerOptions } from '../src/infrastructure/event-transport';
import { FacilitiesEventsHandler } from '../src/infrastructure/facilities-events.handler';
import { BUREAU_MIGRATIONS } from '../src/infrastructure/migrations';
import { workOrderStream } from './envelopes';

const runId = `it-${randomBytes(4).toString('hex')}`;
const { kafka: baseKafka, ...bureau } = bureauConsumerOptions();
const kafka = { ...baseKafka, topicPrefix: `${runId}.` };
let db: TestDatabase;
let impatient: DataSource;
let consumer: KafkaEventConsumer | undefined;
let holder: Client | undefined;

beforeAll(async () => {
  db = await createTestDatabase('bureau_kafka', BUREAU_MIGRATIONS);
  // The bureau's projection on a pool whose statements give up after 200 ms, as under an overload's statement_timeout.
  const options = dataSourceOptions({ url: db.url, schema: db.schema, poolSize: 4 }, []);
  impatient = await new DataSource({ ...options, extra: { ...(options as { extra: object }).extra, options: `-c search_path=${db.schema} -c statement_timeout=200` } } as typeof options).initialize();
});
afterAll(async () => {
  await consumer?.stop();
  await holder?.end().catch(() => undefined);
  await impatient?.destroy();
  await db?.drop();
  const admin = createKafka(kafka).admin();
  await admin.connect();
  const topics = (await admin.listTopics()).filter((t) => t.startsWith(kafka.topicPrefix));
  if (topics.length) await admin.deleteTopics({ topics });
  await admin.disconnect();
});

it("waits out the database's transient errors past maxAttempts and dead-letters only what can never succeed", async () => {
  const topic = topicName(kafka, Topics.facilitiesEvents);
  await ensureTopics(createKafka(kafka), [{ topic, numPartitions: 1 }]);
  const school = `S${randomBytes(4).toString('hex')}`;
  const [waiting, doomed] = [workOrderStream(school), workOrderStream(school)];
  const poison = doomed.reported();

  // The school's row stays locked by another session: every apply is cancelled by statement_timeout (57014).
  holder = new Client({ connectionString: TEST_DATABASE_URL, options: `-c search_path=${db.schema}` });
  await holder.connect();
  await holder.query(`INSERT INTO school_figures VALUES ($1, 0, 0, 0, 0, 0, 0)`, [school]);
  await holder.query('BEGIN');
  await holder.query('SELECT 1 FROM school_figures WHERE school_id = $1 FOR UPDATE', [school]);

  const projection = new FacilitiesEventsHandler(new WorkOrderProjection(impatient));
  const failures: string[] = [];
  consumer = new KafkaEventConsumer(kafka, {
    ...bureau, // the bureau's own classification of errors
    groupId: `${runId}-bureau`,
    topics: [topic],
    maxAttempts: 3,
    retryBackoffMs: 10,
    maxBackoffMs: 50,
    consumerOptions: { maxWaitTimeInMs: 500 },
  });
  await consumer.start(async (batch) => {
    try {
      // A statement that can never succeed (22012), for the doomed work order only.
      if (batch.some((e) => e.envelope?.eventId === poison.eventId)) await impatient.query('SELECT 1 / 0');
      await projection.onFacilitiesEvents(batch);
    } catch (err) {
      failures.push((err as { code?: string }).code ?? String(err));
      if (failures.filter((c) => c === '57014').length === 6) await holder!.query('COMMIT'); // the overload passes
      throw err;
    }
  });
  const publisher = new KafkaEventPublisher(kafka);
  await publisher.publish([waiting.reported(), poison, waiting.completed(2)].map((e) => toOutgoingMessage(topic, e)));
  await publisher.disconnect();

  const dlqTopic = consumer.deadLetterTopic;
  const dead = await readAll(dlqTopic, 1);
  await waitFor(async () => Number((await sql<{ completed: number }>(db.schema, 'SELECT completed FROM school_figures WHERE school_id = $1', [school]))[0]?.completed) === 1);

  expect(failures.filter((c) => c === '57014').length).toBeGreaterThanOrEqual(6); // beyond maxAttempts (3)
  expect(failures).toContain('22012');
  expect(dead.map((m) => JSON.parse(m)?.eventId)).toEqual([poison.eventId]);
  const [figures] = await sql(db.schema, 'SELECT reported, open, completed FROM school_figures WHERE school_id = $1', [school]);
  expect(figures).toEqual({ reported: 1, open: 0, completed: 1 });
});

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; await new Promise((r) => setTimeout(r, 100))) {
    if (await condition()) return;
  }
  throw new Error('timed out');
}

/** The values of the first `count` messages of a topic, read from its beginning. */
async function readAll(topic: string, count: number): Promise<string[]> {
  const reader = createKafka(kafka).consumer({ groupId: `${runId}-reader`, maxWaitTimeInMs: 500 });
  const values: string[] = [];
  await reader.connect();
  await reader.subscribe({ topics: [topic], fromBeginning: true });
  await reader.run({ eachMessage: async ({ message }) => void values.push(message.value?.toString() ?? '') });
  try {
    await waitFor(async () => values.length >= count);
    await new Promise((r) => setTimeout(r, 500)); // and no more
    return values;
  } finally {
    await reader.disconnect();
  }
}
