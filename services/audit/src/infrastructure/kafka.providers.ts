import { Provider } from '@nestjs/common';
import { createKafka, KafkaConfig, kafkaConfigFromEnv } from '@houqin/messaging';

export const AUDIT_KAFKA_CONFIG = Symbol('AUDIT_KAFKA_CONFIG');
export const AUDIT_KAFKA = Symbol('AUDIT_KAFKA');

export const kafkaProviders: Provider[] = [
  { provide: AUDIT_KAFKA_CONFIG, useFactory: () => kafkaConfigFromEnv('audit') },
  { provide: AUDIT_KAFKA, useFactory: (config: KafkaConfig) => createKafka(config), inject: [AUDIT_KAFKA_CONFIG] },
];
