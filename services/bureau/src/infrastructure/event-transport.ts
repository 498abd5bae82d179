import { INestApplication } from '@nestjs/common';
import { isConnectionError } from '@houqin/event-store';
import { kafkaConfigFromEnv, KafkaEventTransport } from '@houqin/messaging';
import { SERVICE } from '../app.module';

/** Subscribes the @EventPattern handlers to Kafka under the bureau's consumer group. */
export async function connectEventTransport(app: INestApplication): Promise<void> {
  app.connectMicroservice(
    {
      strategy: new KafkaEventTransport({
        kafka: kafkaConfigFromEnv(SERVICE),
        groupId: process.env['BUREAU_CONSUMER_GROUP'] ?? 'bureau',
        duplicateDelivery: process.env['HOUQIN_FAULT_DUPLICATE_DELIVERY'] === '1',
        // A lost database connection is an outage, not a poison message.
        isTransient: isConnectionError,
      }),
    },
    { inheritAppConfig: true },
  );
  await app.startAllMicroservices();
}
