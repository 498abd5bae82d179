import { randomBytes } from 'node:crypto';
import { Topics } from '@houqin/contracts';
import { createKafka, ensureTopics, KafkaEventConsumer, KafkaEventPublisher, toOutgoingMessage, topicName } from '@houqin/messaging';
import { createTestDatabase, sql, TestDatabase } from '@houqin/testing';
import { WorkOrderProjection } from '../src/application/work-order-projection';
import { bureauConsumerOptions, prepareFigures } from '../src/infrastructure/event-transport';
import { FacilitiesEventsHandler } from '../src/infrastructure/facilities-events.handler';
import { BUREAU_MIGRATIONS } from '../src/infrastructure/migrations';
import { workOrderStream } from './envelopes';

const runId = `it-${randomBytes(4).toString('hex')}`;
const { kafka: baseKafka, ...bureau } = bureauConsumerOptions();
const options = { ...bureau, kafka: { ...baseKafka, topicPrefix: `${runId}.` }, groupId: `${runId}-bureau` };
const topic = topicName(options.kafka, Topics.facilitiesEvents);
let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase('bureau_rebuild', BUREAU_MIGRATIONS);
  await ensureTopics(createKafka(options.kafka), [{ topic, numPartitions: 1 }]);
});
afterAll(async () => {
  await db?.drop();
  const admin = createKafka(options.kafka).admin();
  await admin.connect();
  await admin.deleteTopics({ topics: (await admin.listTopics()).filter((t) => t.startsWith(options.kafka.topicPrefix)) }).catch(() => undefined);
  await admin.disconnect();
});

/** The bureau's consumer, as the service runs it, until the school's figures show `reported`. */
async function consumeUntil(school: string, reported: number): Promise<void> {
  const projection = new WorkOrderProjection(db.dataSource);
  await prepareFigures(projection, options);
  const handler = new FacilitiesEventsHandler(projection);
  const consumer = new KafkaEventConsumer(options.kafka, { ...options, topics: [topic], consumerOptions: { maxWaitTimeInMs: 200 } });
  await consumer.start((batch) => handler.onFacilitiesEvents(batch));
  try {
    for (const deadline = Date.now() + 30_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 100))) {
      const [row] = await sql<{ reported: number }>(db.schema, 'SELECT reported FROM school_figures WHERE school_id = $1', [school]);
      if (row?.reported === reported) return;
    }
    throw new Error(`figures of ${school} never showed ${reported} reported`);
  } finally {
    await consumer.stop();
  }
}

it('rebuilds the figures from the first event on Kafka when their definition’s version changed, without counting twice', async () => {
  const school = `S${randomBytes(4).toString('hex')}`;
  const [a, b] = [workOrderStream(school), workOrderStream(school)];
  const publisher = new KafkaEventPublisher(options.kafka);
  await publisher.publish([a.reported(), b.reported(), a.completed(2)].map((e) => toOutgoingMessage(topic, e)));
  await consumeUntil(school, 2);

  // Figures built by another version of the definition, and left wrong by it.
  await sql(db.schema, `UPDATE projection_status SET version = 0 WHERE projection = 'work-orders'`);
  await sql(db.schema, `UPDATE school_figures SET completed = 7 WHERE school_id = $1`, [school]);
  const c = workOrderStream(school);
  await publisher.publish([c.reported()].map((e) => toOutgoingMessage(topic, e)));
  await publisher.disconnect();
  await consumeUntil(school, 3);

  const [figures] = await sql(db.schema, 'SELECT reported, open, completed FROM school_figures WHERE school_id = $1', [school]);
  expect(figures).toEqual({ reported: 3, open: 2, completed: 1 });
  const [status] = await sql(db.schema, `SELECT version, events_applied::int AS applied, rebuilt_at IS NOT NULL AS rebuilt FROM projection_status WHERE projection = 'work-orders'`);
  expect(status).toEqual({ version: 1, applied: 4, rebuilt: true });
});

it('projects a figure new to a running bureau from the first event on Kafka, not from where the group stood', async () => {
  const school = `S${randomBytes(4).toString('hex')}`;
  const [a, b] = [workOrderStream(school), workOrderStream(school)];
  const publisher = new KafkaEventPublisher(options.kafka);
  await publisher.publish([a.reported(), a.completed(2)].map((e) => toOutgoingMessage(topic, e)));
  await consumeUntil(school, 1);

  // As if the work-order figures were added only now: no status row, empty tables.
  await sql(db.schema, `DELETE FROM projection_status WHERE projection = 'work-orders'; TRUNCATE work_orders, school_figures`);
  await publisher.publish([b.reported()].map((e) => toOutgoingMessage(topic, e)));
  await publisher.disconnect();
  await consumeUntil(school, 2);

  const [figures] = await sql(db.schema, 'SELECT reported, open, completed FROM school_figures WHERE school_id = $1', [school]);
  expect(figures).toEqual({ reported: 2, open: 1, completed: 1 });
});
