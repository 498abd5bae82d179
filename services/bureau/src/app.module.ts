import { Module } from '@nestjs/common';
import { AuthModule } from '@houqin/auth';
import { DatabaseModule, HealthModule } from '@houqin/platform';
import { FiguresController } from './api/figures.controller';
import { AssetStatisticsController } from './api/assets.controller';
import { AssetStatisticsQueries } from './application/asset.queries';
import { SchoolsController } from './api/schools.controller';
import { EnergyStatisticsController } from './api/energy.controller';
import { EnergyQueries } from './application/energy.queries';
import { SlaStatisticsController } from './api/sla.controller';
import { SlaQueries } from './application/sla.queries';
import { StatisticsController } from './api/statistics.controller';
import { StatisticsQueries } from './application/statistics.queries';
import { SchoolRegisterProjection } from './application/school-register-projection';
import { WorkOrderProjection } from './application/work-order-projection';
import { FacilitiesEventsHandler } from './infrastructure/facilities-events.handler';
import { IdentityEventsHandler } from './infrastructure/identity-events.handler';
import { BUREAU_MIGRATIONS } from './infrastructure/migrations';
import { RepairCostStatisticsController } from './api/repair-costs.controller';

export const SERVICE = 'bureau';

@Module({
  imports: [AuthModule.forRoot(), DatabaseModule.forService(SERVICE, BUREAU_MIGRATIONS), HealthModule.forService(SERVICE)],
  controllers: [StatisticsController, SlaStatisticsController, SchoolsController, FiguresController, EnergyStatisticsController, AssetStatisticsController, RepairCostStatisticsController, FacilitiesEventsHandler, IdentityEventsHandler],
  providers: [WorkOrderProjection, SchoolRegisterProjection, StatisticsQueries, SlaQueries, EnergyQueries, AssetStatisticsQueries],
})
export class BureauModule {}
