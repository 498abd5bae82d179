import { Module } from '@nestjs/common';
import { AuthModule } from '@houqin/auth';
import { Topics } from '@houqin/contracts';
import { EventStoreModule } from '@houqin/event-store';
import { HealthModule } from '@houqin/platform';
import { CreateProjectionStatus1764400000000 } from '@houqin/projection-store';
import { WorkOrdersController } from './api/work-orders.controller';
import { WorkOrderQueries } from './application/work-order.queries';
import { SlaScheduler } from './application/sla-scheduler';
import { CreateWorkOrderDeadlines1764700000000 } from './infrastructure/work-order-deadlines.migration';

export const SERVICE = 'facilities';

@Module({
  imports: [AuthModule.forRoot(), EventStoreModule.forService({ service: SERVICE, topic: Topics.facilitiesEvents, migrations: [CreateProjectionStatus1764400000000, CreateWorkOrderDeadlines1764700000000] }), HealthModule.forService(SERVICE)],
  controllers: [WorkOrdersController],
  providers: [WorkOrderQueries, SlaScheduler],
})
export class FacilitiesModule {}
