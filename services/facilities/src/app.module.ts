import { Module } from '@nestjs/common';
import { AuthModule } from '@houqin/auth';
import { Topics } from '@houqin/contracts';
import { EventStoreModule } from '@houqin/event-store';
import { HealthModule } from '@houqin/platform';
import { CreateProjectionStatus1764400000000, ReadModelsModule } from '@houqin/projection-store';
import { WorkOrdersController } from './api/work-orders.controller';
import { WorkOrderQueries } from './application/work-order.queries';
import { SlaScheduler } from './application/sla-scheduler';
import { CreateWorkOrderDeadlines1764700000000 } from './infrastructure/work-order-deadlines.migration';
import { projectedWorkOrderEvent, workOrderList } from './application/work-order-list.projection';
import { CreateWorkOrderList1764600000000 } from './infrastructure/work-order-list.migration';

export const SERVICE = 'facilities';

@Module({
  imports: [
    AuthModule.forRoot(),
    EventStoreModule.forService({ service: SERVICE, topic: Topics.facilitiesEvents, migrations: [CreateProjectionStatus1764400000000, CreateWorkOrderList1764600000000, CreateWorkOrderDeadlines1764700000000] }),
    ReadModelsModule.forService([workOrderList], { toProjected: projectedWorkOrderEvent }),
    HealthModule.forService(SERVICE),
  ],
  controllers: [WorkOrdersController],
  providers: [WorkOrderQueries, SlaScheduler],
})
export class FacilitiesModule {}
