import { Controller, UseFilters } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { Topics } from '@houqin/contracts';
import { ConsumedEvent, KafkaEventExceptionFilter } from '@houqin/messaging';
import { WorkOrderProjection } from '../application/work-order-projection';
import { FACILITIES_EVENTS } from './event-streams';

/** Kafka → read model: batches of facilities events, one transaction per batch. */
@Controller()
@UseFilters(new KafkaEventExceptionFilter())
export class FacilitiesEventsHandler {
  constructor(private readonly projection: WorkOrderProjection) {}

  @EventPattern(Topics.facilitiesEvents, FACILITIES_EVENTS)
  async onFacilitiesEvents(@Payload() batch: ConsumedEvent[]): Promise<void> {
    const envelopes = batch.flatMap((m) => (m.envelope ? [m.envelope] : []));
    if (envelopes.length > 0) await this.projection.apply(envelopes);
  }
}
