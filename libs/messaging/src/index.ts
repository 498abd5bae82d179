export * from './kafka-config';
export { isNoisyKafkaMessage, kafkaLogCreator, parseKafkaLogLevel } from './kafka-logging';
export * from './topics';
export * from './messages';
export * from './consumed-event';
export * from './event-publisher';
export * from './event-consumer';
export * from './kafka-transport';
