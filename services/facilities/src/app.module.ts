import { Module } from '@nestjs/common';
import { AuthModule } from '@houqin/auth';
import { Topics } from '@houqin/contracts';
import { EventStoreModule } from '@houqin/event-store';
import { HealthModule } from '@houqin/platform';
import { ReadModelsModule } from '@houqin/projection-store';
import { WorkOrdersController } from './api/work-orders.controller';
import { AssetsController } from './api/assets.controller';
import { AssetQueries } from './application/asset.queries';
import { DORMITORY_GREENING_CONTROLLERS, DORMITORY_GREENING_PROVIDERS } from './api/dormitory-greening.wiring';
import { INSPECTION_CONTROLLERS, INSPECTION_PROVIDERS } from './api/inspection.wiring';
import { MetersController } from './api/meters.controller';
import { MeterQueries } from './application/meter.queries';
import { ASSET_INTAKE_CONTROLLERS, ASSET_INTAKE_PROVIDERS } from './api/report-links.wiring';
import { AttachmentsController } from './api/attachments.controller';
import { WorkOrderHistoryController } from './api/work-order-history.controller';
import { Attachments } from './application/attachments';
import { AttachmentStore } from './infrastructure/attachment-store';
import { projectedEvent } from './application/projected-event';
import { FACILITIES_READ_MODELS } from './application/read-models';
import { SlaScheduler } from './application/sla-scheduler';
import { WorkOrderQueries } from './application/work-order.queries';
import { WorkOrderReporting } from './application/work-order-reporting';
import { FACILITIES_MIGRATIONS } from './infrastructure/migrations';

export const SERVICE = 'facilities';

@Module({
  imports: [
    AuthModule.forRoot(),
    EventStoreModule.forService({ service: SERVICE, topic: Topics.facilitiesEvents, migrations: FACILITIES_MIGRATIONS }),
    ReadModelsModule.forService(FACILITIES_READ_MODELS, { toProjected: projectedEvent }),
    HealthModule.forService(SERVICE),
  ],
  controllers: [...DORMITORY_GREENING_CONTROLLERS, ...INSPECTION_CONTROLLERS, ...ASSET_INTAKE_CONTROLLERS, WorkOrdersController, AttachmentsController, WorkOrderHistoryController, MetersController, AssetsController],
  providers: [...DORMITORY_GREENING_PROVIDERS, ...INSPECTION_PROVIDERS, ...ASSET_INTAKE_PROVIDERS, WorkOrderQueries, WorkOrderReporting, SlaScheduler, Attachments, AttachmentStore, MeterQueries, AssetQueries],
})
export class FacilitiesModule {}
