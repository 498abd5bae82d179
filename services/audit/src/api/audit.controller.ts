import { Controller, Get, Headers, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '@houqin/auth';
import { AuditService } from '../application/audit.service';
import { RebuildService } from '../application/rebuild.service';
import { HistoryQuery, RebuildQuery, ScopeQuery } from './audit.dto';

@ApiTags('audit 审计')
@Controller('audit')
@Roles('auditor')
export class AuditController {
  constructor(
    private readonly audit: AuditService,
    private readonly rebuild: RebuildService,
  ) {}

  @Get(':source/events')
  @ApiOperation({ summary: 'Event history in commit order: who, what, when / 事件历史' })
  history(@Param('source') source: string, @Query() q: HistoryQuery) {
    return this.audit.history(source, { schoolId: q.schoolId, streamId: q.streamId }, q.after, q.limit ?? 100);
  }

  @Get(':source/verification')
  @ApiOperation({ summary: 'Recompute the hash chains; names the first broken link per stream / 防篡改校验' })
  verify(@Param('source') source: string, @Query() q: ScopeQuery, @CurrentPrincipal() principal: Principal) {
    return this.audit.verify(source, { schoolId: q.schoolId, streamId: q.streamId }, principal.sub);
  }

  @Post('rebuilds/work-order-figures')
  @HttpCode(200)
  @ApiOperation({ summary: "Replay all facilities events from Kafka and compare with the bureau's figures / 重放核对统计" })
  rebuildWorkOrderFigures(@Headers('authorization') authorization: string, @CurrentPrincipal() principal: Principal, @Query() q: RebuildQuery) {
    return q.compare === 'false' ? this.rebuild.rebuildOnly(principal.sub) : this.rebuild.rebuildAndCompare(authorization, principal.sub);
  }

  @Get('runs')
  @ApiOperation({ summary: 'Verifications and rebuilds run so far / 审计记录' })
  runs() {
    return this.audit.runs(100);
  }
}
