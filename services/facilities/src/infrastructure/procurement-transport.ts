import { INestApplication } from '@nestjs/common';
import { isTransientDatabaseError } from '@houqin/event-store';
import { kafkaConfigFromEnv, KafkaEventTransport, KafkaEventTransportOptions } from '@houqin/messaging';
import { PROCUREMENT_EVENTS } from './procurement-events.handler';
import { SCHOOL_EVENTS } from './school-names.handler';

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

/** Identity's school register (the schools' names), under a group of its own (FACILITIES_SCHOOLS_CONSUMER_GROUP, default facilities-schools). */
export const schoolsConsumerOptions = (env: NodeJS.ProcessEnv = process.env): KafkaEventTransportOptions => ({
  ...procurementConsumerOptions(env),
  groupId: env['FACILITIES_SCHOOLS_CONSUMER_GROUP'] ?? 'facilities-schools',
});

/**
 * Subscribes facilities' handlers of other services' events to Kafka, one transport (consumer group) per topic:
 * procurement's (pending assets) and identity's (school names). FACILITIES_PROCUREMENT_CONSUMER=off leaves them out
 * (a replica that only serves HTTP).
 */
export async function connectProcurementConsumer(app: INestApplication, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  if (env['FACILITIES_PROCUREMENT_CONSUMER'] === 'off') return;
  const transport = (options: KafkaEventTransportOptions, id: symbol) => Object.assign(new KafkaEventTransport(options), { transportId: id });
  app.connectMicroservice({ strategy: transport(procurementConsumerOptions(env), PROCUREMENT_EVENTS) }, { inheritAppConfig: true });
  app.connectMicroservice({ strategy: transport(schoolsConsumerOptions(env), SCHOOL_EVENTS) }, { inheritAppConfig: true });
  await app.startAllMicroservices();
}
