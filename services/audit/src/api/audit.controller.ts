import { Controller, Get, Headers, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiProperty, ApiTags, IntersectionType } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { UuidParam, ZhLabel } from '@houqin/platform';
import { figureNamed, FIGURES } from '@houqin/statistics';
import { CurrentPrincipal, Principal, Roles } from '@houqin/auth';
import { AuditService } from '../application/audit.service';
import { RebuildService } from '../application/rebuild.service';
import { AuditProgress } from '../application/progress';
import { endOf, eventTypesOf, HistoryFilterQuery, ProgressQuery, RebuildQuery, ScopeQuery, startOf } from './audit.dto';

/** A figure of the statistics lib, by name. */
class FigureParams {
  @ApiProperty({ description: 'A figure of the statistics lib / 统计项', enum: [...FIGURES.keys()], example: 'work-order-figures' })
  @ZhLabel('统计项')
  @IsIn([...FIGURES.keys()])
  figure: string;
}

class VerificationQuery extends IntersectionType(ScopeQuery, ProgressQuery) {}

@ApiTags('audit 审计')
@Controller('audit')
@Roles('auditor')
export class AuditController {
  constructor(
    private readonly audit: AuditService,
    private readonly rebuild: RebuildService,
    private readonly progress: AuditProgress,
  ) {}

  @Get('sources')
  @ApiOperation({ summary: 'The event sources the audit reads (AUDIT_SOURCES), with their event types / 数据来源' })
  sources() {
    return { items: this.audit.listSources() };
  }

  @Get('progress/:progressId')
  @ApiOperation({ summary: 'How far a verification or replay started with this progressId got: done, total, share / 运行进度' })
  runProgress(@UuidParam('progressId') progressId: string) {
    return this.progress.get(progressId);
  }

  @Get(':source/events')
  @ApiOperation({
    summary: 'Event history in commit order: who, what, when / 事件历史',
    description:
      "Sources: `facilities` (work orders), `identity` (schools, accounts, logins, failures, lockouts, password changes), or as AUDIT_SOURCES lists them. Personal data in the payloads is masked: phones 138****1234, ID numbers 110***********1234, health data ***; the hashes are the stored events'. / 个人信息已脱敏（手机号、身份证号、健康信息）",
  })
  history(@Param('source') source: string, @Query() q: HistoryFilterQuery) {
    const filter = { schoolId: q.schoolId, streamId: q.streamId, actor: q.actor, types: eventTypesOf(q.type), from: q.from && startOf(q.from), to: q.to && endOf(q.to) };
    return this.audit.history(source, filter, q.after, q.limit ?? 100);
  }

  @Get(':source/verification')
  @ApiOperation({ summary: 'Recompute the hash chains; names the first broken link per stream / 防篡改校验' })
  async verify(@Param('source') source: string, @Query() q: VerificationQuery, @CurrentPrincipal() principal: Principal) {
    this.audit.source(source);
    const progress = await this.progress.start(q.progressId, 'verify-hash-chains', source, principal.sub);
    return this.audit.verify(source, { schoolId: q.schoolId, streamId: q.streamId }, principal.sub, progress).finally(() => progress.finish());
  }

  /**
   * One route for every figure of the statistics lib (work-order-figures among them): a
   * literal route beside it would also take WORK-ORDER-FIGURES, Express matching paths
   * without regard to case, while the figure is validated exactly.
   */
  @Post('rebuilds/:figure')
  @HttpCode(200)
  @ApiOperation({ summary: "Replay a figure's events from Kafka (e.g. work-order-figures) and compare with the bureau's live figure / 重放核对统计" })
  async rebuildFigure(@Param() { figure }: FigureParams, @Headers('authorization') authorization: string, @CurrentPrincipal() principal: Principal, @Query() q: RebuildQuery) {
    const progress = await this.progress.start(q.progressId, `rebuild-${figure}`, figureNamed(figure)?.source ?? figure, principal.sub);
    const run = q.compare === 'false' ? this.rebuild.rebuildOnly(principal.sub, figure, progress) : this.rebuild.rebuildAndCompare(authorization, principal.sub, figure, progress);
    return run.finally(() => progress.finish());
  }

  @Get('runs')
  @ApiOperation({ summary: 'Verifications and rebuilds run so far / 审计记录' })
  runs() {
    return this.audit.runs(100);
  }
}
