import { contracts } from '@houqin/contracts';
import { KafkaMessage } from 'kafkajs';
import { ConsumedEvent, headersToRecord } from './messages';

/** Parses a consumed message with the contract registry; a failure is kept in `parseError`, never thrown. */
export function toConsumedEvent(topic: string, partition: number, message: KafkaMessage): ConsumedEvent {
  const event: ConsumedEvent = {
    topic,
    partition,
    offset: message.offset,
    key: message.key ? message.key.toString() : null,
    headers: headersToRecord(message.headers),
    raw: message.value,
  };
  try {
    if (!message.value) throw new Error('Message has no value');
    event.envelope = contracts.parseEnvelope(JSON.parse(message.value.toString('utf8')));
  } catch (e) {
    event.parseError = e instanceof Error ? e : new Error(String(e));
  }
  return event;
}
