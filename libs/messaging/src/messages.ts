import { EventEnvelope, EventHeaders } from '@houqin/contracts';
import { IHeaders, TopicMessages } from 'kafkajs';

/** One message to publish; `topic` is the full (prefixed) name. */
export interface OutgoingMessage {
  topic: string;
  key: string | null;
  /** JSON of an envelope; a Buffer only for dead letters, whose bytes are kept as consumed. */
  value: string | Buffer;
  headers: Record<string, string>;
}

/** One consumed message. Only messages whose envelope parsed reach a handler. */
export interface ConsumedEvent {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  headers: Record<string, string>;
  raw: Buffer | null;
  envelope?: EventEnvelope;
  parseError?: Error;
}

/** Headers added to a dead letter (next to the original message's headers). */
export const DeadLetterHeaders = {
  originalTopic: 'houqin-dlq-original-topic',
  originalPartition: 'houqin-dlq-original-partition',
  originalOffset: 'houqin-dlq-original-offset',
  error: 'houqin-dlq-error',
  consumerGroup: 'houqin-dlq-consumer-group',
  attempts: 'houqin-dlq-attempts',
  failedAt: 'houqin-dlq-failed-at',
} as const;

/** key = stream id (per-stream order lives in one partition), value = JSON, headers per `EventHeaders`. */
export const toOutgoingMessage = (topic: string, envelope: EventEnvelope): OutgoingMessage => ({
  topic,
  key: envelope.streamId,
  value: JSON.stringify(envelope),
  headers: {
    [EventHeaders.eventId]: envelope.eventId,
    [EventHeaders.type]: envelope.type,
    [EventHeaders.schemaVersion]: String(envelope.schemaVersion),
    [EventHeaders.schoolId]: envelope.schoolId,
  },
});

/** One entry per topic, in order of first appearance; message order within a topic is kept. */
export function groupByTopic(messages: OutgoingMessage[]): TopicMessages[] {
  const byTopic = new Map<string, TopicMessages>();
  for (const m of messages) {
    let group = byTopic.get(m.topic);
    if (!group) byTopic.set(m.topic, (group = { topic: m.topic, messages: [] }));
    group.messages.push({ key: m.key, value: m.value, headers: m.headers });
  }
  return [...byTopic.values()];
}

/**
 * Splits messages, in order, into chunks whose encoded size stays under `maxBytes`: the
 * broker refuses a record batch above message.max.bytes (1 MiB by default) as a whole,
 * which would stall an outbox relay on the same batch forever.
 */
export function chunkBySize(messages: OutgoingMessage[], maxBytes: number): OutgoingMessage[][] {
  const chunks: OutgoingMessage[][] = [];
  let current: OutgoingMessage[] = [];
  let size = 0;
  for (const m of messages) {
    const bytes = messageBytes(m);
    if (current.length > 0 && size + bytes > maxBytes) {
      chunks.push(current);
      current = [];
      size = 0;
    }
    current.push(m);
    size += bytes;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

const messageBytes = (m: OutgoingMessage): number =>
  Buffer.byteLength(m.value) +
  Buffer.byteLength(m.key ?? '') +
  Object.entries(m.headers).reduce((n, [k, v]) => n + Buffer.byteLength(k) + Buffer.byteLength(v), 0) +
  64; // record overhead

/** kafkajs headers to strings (UTF-8); a repeated header keeps its last value. */
export function headersToRecord(headers: IHeaders | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    const last = Array.isArray(value) ? value[value.length - 1] : value;
    if (last !== undefined) out[name] = last.toString();
  }
  return out;
}

const MAX_ERROR_LENGTH = 2000;

export function deadLetterMessage(
  dlqTopic: string,
  event: ConsumedEvent,
  error: unknown,
  consumerGroup: string,
  attempts: number,
  now: Date = new Date(),
): OutgoingMessage {
  return {
    topic: dlqTopic,
    key: event.key,
    value: event.raw ?? Buffer.alloc(0),
    headers: {
      ...event.headers,
      [DeadLetterHeaders.originalTopic]: event.topic,
      [DeadLetterHeaders.originalPartition]: String(event.partition),
      [DeadLetterHeaders.originalOffset]: event.offset,
      [DeadLetterHeaders.error]: errorMessage(error).slice(0, MAX_ERROR_LENGTH),
      [DeadLetterHeaders.consumerGroup]: consumerGroup,
      [DeadLetterHeaders.attempts]: String(attempts),
      [DeadLetterHeaders.failedAt]: now.toISOString(),
    },
  };
}

export function errorMessage(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  if (error && typeof error === 'object' && 'message' in error) return String((error as { message: unknown }).message);
  return String(error);
}
