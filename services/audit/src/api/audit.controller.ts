import { Controller, Get, Headers, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { ZhLabel } from '@houqin/platform';
import { FIGURES } from '@houqin/statistics';
import { CurrentPrincipal, Principal, Roles } from '@houqin/auth';
import { AuditService } from '../application/audit.service';
import { RebuildService } from '../application/rebuild.service';
import { HistoryQuery, RebuildQuery, ScopeQuery } from './audit.dto';

/** A figure of the statistics lib, by name. */
class FigureParams {
  @ApiProperty({ description: 'A figure of the statistics lib / 统计项', enum: [...FIGURES.keys()], example: 'work-order-figures' })
  @ZhLabel('统计项')
  @IsIn([...FIGURES.keys()])
  figure: string;
}

@ApiTags('audit 审计')
@Controller('audit')
@Roles('auditor')
export class AuditController {
  constructor(
    private readonly audit: AuditService,
    private readonly rebuild: RebuildService,
  ) {}

  @Get(':source/events')
  @ApiOperation({
    summary: 'Event history in commit order: who, what, when / 事件历史',
    description:
      "Sources: `facilities` (work orders), `identity` (schools, accounts, logins, failures, lockouts, password changes), or as AUDIT_SOURCES lists them. Personal data in the payloads is masked: phones 138****1234, ID numbers 110***********1234, health data ***; the hashes are the stored events'. / 个人信息已脱敏（手机号、身份证号、健康信息）",
  })
  history(@Param('source') source: string, @Query() q: HistoryQuery) {
    return this.audit.history(source, { schoolId: q.schoolId, streamId: q.streamId }, q.after, q.limit ?? 100);
  }

  @Get(':source/verification')
  @ApiOperation({ summary: 'Recompute the hash chains; names the first broken link per stream / 防篡改校验' })
  verify(@Param('source') source: string, @Query() q: ScopeQuery, @CurrentPrincipal() principal: Principal) {
    return this.audit.verify(source, { schoolId: q.schoolId, streamId: q.streamId }, principal.sub);
  }

  /**
   * One route for every figure of the statistics lib (work-order-figures among them): a
   * literal route beside it would also take WORK-ORDER-FIGURES, Express matching paths
   * without regard to case, while the figure is validated exactly.
   */
  @Post('rebuilds/:figure')
  @HttpCode(200)
  @ApiOperation({ summary: "Replay a figure's events from Kafka (e.g. work-order-figures) and compare with the bureau's live figure / 重放核对统计" })
  rebuildFigure(@Param() { figure }: FigureParams, @Headers('authorization') authorization: string, @CurrentPrincipal() principal: Principal, @Query() q: RebuildQuery) {
    return q.compare === 'false' ? this.rebuild.rebuildOnly(principal.sub, figure) : this.rebuild.rebuildAndCompare(authorization, principal.sub, figure);
  }

  @Get('runs')
  @ApiOperation({ summary: 'Verifications and rebuilds run so far / 审计记录' })
  runs() {
    return this.audit.runs(100);
  }
}
