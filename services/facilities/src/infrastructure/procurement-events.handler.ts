import { Controller, UseFilters } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { Topics } from '@houqin/contracts';
import { ConsumedEvent, KafkaEventExceptionFilter } from '@houqin/messaging';
import { PendingAssets } from '../application/pending-assets';

/** The transport of procurement's topic (a handler names its transport, or every transport would subscribe it). */
export const PROCUREMENT_EVENTS = Symbol('facilities:procurement-events');

/** Kafka → pending assets: batches of procurement's events; accepted goods receipts become pending assets. */
@Controller()
@UseFilters(new KafkaEventExceptionFilter())
export class ProcurementEventsHandler {
  constructor(private readonly pending: PendingAssets) {}

  @EventPattern(Topics.procurementEvents, PROCUREMENT_EVENTS)
  async onProcurementEvents(@Payload() batch: ConsumedEvent[]): Promise<void> {
    const envelopes = batch.flatMap((m) => (m.envelope ? [m.envelope] : []));
    if (envelopes.length > 0) await this.pending.receive(envelopes);
  }
}
