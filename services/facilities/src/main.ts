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
  description: 'Repair work orders (报修) of the schools: report, assign, complete, verify.',
});
