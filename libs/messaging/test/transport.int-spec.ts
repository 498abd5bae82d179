import { Controller, INestApplication, UseFilters } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { Test } from '@nestjs/testing';
import { Topics } from '@houqin/contracts';
import {
  ConsumedEvent,
  DeadLetterHeaders,
  KafkaEventContext,
  KafkaEventExceptionFilter,
  KafkaEventPublisher,
  KafkaEventTransport,
  toOutgoingMessage,
  topicName,
} from '../src';
import { workOrderReported } from './fixtures';
import { deleteRunTopics, isolatedConfig, quickStop, readTopic, waitFor } from './kafka-helpers';

const config = isolatedConfig();
const groupId = `${config.runId}-transport`;
const received: { batch: ConsumedEvent[]; topic: string; partition: number }[] = [];
let doomed = '';

@Controller()
@UseFilters(new KafkaEventExceptionFilter())
class WorkOrderListener {
  @EventPattern(Topics.facilitiesEvents)
  async onFacilitiesEvents(@Payload() batch: ConsumedEvent[], @Ctx() ctx: KafkaEventContext): Promise<void> {
    if (batch.some((e) => e.envelope!.eventId === doomed)) throw new Error('projection failed');
    await new Promise((r) => setTimeout(r, 1));
    received.push({ batch, topic: ctx.getTopic(), partition: ctx.getPartition() });
  }
}

let app: INestApplication;
const publisher = new KafkaEventPublisher(config);

beforeAll(async () => {
  const moduleRef = await Test.createTestingModule({ controllers: [WorkOrderListener] }).compile();
  app = moduleRef.createNestApplication({ logger: ['error', 'warn'] });
  app.connectMicroservice({
    strategy: new KafkaEventTransport({ groupId, kafka: config, maxAttempts: 2, retryBackoffMs: 10, consumerOptions: quickStop }),
  });
  await app.startAllMicroservices(); // creates the topics, joins the group
  await app.init();
});

afterAll(async () => {
  await app?.close();
  await publisher.disconnect();
  await deleteRunTopics(config);
});

it('dispatches batches of a topic to its @EventPattern handler; a thrown error reaches the DLQ', async () => {
  const topic = topicName(config, Topics.facilitiesEvents);
  const events = Array.from({ length: 40 }, (_, i) => workOrderReported(`wo-${i % 4}`, Math.floor(i / 4) + 1));
  doomed = events[7].eventId;
  await publisher.publish(events.map((e) => toOutgoingMessage(topic, e)));
  const dlq = await readTopic(config, `${config.topicPrefix}${groupId}.dlq.v1`);

  await waitFor(() => received.flatMap((r) => r.batch).length === 39 && dlq.messages.length === 1, 30_000, 'handled');
  await dlq.stop();

  expect(received.every((r) => r.topic === topic && r.batch.every((e) => e.partition === r.partition))).toBe(true);
  expect(received.some((r) => r.batch.length > 1)).toBe(true); // batches, not single messages
  const failed = dlq.messages[0];
  expect(JSON.parse(failed.value!.toString()).eventId).toBe(doomed);
  expect(failed.headers![DeadLetterHeaders.error]!.toString()).toBe('Error: projection failed');
  expect(failed.headers![DeadLetterHeaders.attempts]!.toString()).toBe('2');
});
