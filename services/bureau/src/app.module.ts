import { Module } from '@nestjs/common';
import { AuthModule } from '@houqin/auth';
import { DatabaseModule, HealthModule } from '@houqin/platform';
import { CreateProjectionStatus1764400000000 } from '@houqin/projection-store';
import { FiguresController } from './api/figures.controller';
import { SlaStatisticsController } from './api/sla.controller';
import { SlaQueries } from './application/sla.queries';
import { StatisticsController } from './api/statistics.controller';
import { StatisticsQueries } from './application/statistics.queries';
import { WorkOrderProjection } from './application/work-order-projection';
import { FacilitiesEventsHandler } from './infrastructure/facilities-events.handler';
import { AddFirstProjectedAt1764000000101, CreateWorkOrderReadModel1764000000100 } from './infrastructure/migrations';
import { CreateWorkOrderSlaFigures1764500000300 } from './infrastructure/sla-migrations';

export const SERVICE = 'bureau';

@Module({
  imports: [
    AuthModule.forRoot(),
    DatabaseModule.forService(SERVICE, [CreateWorkOrderReadModel1764000000100, AddFirstProjectedAt1764000000101, CreateProjectionStatus1764400000000, CreateWorkOrderSlaFigures1764500000300]),
    HealthModule.forService(SERVICE),
  ],
  controllers: [StatisticsController, SlaStatisticsController, FiguresController, FacilitiesEventsHandler],
  providers: [WorkOrderProjection, StatisticsQueries, SlaQueries],
})
export class BureauModule {}
