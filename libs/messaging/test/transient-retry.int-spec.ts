import { Topics } from '@houqin/contracts';
import { ConsumedEvent, createKafka, ensureTopics, KafkaEventConsumer, KafkaEventPublisher, toOutgoingMessage, topicName } from '../src';
import { workOrderReported } from './fixtures';
import { deleteRunTopics, isolatedConfig, quickStop, readTopic, waitFor } from './kafka-helpers';

const config = isolatedConfig();
const publisher = new KafkaEventPublisher(config);
const consumers: KafkaEventConsumer[] = [];
const readers: (() => Promise<void>)[] = [];

beforeAll(() => publisher.connect());
afterAll(async () => {
  await Promise.all([...consumers.map((c) => c.stop()), ...readers.map((stop) => stop())]);
  await publisher.disconnect();
  await deleteRunTopics(config);
});

/** What the caller's classifier would call an outage (here: PostgreSQL's statement_timeout). */
const cancelled = () => Object.assign(new Error('canceling statement due to statement timeout'), { code: '57014' });
const isTransient = (e: unknown) => (e as { code?: string }).code === '57014';

async function consume(name: string, events: ReturnType<typeof workOrderReported>[], handler: (batch: ConsumedEvent[]) => Promise<void>) {
  const topic = topicName(config, `${name}.${Topics.facilitiesEvents}`);
  await ensureTopics(createKafka(config), [{ topic, numPartitions: 1 }]);
  await publisher.publish(events.map((e) => toOutgoingMessage(topic, e)));
  const consumer = new KafkaEventConsumer(config, {
    groupId: `${config.runId}-${name}`,
    topics: [topic],
    maxAttempts: 3,
    retryBackoffMs: 10,
    maxBackoffMs: 40,
    isTransient,
    consumerOptions: quickStop,
  });
  consumers.push(consumer);
  await consumer.start(handler);
  const dlq = await readTopic(config, consumer.deadLetterTopic);
  readers.push(dlq.stop);
  return dlq;
}

it('retries a transient failure past maxAttempts without dead-lettering, and dead-letters a failure of the message itself', async () => {
  const events = Array.from({ length: 6 }, (_, i) => workOrderReported(`wo-t${i}`, 1));
  const [outage, doomed] = [events[1].eventId, events[4].eventId];
  let transientFailures = 0;
  const handled = new Set<string>();
  const dlq = await consume('transient', events, async (batch) => {
    if (batch.some((e) => e.envelope!.eventId === outage) && transientFailures < 8) {
      transientFailures++;
      throw cancelled();
    }
    if (batch.some((e) => e.envelope!.eventId === doomed)) throw new Error('division by zero');
    batch.forEach((e) => handled.add(e.envelope!.eventId));
  });

  await waitFor(() => handled.size === 5 && dlq.messages.length === 1, 30_000, 'five handled, one dead letter');
  await new Promise((r) => setTimeout(r, 300)); // nothing else is dead-lettered
  expect(transientFailures).toBe(8); // more than maxAttempts (3)
  expect(handled.has(outage)).toBe(true);
  expect(dlq.messages).toHaveLength(1);
  expect(JSON.parse(dlq.messages[0].value!.toString()).eventId).toBe(doomed);
  expect(dlq.messages[0].headers!['houqin-dlq-attempts']?.toString()).toBe('3');
});

it('retries a whole batch that failed transiently as a batch, not one message per call', async () => {
  const events = Array.from({ length: 20 }, (_, i) => workOrderReported(`wo-b${i}`, 1));
  const calls: number[] = [];
  const handled = new Set<string>();
  await consume('batch', events, async (batch) => {
    calls.push(batch.length);
    if (calls.length <= 4) throw cancelled();
    batch.forEach((e) => handled.add(e.envelope!.eventId));
  });
  await waitFor(() => handled.size === 20, 30_000, 'all handled');
  expect(calls[0]).toBeGreaterThan(1);
  expect(calls.slice(0, 5)).toEqual(Array(5).fill(calls[0])); // four failures, then the same batch succeeds
  expect(calls.length).toBeLessThan(20);
});
