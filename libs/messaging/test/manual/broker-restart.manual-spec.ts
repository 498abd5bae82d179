/**
 * MANUAL check, not part of any suite: it STOPS THE TESTS' BROKER (the one the Jest setup names: KAFKA_DATA_DIR,
 * see infra/kafka/test-broker.env) and starts it again, which breaks anyone else's tests running at the time.
 * Run it alone, on purpose (the timings are console output):
 *   HOUQIN_TEST_VERBOSE=1 npx jest -c libs/messaging/jest.integration.config.ts --runInBand \
 *     --testMatch '<rootDir>/test/manual/broker-restart.manual-spec.ts'
 */
import { execFileSync } from 'child_process';
import { join } from 'path';
import { Topics } from '@houqin/contracts';
import { createKafka, ensureTopics, KafkaEventConsumer, KafkaEventPublisher, toOutgoingMessage, topicName } from '../../src';
import { workOrderReported } from '../fixtures';
import { deleteRunTopics, isolatedConfig, quickStop, waitFor } from '../kafka-helpers';

const kafkaSh = join(__dirname, '../../../../infra/kafka/kafka.sh');
// This test's env (the Jest setup put the test broker's settings there), not the process's.
const kafkaCommand = (command: string) => execFileSync('bash', [kafkaSh, command], { env: process.env, stdio: 'inherit' });
const config = isolatedConfig();
const topic = topicName(config, Topics.facilitiesEvents);
const publisher = new KafkaEventPublisher(config);
const consumer = new KafkaEventConsumer(config, {
  groupId: `${config.runId}-restart`,
  topics: [topic],
  sessionTimeout: 6000,
  consumerOptions: quickStop,
});
const consumed: number[] = [];
const msg = (v: number) => toOutgoingMessage(topic, workOrderReported('wo-restart', v));
const timed = async <T>(label: string, f: () => T | Promise<T>): Promise<unknown> => {
  const t0 = Date.now();
  let error: unknown;
  try {
    await f();
  } catch (e) {
    error = e;
  }
  // eslint-disable-next-line no-console
  console.log(`${label}: ${Date.now() - t0} ms${error ? ` -> rejected: ${String(error)}` : ' -> ok'}`);
  return error;
};

afterAll(async () => {
  await Promise.all([consumer.stop(), publisher.disconnect()]);
  await deleteRunTopics(config);
});

it('publish rejects in bounded time while the real broker is stopped, and works after restart', async () => {
  await ensureTopics(createKafka(config), [{ topic }]);
  await consumer.start(async (batch) => void consumed.push(...batch.map((e) => e.envelope!.streamVersion)));
  expect(await timed('publish (broker up)', () => publisher.publish([msg(1)]))).toBeUndefined();

  await timed('kafka.sh stop', () => kafkaCommand('stop'));
  const error = await timed('publish (broker down)', () => publisher.publish([msg(2)]));
  await timed('kafka.sh start', () => kafkaCommand('start'));
  expect(error).toBeDefined();

  expect(await timed('publish (broker back)', () => publisher.publish([msg(3)]))).toBeUndefined();
  await timed('consumer caught up', () => waitFor(() => consumed.includes(3), 60_000, 'consumer'));
  expect(consumed).toEqual(expect.arrayContaining([1, 3]));
});
