import { z } from 'zod';

/** Who did it: every event names its actor for the auditors. */
export const actorSchema = z.object({
  id: z.string().min(1),
  role: z.string().min(1),
  /** Display name from the token when recorded (for timelines); events before it have none. */
  name: z.string().min(1).max(100).optional(),
});
export type Actor = z.infer<typeof actorSchema>;

export const eventMetadataSchema = z.object({
  actor: actorSchema,
  correlationId: z.string().min(1),
  causationId: z.string().min(1).optional(),
  occurredAt: z.string().datetime({ offset: true }),
});
export type EventMetadata = z.infer<typeof eventMetadataSchema>;

/**
 * The form in which an event crosses Kafka. `hash`/`prevHash` travel with it so a
 * consumer (the audit service) can check the chain without the source database.
 */
export const eventEnvelopeSchema = z.object({
  eventId: z.string().uuid(),
  type: z.string().min(1),
  schemaVersion: z.number().int().positive(),
  source: z.string().min(1),
  streamId: z.string().min(1),
  streamType: z.string().min(1),
  streamVersion: z.number().int().positive(),
  globalPosition: z.string().regex(/^\d+$/),
  schoolId: z.string().min(1),
  payload: z.record(z.string(), z.unknown()),
  metadata: eventMetadataSchema,
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  prevHash: z.string().regex(/^[0-9a-f]{64}$/),
});
export type EventEnvelope<P = Record<string, unknown>> = Omit<z.infer<typeof eventEnvelopeSchema>, 'payload'> & {
  payload: P;
};

/** Kafka headers set on every published event, so consumers can route and dedupe without parsing. */
export const EventHeaders = {
  eventId: 'houqin-event-id',
  type: 'houqin-event-type',
  schemaVersion: 'houqin-schema-version',
  schoolId: 'houqin-school-id',
} as const;
