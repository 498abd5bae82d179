import 'reflect-metadata';
import { bootstrapService } from '@houqin/platform';
import { FacilitiesModule, SERVICE } from './app.module';
import { connectProcurementConsumer } from './infrastructure/procurement-transport';
import { ATTACHMENT_BODY_LIMIT } from './api/attachments.controller';

void bootstrapService({
  module: FacilitiesModule,
  name: SERVICE,
  defaultPort: 3101,
  bodyLimit: ATTACHMENT_BODY_LIMIT,
  beforeListen: connectProcurementConsumer,
  title: 'Houqin facilities 设施设备',
  description: 'A school’s logistics office: repairs (报修), the asset ledger (校产台账) with stocktakes, disposals and QR report links, preventive inspections (定期检查), energy meters (能源), greening (绿化) and dormitories (宿舍).',
});
