import { Controller, UseFilters } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { EventPattern, Payload } from '@nestjs/microservices';
import { DataSource } from 'typeorm';
import { EventEnvelope, Topics } from '@houqin/contracts';
import { pgPoolOf, SqlPool } from '@houqin/event-store';
import { ConsumedEvent, KafkaEventExceptionFilter } from '@houqin/messaging';

/** The transport of identity's topic in facilities (a handler names its transport, or every transport would subscribe it). */
export const SCHOOL_EVENTS = Symbol('facilities:identity-events');

/**
 * The schools' names (what a QR report page shows anyone who scans), from identity's register: the last
 * registration or profile change of each school wins, by its stream version, so a redelivery changes nothing.
 */
@Controller()
@UseFilters(new KafkaEventExceptionFilter())
export class SchoolNamesHandler {
  private readonly pool: SqlPool;

  constructor(@InjectDataSource() dataSource: DataSource) {
    this.pool = pgPoolOf(dataSource);
  }

  @EventPattern(Topics.identityEvents, SCHOOL_EVENTS)
  async onIdentityEvents(@Payload() batch: ConsumedEvent[]): Promise<void> {
    const named = batch.flatMap((m) => (m.envelope && NAMING.has(m.envelope.type) ? [m.envelope] : []));
    for (const event of named) await this.remember(event);
  }

  private async remember(event: EventEnvelope): Promise<void> {
    const name = String(event.payload['name']);
    await this.pool.query(
      `INSERT INTO school_names (school_id, name, stream_version, updated_at) VALUES ($1, $2, $3, now())
       ON CONFLICT (school_id) DO UPDATE SET name = EXCLUDED.name, stream_version = EXCLUDED.stream_version, updated_at = now()
       WHERE school_names.stream_version < EXCLUDED.stream_version`,
      [event.schoolId, name, event.streamVersion],
    );
  }
}

const NAMING = new Set(['SchoolRegistered', 'SchoolProfileChanged']);
