import { randomUUID } from 'node:crypto';
import { Body, Controller, Get, Post, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { canReadSchool, CurrentPrincipal, Principal, readableSchoolOf, Roles } from '@houqin/auth';
import { Command, CommandContext, CommandRunner } from '@houqin/event-store';
import { CommandRoute, ErrorBodyDto, UuidParam } from '@houqin/platform';
import { awaitReadModel, ReadModels } from '@houqin/projection-store';
import { greenAreaList } from '../application/green-area-list.projection';
import { areaSummary, GreenAreaQueries } from '../application/green-area.queries';
import { greenAreaDecider } from '../domain/green-area';
import { ChangeTreeCountDto, ListCareQuery, ListGreenAreasQuery, RecordCareDto, RecordTreesDto, RegisterGreenAreaDto, RemoveGreenAreaDto, ResizeGreenAreaDto } from './green-area.dto';
import { AcceptedDto, acceptedAs, ConsistentWithQuery, HeaderSink, headerSetter } from './greening-dormitory.kit';

const SCHOOL = ['school-staff', 'school-admin'] as const;
const READERS = ['school-staff', 'school-admin', 'bureau-official', 'system-admin'] as const;

@ApiTags('green-areas 绿化档案')
@Controller('green-areas')
export class GreenAreasController {
  constructor(
    private readonly commands: CommandRunner,
    private readonly areas: GreenAreaQueries,
    private readonly readModels: ReadModels,
  ) {}

  @Post()
  @CommandRoute({ roles: ['school-admin'], summary: 'Register a green area / 登记绿地', creates: true, type: AcceptedDto })
  async register(@Body() dto: RegisterGreenAreaDto, @Command() ctx: CommandContext) {
    return acceptedAs(await this.commands.start(greenAreaDecider, (greenAreaId) => ({ type: 'RegisterGreenArea', data: { ...dto, greenAreaId, schoolId: ctx.schoolId } }), ctx));
  }

  @Post(':id/resize')
  @CommandRoute({ roles: ['school-admin'], summary: 'Change the area (m²) with a reason / 面积变更', type: AcceptedDto })
  async resize(@UuidParam('id') id: string, @Body() dto: ResizeGreenAreaDto, @Command() ctx: CommandContext) {
    return acceptedAs(await this.commands.run(greenAreaDecider, id, { type: 'ResizeGreenArea', data: { ...dto } }, ctx));
  }

  @Post(':id/remove')
  @CommandRoute({ roles: ['school-admin'], summary: 'Remove a green area / 撤销绿地', type: AcceptedDto })
  async remove(@UuidParam('id') id: string, @Body() dto: RemoveGreenAreaDto, @Command() ctx: CommandContext) {
    return acceptedAs(await this.commands.run(greenAreaDecider, id, { type: 'RemoveGreenArea', data: { ...dto } }, ctx));
  }

  @Post(':id/trees')
  @CommandRoute({ roles: [...SCHOOL], summary: 'Record trees of a species (古树名木 flagged) / 登记树木', type: AcceptedDto })
  async recordTrees(@UuidParam('id') id: string, @Body() dto: RecordTreesDto, @Command() ctx: CommandContext) {
    const result = await this.commands.run(greenAreaDecider, id, { type: 'RecordTrees', data: { ...dto, treeId: randomUUID() } }, ctx);
    return acceptedAs(result);
  }

  @Post(':id/tree-counts')
  @CommandRoute({ roles: [...SCHOOL], summary: 'Change a tree count with its reason (fewer 古树名木: school admin) / 株数变更', type: AcceptedDto })
  async changeCount(@UuidParam('id') id: string, @Body() dto: ChangeTreeCountDto, @Command() ctx: CommandContext) {
    return acceptedAs(await this.commands.run(greenAreaDecider, id, { type: 'ChangeTreeCount', data: { ...dto } }, ctx));
  }

  @Post(':id/care')
  @CommandRoute({ roles: [...SCHOOL], summary: 'Record care: pruning, watering, pest control (pesticide + safety interval), fertilising, weeding / 养护记录', type: AcceptedDto })
  async recordCare(@UuidParam('id') id: string, @Body() { occurredAt, pesticide, ...dto }: RecordCareDto, @Command() ctx: CommandContext) {
    const data = { ...dto, careId: randomUUID(), ...(pesticide ? { pesticide: { ...pesticide } } : {}) };
    return acceptedAs(await this.commands.run(greenAreaDecider, id, { type: 'RecordCare', data, metadata: { occurredAt } }, ctx));
  }

  @Get()
  @Roles(...READERS)
  @ApiOperation({ summary: 'Green areas with trees and care counts / 绿地列表', description: 'Read model `green-area-list`; cursor paging; `consistentWith` for read-your-writes.' })
  @ApiResponse({ status: 503, description: 'The list has not caught up with `consistentWith` yet / 列表尚未同步', type: ErrorBodyDto })
  async list(@Query() query: ListGreenAreasQuery, @CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) res: HeaderSink) {
    await awaitReadModel(this.readModels.get(greenAreaList.definition.name), query.consistentWith, headerSetter(res));
    return this.areas.list({ ...query, schoolId: readableSchoolOf(principal) ?? query.schoolId, sort: query.sort ?? 'name', order: query.order ?? 'asc', limit: query.limit ?? 50 });
  }

  @Get('care')
  @Roles(...READERS)
  @ApiOperation({
    summary: 'Care records of a period, newest first, paged (the Excel export reads every page) / 养护记录',
    description: 'Read model `green-area-list`; cursor paging: `nextCursor` back as `cursor` with the same filters.',
  })
  careRecords(@Query() query: ListCareQuery, @CurrentPrincipal() principal: Principal) {
    return this.areas.care({
      schoolId: readableSchoolOf(principal) ?? query.schoolId,
      kind: query.kind,
      from: query.from && `${query.from}T00:00:00+08:00`,
      to: query.to && nextBeijingDay(query.to),
      limit: query.limit ?? 50,
      cursor: query.cursor,
    });
  }

  @Get(':id')
  @Roles(...READERS)
  @ApiOperation({ summary: 'A green area (from its stream) with trees, and its care records (from the list: pass consistentWith) / 绿地详情' })
  async get(@UuidParam('id') id: string, @Query() { consistentWith }: ConsistentWithQuery, @CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) res: HeaderSink) {
    const { state, version } = await this.areas.get(id, (schoolId) => canReadSchool(principal, schoolId));
    headerSetter(res).header('ETag', `"${version}"`);
    await awaitReadModel(this.readModels.get(greenAreaList.definition.name), consistentWith, headerSetter(res)); // its care records come from the list
    const care = await this.areas.care({ greenAreaId: id, limit: 5000 });
    return { ...areaSummary(state, version), trees: Object.values(state.trees), care: care.items };
  }
}

/** The instant after a Beijing day ends (its next day's 00:00 +08:00). */
function nextBeijingDay(day: string): string {
  const next = new Date(`${day}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return `${next.toISOString().slice(0, 10)}T00:00:00+08:00`;
}
