import { KafkaEventConsumer } from './event-consumer';
import { KafkaEventTransport } from './kafka-transport';

/** A consumer group is named by the service, never defaulted: two services in one group would split the events. */
describe('consumer group id', () => {
  const kafka = { clientId: 't', brokers: ['127.0.0.1:1'], topicPrefix: '' };

  it.each([undefined, '', '   '])('is refused when missing or blank (%p)', (groupId) => {
    expect(() => new KafkaEventTransport({ kafka, groupId: groupId as string })).toThrow(/explicit groupId/);
    expect(() => new KafkaEventConsumer(kafka, { groupId: groupId as string, topics: ['t'] })).toThrow(/explicit groupId/);
  });

  it('is taken as given', () => {
    expect(new KafkaEventConsumer(kafka, { groupId: 'bureau', topics: ['t'] }).deadLetterTopic).toBe('bureau.dlq.v1');
  });
});
