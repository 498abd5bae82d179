import { INestApplication, Logger } from '@nestjs/common';
import { Topics } from '@houqin/contracts';
import { isTransientDatabaseError } from '@houqin/event-store';
import { createKafka, ensureTopics, kafkaConfigFromEnv, KafkaEventTransport, KafkaEventTransportOptions, topicName } from '@houqin/messaging';
import { SERVICE } from '../app.module';
import { WorkOrderProjection } from '../application/work-order-projection';

/** How the bureau consumes: its group, and which failures are waited out rather than dead-lettered. */
export const bureauConsumerOptions = (env: NodeJS.ProcessEnv = process.env): KafkaEventTransportOptions => ({
  kafka: kafkaConfigFromEnv(SERVICE, env),
  groupId: env['BUREAU_CONSUMER_GROUP'] ?? 'bureau',
  duplicateDelivery: env['HOUQIN_FAULT_DUPLICATE_DELIVERY'] === '1',
  // An outage, an overload or a clash with another transaction is not a poison message:
  // retried with backoff and jitter until it passes, never dead-lettered.
  isTransient: isTransientDatabaseError,
});

/** Subscribes the @EventPattern handlers to Kafka under the bureau's consumer group, once the figures are prepared. */
export async function connectEventTransport(app: INestApplication): Promise<void> {
  const options = bureauConsumerOptions();
  await prepareFigures(app.get(WorkOrderProjection), options);
  app.connectMicroservice({ strategy: new KafkaEventTransport(options) }, { inheritAppConfig: true });
  await app.startAllMicroservices();
}

/**
 * Status rows; if a figure is new here or was emptied for a new version, the consumer group
 * starts over from the first event (the others absorb what they counted, by stream version).
 */
export async function prepareFigures(projection: WorkOrderProjection, options: KafkaEventTransportOptions): Promise<string[]> {
  const prepared = await projection.prepare();
  const fromStart = [...prepared].filter(([, p]) => p.fromStart).map(([name, p]) => (p.rebuilt ? `${name} (rebuilt from v${p.fromVersion})` : `${name} (new)`));
  if (fromStart.length > 0) await rewindGroup(options, fromStart);
  return fromStart;
}

/** The group must have no live member (another replica): Kafka refuses to move a running group's offsets, and so does this start. */
async function rewindGroup(options: KafkaEventTransportOptions, figures: string[]): Promise<void> {
  const kafka = createKafka(options.kafka);
  const topic = topicName(options.kafka, Topics.facilitiesEvents);
  new Logger('Projections').warn(`projecting ${figures.join(', ')} from the first event: consumer group ${options.groupId} reads ${topic} from its first event again`);
  await ensureTopics(kafka, [{ topic }]);
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.resetOffsets({ groupId: options.groupId, topic, earliest: true });
  } finally {
    await admin.disconnect();
  }
}
