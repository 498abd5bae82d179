import 'reflect-metadata';
import { bootstrapService } from '@houqin/platform';
import { FacilitiesModule, SERVICE } from './app.module';

void bootstrapService({
  module: FacilitiesModule,
  name: SERVICE,
  defaultPort: 3101,
  title: 'Houqin facilities 设施设备',
  description: 'Repair work orders (报修) of the schools: report, assign, complete, verify.',
});
