import { Topics } from '@houqin/contracts';
import {
  createKafka,
  ensureTopics,
  KafkaEventConsumer,
  KafkaEventPublisher,
  PublishTimeoutError,
  toOutgoingMessage,
  topicName,
} from '../src';
import { workOrderReported } from './fixtures';
import { deleteRunTopics, isolatedConfig, quickStop, readTopic, waitFor } from './kafka-helpers';
import { outageSwitch } from './outage';

const config = isolatedConfig();
const topic = topicName(config, Topics.facilitiesEvents);
const outage = outageSwitch();
const kafka = createKafka(config, { socketFactory: outage.socketFactory });
// Bounded by kafkajs' own (finite) retries, and by a short caller-side timeout.
const patient = new KafkaEventPublisher(config, { client: kafka, publishTimeoutMs: 30_000 });
const impatient = new KafkaEventPublisher(config, { client: kafka, publishTimeoutMs: 2_000 });

const timed = async (p: Promise<unknown>): Promise<{ ms: number; error?: unknown }> => {
  const t0 = Date.now();
  try {
    await p;
    return { ms: Date.now() - t0 };
  } catch (error) {
    return { ms: Date.now() - t0, error };
  }
};

const consumer = new KafkaEventConsumer(config, {
  groupId: `${config.runId}-outage`,
  topics: [topic],
  sessionTimeout: 6000, // rejoining after the outage waits for the old member's session to expire
  consumerOptions: quickStop,
  client: createKafka(config, { socketFactory: outage.socketFactory }),
});
const consumed: number[] = [];

beforeAll(async () => {
  await ensureTopics(createKafka(config), [{ topic }]);
  await consumer.start(async (batch) => void consumed.push(...batch.map((e) => e.envelope!.streamVersion)));
});
afterAll(async () => {
  await Promise.all([patient.disconnect(), impatient.disconnect(), consumer.stop()]);
  await deleteRunTopics(config);
});

it('rejects in bounded time while the broker is unreachable and recovers afterwards', async () => {
  const msg = (v: number) => toOutgoingMessage(topic, workOrderReported('wo-outage', v));
  await patient.publish([msg(1)]);
  await impatient.publish([msg(2)]);

  outage.down();
  const [slow, fast] = await Promise.all([timed(patient.publish([msg(3)])), timed(impatient.publish([msg(3)]))]);
  outage.up();

  // eslint-disable-next-line no-console
  console.log(`outage: patient rejected after ${slow.ms} ms (${String(slow.error)}); impatient after ${fast.ms} ms`);
  expect(slow.error).toBeDefined();
  expect(slow.ms).toBeLessThan(30_000);
  expect(fast.error).toBeInstanceOf(PublishTimeoutError);
  expect(fast.ms).toBeLessThan(3_000);

  // Back up: both publish again (fresh producers), the impatient one after its abandoned send settled.
  expect((await timed(patient.publish([msg(4)]))).error).toBeUndefined();
  // The impatient caller's abandoned send may still be retrying: calls queue behind it (and
  // time out) until it settles; a caller retries like an outbox relay would.
  let tries = 0;
  while ((await timed(impatient.publish([msg(5)]))).error) expect(++tries).toBeLessThan(10);

  const reader = await readTopic(config, topic);
  await waitFor(() => reader.messages.length >= 4, 20_000, 'published messages');
  await reader.stop();
  const versions = reader.messages.map((m) => JSON.parse(m.value!.toString()).streamVersion);
  expect(versions).toEqual(expect.arrayContaining([1, 2, 4, 5]));
  // The consumer lived through the same outage (kafkajs restarts it) and caught up.
  await waitFor(() => [1, 2, 4, 5].every((v) => consumed.includes(v)), 30_000, 'consumer to catch up');
});
