/**
 * Kafka topic names (before the deployment's optional KAFKA_TOPIC_PREFIX).
 * One topic per producing service; the key of every message is its stream id.
 */
export const Topics = {
  facilitiesEvents: 'facilities.events.v1',
  identityEvents: 'identity.events.v1',
  procurementEvents: 'procurement.events.v1',
} as const;
export type TopicName = (typeof Topics)[keyof typeof Topics];

/** Dead letters of one consumer group: `<group>.dlq.v1`. */
export const deadLetterTopic = (consumerGroup: string): string => `${consumerGroup}.dlq.v1`;
