import { logLevel } from 'kafkajs';
import { envInt, kafkaConfigFromEnv, topicName } from './kafka-config';
import { isNoisyKafkaMessage, parseKafkaLogLevel } from './kafka-logging';

describe('kafkaConfigFromEnv', () => {
  it('defaults to the local broker and no prefix', () => {
    expect(kafkaConfigFromEnv('svc', {})).toEqual({ clientId: 'svc', brokers: ['127.0.0.1:9092'], topicPrefix: '' });
  });
  it('reads brokers, prefix, ssl and sasl', () => {
    const env = {
      KAFKA_BROKERS: 'a:1, b:2,',
      KAFKA_TOPIC_PREFIX: 'd7.',
      KAFKA_SSL: 'true',
      KAFKA_SASL_MECHANISM: 'plain',
      KAFKA_SASL_USERNAME: 'u',
      KAFKA_SASL_PASSWORD: 'p',
    };
    expect(kafkaConfigFromEnv('svc', env)).toEqual({
      clientId: 'svc',
      brokers: ['a:1', 'b:2'],
      topicPrefix: 'd7.',
      ssl: true,
      sasl: { mechanism: 'plain', username: 'u', password: 'p' },
    });
  });
  it('applies the prefix to topic names', () => {
    expect(topicName({ topicPrefix: 'run1.' }, 'facilities.events.v1')).toBe('run1.facilities.events.v1');
  });
  it('validates integers', () => {
    expect(envInt({ X: '4' }, 'X', 1)).toBe(4);
    expect(envInt({}, 'X', 1)).toBe(1);
    expect(() => envInt({ X: 'three' }, 'X', 1)).toThrow(/X must be/);
  });
});

describe('kafka logging', () => {
  it('maps KAFKA_LOG_LEVEL, WARN by default', () => {
    expect(parseKafkaLogLevel(undefined)).toBe(logLevel.WARN);
    expect(parseKafkaLogLevel('debug')).toBe(logLevel.DEBUG);
    expect(parseKafkaLogLevel('ERROR')).toBe(logLevel.ERROR);
  });
  it('recognizes the retriable startup noise', () => {
    expect(isNoisyKafkaMessage('[Connection] Response GroupCoordinator: The group coordinator is not available')).toBe(true);
    expect(isNoisyKafkaMessage('The coordinator is loading and hence can\'t process requests')).toBe(true);
    expect(isNoisyKafkaMessage('Connection error: connect ECONNREFUSED')).toBe(false);
  });
});
