import { Controller, UseFilters } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { Topics } from '@houqin/contracts';
import { ConsumedEvent, KafkaEventExceptionFilter } from '@houqin/messaging';
import { SchoolRegisterProjection } from '../application/school-register-projection';
import { IDENTITY_EVENTS } from './event-streams';

/** Kafka → the school register: batches of identity events (schools; accounts are left out), one transaction per batch. */
@Controller()
@UseFilters(new KafkaEventExceptionFilter())
export class IdentityEventsHandler {
  constructor(private readonly register: SchoolRegisterProjection) {}

  @EventPattern(Topics.identityEvents, IDENTITY_EVENTS)
  async onIdentityEvents(@Payload() batch: ConsumedEvent[]): Promise<void> {
    const envelopes = batch.flatMap((m) => (m.envelope ? [m.envelope] : []));
    if (envelopes.length > 0) await this.register.apply(envelopes);
  }
}
