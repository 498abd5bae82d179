import { INestApplication } from '@nestjs/common';
import { isTransientDatabaseError } from '@houqin/event-store';
import { kafkaConfigFromEnv, KafkaEventTransport, KafkaEventTransportOptions } from '@houqin/messaging';
import { SERVICE } from '../app.module';

/** How the bureau consumes: its group, and which failures are waited out rather than dead-lettered. */
export const bureauConsumerOptions = (env: NodeJS.ProcessEnv = process.env): KafkaEventTransportOptions => ({
  kafka: kafkaConfigFromEnv(SERVICE, env),
  groupId: env['BUREAU_CONSUMER_GROUP'] ?? 'bureau',
  duplicateDelivery: env['HOUQIN_FAULT_DUPLICATE_DELIVERY'] === '1',
  // An outage, an overload or a clash with another transaction is not a poison message:
  // retried with backoff and jitter until it passes, never dead-lettered.
  isTransient: isTransientDatabaseError,
});

/** Subscribes the @EventPattern handlers to Kafka under the bureau's consumer group. */
export async function connectEventTransport(app: INestApplication): Promise<void> {
  app.connectMicroservice({ strategy: new KafkaEventTransport(bureauConsumerOptions()) }, { inheritAppConfig: true });
  await app.startAllMicroservices();
}
