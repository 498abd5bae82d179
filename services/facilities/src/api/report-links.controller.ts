import { Body, Controller, Get, HttpCode, Post, Query, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { AuthenticatedRequest, CurrentPrincipal, Principal, readableSchoolOf, Roles } from '@houqin/auth';
import { Command, CommandContext, commandContextOf, IdempotencyKey } from '@houqin/event-store';
import { CommandRoute, correlationIdOf, ErrorBodyDto, UuidParam } from '@houqin/platform';
import { awaitReadModel, ReadModels } from '@houqin/projection-store';
import { reportLinkList } from '../application/report-link-list.projection';
import { ReportLinks } from '../application/report-links';
import { ConsistentReadQuery, IssueLabelSheetDto, IssueReportLinkDto, ListReportLinksQuery, RevokeReportLinkDto } from './report-links.dto';

interface HeaderSink {
  setHeader?(name: string, value: string): unknown;
  header?(name: string, value: string): unknown;
}
const headerOf = (res: HeaderSink) => ({ header: (name: string, value: string) => (res.setHeader ? res.setHeader(name, value) : res.header?.(name, value)) });

@ApiTags('report-links 报修二维码')
@Controller('report-links')
export class ReportLinksController {
  constructor(
    private readonly links: ReportLinks,
    private readonly readModels: ReadModels,
  ) {}

  @Post()
  @CommandRoute({ roles: ['school-admin'], summary: "Issue a QR report link for one of the school's assets / 发放报修二维码", creates: true })
  async issue(@Body() dto: IssueReportLinkDto, @Command() ctx: CommandContext) {
    const { id, ...result } = await this.links.issue(dto.assetId, dto.expiresAt, ctx);
    return { linkId: id, ...result };
  }

  @Post('label-sheet')
  @HttpCode(200)
  @CommandRoute({ roles: ['school-admin'], summary: 'Links for a sheet of QR labels (an asset with an active link keeps it) / 批量打印标签', idempotencyKey: 'optional' })
  async labelSheet(@Body() dto: IssueLabelSheetDto, @Req() request: AuthenticatedRequest & { method: string; url: string }, @Res({ passthrough: true }) res: HeaderSink) {
    await awaitReadModel(this.readModels.get(reportLinkList.definition.name), dto.consistentWith, headerOf(res));
    return this.links.labelSheet(dto.assetIds, unkeyed(request));
  }

  @Post(':id/revoke')
  @CommandRoute({ roles: ['school-admin'], summary: 'Revoke a QR report link: every later scan is refused (410) / 作废报修二维码' })
  async revoke(@UuidParam('id') id: string, @Body() dto: RevokeReportLinkDto, @Command() ctx: CommandContext) {
    const { id: linkId, ...result } = await this.links.revoke(id, dto.reason, ctx);
    return { linkId, ...result };
  }

  @Get()
  @Roles('school-admin', 'bureau-official', 'system-admin')
  @ApiOperation({ summary: 'QR report links of my school, with their tokens (newest first, at most 500) / 报修二维码列表' })
  @ApiResponse({ status: 503, type: ErrorBodyDto, description: 'Not caught up with `consistentWith` yet / 列表尚未同步' })
  async list(@Query() query: ListReportLinksQuery, @CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) res: HeaderSink) {
    await awaitReadModel(this.readModels.get(reportLinkList.definition.name), query.consistentWith, headerOf(res));
    return { items: await this.links.list(readableSchoolOf(principal), query) };
  }

  @Get(':id')
  @Roles('school-admin', 'bureau-official', 'system-admin')
  @ApiOperation({ summary: 'One QR report link (another school’s: 404) / 报修二维码详情' })
  async get(@UuidParam('id') id: string, @Query() query: ConsistentReadQuery, @CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) res: HeaderSink) {
    await awaitReadModel(this.readModels.get(reportLinkList.definition.name), query.consistentWith, headerOf(res));
    return this.links.get(id, readableSchoolOf(principal));
  }

  @Get(':id/reports')
  @Roles('school-admin', 'bureau-official', 'system-admin')
  @ApiOperation({ summary: 'Reports made through a link, with the reporter’s contact (the phone in full to the school admin, who calls back; masked to the bureau) / 扫码报修记录' })
  async reports(@UuidParam('id') id: string, @Query() query: ConsistentReadQuery, @CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) res: HeaderSink) {
    await awaitReadModel(this.readModels.get(reportLinkList.definition.name), query.consistentWith, headerOf(res));
    const schoolId = readableSchoolOf(principal);
    await this.links.get(id, schoolId);
    return { items: await this.links.reports(id, schoolId, principal.role === 'school-admin') };
  }
}

/** The admin's context without a key: a label sheet is many commands, each its own. */
function unkeyed(request: AuthenticatedRequest & { method: string; url: string }): CommandContext {
  if (request.headers['idempotency-key'] !== undefined) return commandContextOf(request);
  const principal = request.principal as Principal;
  return { actorId: principal.sub, role: principal.role, schoolId: principal.schoolId ?? '', correlationId: correlationIdOf(request) ?? crypto.randomUUID(), idempotency: undefined as unknown as IdempotencyKey };
}
