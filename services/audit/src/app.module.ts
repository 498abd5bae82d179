import { Module } from '@nestjs/common';
import { Clock, SystemClock } from '@houqin/event-sourcing';
import { AuthModule } from '@houqin/auth';
import { DatabaseModule, HealthModule } from '@houqin/platform';
import { AuditController } from './api/audit.controller';
import { AuditService } from './application/audit.service';
import { RebuildService } from './application/rebuild.service';
import { BureauClient } from './infrastructure/bureau.client';
import { EventSources } from './infrastructure/event-sources';
import { kafkaProviders } from './infrastructure/kafka.providers';
import { CreateAuditProgress1765100000000, CreateAuditRuns1764000000200 } from './infrastructure/migrations';
import { AuditProgress } from './application/progress';

export const SERVICE = 'audit';

@Module({
  imports: [
    AuthModule.forRoot(),
    DatabaseModule.forService(SERVICE, [CreateAuditRuns1764000000200, CreateAuditProgress1765100000000]),
    HealthModule.forService(SERVICE),
  ],
  controllers: [AuditController],
  providers: [AuditService, AuditProgress, RebuildService, BureauClient, EventSources, ...kafkaProviders, { provide: Clock, useClass: SystemClock }],
})
export class AuditModule {}
