import { Module } from '@nestjs/common';
import { AuthModule } from '@houqin/auth';
import { Topics } from '@houqin/contracts';
import { EventStoreModule } from '@houqin/event-store';
import { HealthModule } from '@houqin/platform';
import { WorkOrdersController } from './api/work-orders.controller';
import { WorkOrderQueries } from './application/work-order.queries';

export const SERVICE = 'facilities';

@Module({
  imports: [AuthModule.forRoot(), EventStoreModule.forService({ service: SERVICE, topic: Topics.facilitiesEvents }), HealthModule.forService(SERVICE)],
  controllers: [WorkOrdersController],
  providers: [WorkOrderQueries],
})
export class FacilitiesModule {}
