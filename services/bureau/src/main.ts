import 'reflect-metadata';
import { bootstrapService } from '@houqin/platform';
import { BureauModule, SERVICE } from './app.module';
import { connectEventTransport } from './infrastructure/event-transport';

void bootstrapService({
  module: BureauModule,
  name: SERVICE,
  defaultPort: 3102,
  title: 'Houqin bureau 教育局统计',
  description: 'Cross-school figures for bureau officials, kept live from the schools’ events.',
  beforeListen: connectEventTransport,
});
