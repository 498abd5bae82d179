import { INestApplication } from '@nestjs/common';
import { isTransientDatabaseError } from '@houqin/event-store';
import { kafkaConfigFromEnv, KafkaEventTransport, KafkaEventTransportOptions } from '@houqin/messaging';
import { PROCUREMENT_EVENTS } from './procurement-events.handler';

/**
 * How facilities consumes procurement's events: its own group (FACILITIES_PROCUREMENT_CONSUMER_GROUP, default
 * facilities-procurement), from the first event when the group is new (receipts accepted before facilities ran),
 * database outages waited out rather than dead-lettered.
 */
export const procurementConsumerOptions = (env: NodeJS.ProcessEnv = process.env): KafkaEventTransportOptions => ({
  kafka: kafkaConfigFromEnv('facilities', env),
  groupId: env['FACILITIES_PROCUREMENT_CONSUMER_GROUP'] ?? 'facilities-procurement',
  fromBeginning: true,
  duplicateDelivery: env['HOUQIN_FAULT_DUPLICATE_DELIVERY'] === '1',
  isTransient: isTransientDatabaseError,
});

/** Subscribes the procurement handler to Kafka (FACILITIES_PROCUREMENT_CONSUMER=off leaves it out, e.g. a replica that only serves HTTP). */
export async function connectProcurementConsumer(app: INestApplication, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  if (env['FACILITIES_PROCUREMENT_CONSUMER'] === 'off') return;
  const strategy = Object.assign(new KafkaEventTransport(procurementConsumerOptions(env)), { transportId: PROCUREMENT_EVENTS });
  app.connectMicroservice({ strategy }, { inheritAppConfig: true });
  await app.startAllMicroservices();
}
