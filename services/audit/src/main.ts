import 'reflect-metadata';
import { bootstrapService } from '@houqin/platform';
import { AuditModule, SERVICE } from './app.module';

void bootstrapService({
  module: AuditModule,
  name: SERVICE,
  defaultPort: 3103,
  title: 'Houqin audit 审计',
  description: 'Event history, hash-chain verification and replay of the bureau figures, for auditors.',
});
