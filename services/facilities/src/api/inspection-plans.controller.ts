import { Body, Controller, Get, Post, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { canReadSchool, CurrentPrincipal, Principal, readableSchoolOf, Roles } from '@houqin/auth';
import { Command, CommandContext, CommandRunner, RunResult } from '@houqin/event-store';
import { CommandRoute, ErrorBodyDto, UuidParam } from '@houqin/platform';
import { awaitReadModel, ReadModels } from '@houqin/projection-store';
import { inspectionIdFor } from '../application/inspection-ids';
import { inspectionPlanList } from '../application/inspection-plan-list.projection';
import { InspectionQueries } from '../application/inspection.queries';
import { ExistingInspectionPlan, inspectionPlanDecider, KIND_RULES, KIND_ZH, PLAN_STATUS_ZH, STANDARD_CHECKLISTS } from '../domain/inspection-plan';
import {
  assertRevisesSomething,
  CreateInspectionPlanDto,
  InspectionCommandAcceptedDto,
  ListInspectionPlansQuery,
  ListInspectionsQuery,
  ReassignInspectionPlanDto,
  RecordInspectionDto,
  RetireInspectionPlanDto,
  ReviseInspectionPlanDto,
} from './inspection.dto';

/** Sets a response header; Express and Fastify replies both have `header`-like setters. */
interface HeaderSink {
  setHeader?(name: string, value: string): unknown;
  header?(name: string, value: string): unknown;
}
const setHeader = (res: HeaderSink, name: string, value: string) => (res.setHeader ? res.setHeader(name, value) : res.header?.(name, value));

const READERS = ['school-staff', 'school-admin', 'bureau-official', 'system-admin'] as const;
const BEHIND = { status: 503, description: 'The list has not caught up with `consistentWith` yet (Retry-After) / 列表尚未同步', type: ErrorBodyDto };

@ApiTags('inspections 定期检查')
@Controller()
export class InspectionPlansController {
  constructor(
    private readonly commands: CommandRunner,
    private readonly queries: InspectionQueries,
    private readonly readModels: ReadModels,
  ) {}

  @Post('inspection-plans')
  @CommandRoute({ roles: ['school-admin'], summary: 'Plan a recurring inspection / 制定检查计划', creates: true, type: InspectionCommandAcceptedDto })
  async create(@Body() { occurredAt, ...dto }: CreateInspectionPlanDto, @Command() ctx: CommandContext): Promise<InspectionCommandAcceptedDto> {
    const target = { ...dto.target };
    const checklist = dto.checklist?.map((i) => ({ ...i }));
    return accepted(
      await this.commands.start(
        inspectionPlanDecider,
        (planId) => ({ type: 'CreateInspectionPlan', data: { ...dto, target, ...(checklist ? { checklist } : {}), planId, schoolId: ctx.schoolId }, metadata: { occurredAt } }),
        ctx,
      ),
    );
  }

  @Post('inspection-plans/:id/reassign')
  @CommandRoute({ roles: ['school-admin'], summary: 'Change the responsible person / 更换责任人', type: InspectionCommandAcceptedDto })
  async reassign(@UuidParam('id') id: string, @Body() dto: ReassignInspectionPlanDto, @Command() ctx: CommandContext) {
    return accepted(await this.commands.run(inspectionPlanDecider, id, { type: 'ReassignInspectionPlan', data: { responsiblePerson: dto.responsiblePerson } }, ctx));
  }

  @Post('inspection-plans/:id/revise')
  @CommandRoute({ roles: ['school-admin'], summary: 'Revise name, checklist and/or interval / 修订检查计划（名称、检查表、周期）', type: InspectionCommandAcceptedDto })
  async revise(@UuidParam('id') id: string, @Body() dto: ReviseInspectionPlanDto, @Command() ctx: CommandContext) {
    assertRevisesSomething(dto);
    const { name, checklist, intervalDays } = dto;
    const data = { ...(name === undefined ? {} : { name }), ...(checklist ? { checklist: checklist.map((i) => ({ ...i })) } : {}), ...(intervalDays === undefined ? {} : { intervalDays }) };
    return accepted(await this.commands.run(inspectionPlanDecider, id, { type: 'ReviseInspectionPlan', data }, ctx));
  }

  @Post('inspection-plans/:id/retire')
  @CommandRoute({ roles: ['school-admin'], summary: 'Retire the plan / 停用检查计划', type: InspectionCommandAcceptedDto })
  async retire(@UuidParam('id') id: string, @Body() dto: RetireInspectionPlanDto, @Command() ctx: CommandContext) {
    return accepted(await this.commands.run(inspectionPlanDecider, id, { type: 'RetireInspectionPlan', data: { reason: dto.reason } }, ctx));
  }

  @Post('inspection-plans/:id/inspections')
  @CommandRoute({ roles: ['school-staff', 'school-admin'], summary: 'Record an inspection against the checklist / 登记检查结果', creates: true, type: InspectionCommandAcceptedDto })
  async record(@UuidParam('id') id: string, @Body() { occurredAt, results, note }: RecordInspectionDto, @Command() ctx: CommandContext) {
    const inspectionId = inspectionIdFor(ctx.idempotency.scope, ctx.idempotency.key);
    const data = { inspectionId, results: results.map((r) => ({ ...r })), ...(note === undefined ? {} : { note }) };
    return { ...accepted(await this.commands.run(inspectionPlanDecider, id, { type: 'RecordInspection', data, metadata: { occurredAt } }, ctx)), inspectionId };
  }

  @Get('inspection-plans/checklists')
  @Roles(...READERS)
  @ApiOperation({ summary: 'Standard checklist and interval settings of each kind / 各类别标准检查表' })
  checklists() {
    return Object.entries(STANDARD_CHECKLISTS).map(([kind, checklist]) => ({
      kind,
      kindZh: KIND_ZH[kind as keyof typeof KIND_ZH],
      ruleId: KIND_RULES[kind as keyof typeof KIND_RULES].ruleId,
      intervalSettings: KIND_RULES[kind as keyof typeof KIND_RULES].settings,
      checklist,
    }));
  }

  @Get('inspection-plans/:id')
  @Roles(...READERS)
  @ApiOperation({ summary: 'One plan, from its stream (always current); ETag is its version / 检查计划详情' })
  @ApiResponse({ status: 404, description: "No such plan, or another school's / 检查计划不存在", type: ErrorBodyDto })
  async get(@UuidParam('id') id: string, @CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) res: HeaderSink) {
    const loaded = await this.queries.get(id, (schoolId) => canReadSchool(principal, schoolId));
    setHeader(res, 'ETag', `"${loaded.version}"`);
    return view(loaded.state as ExistingInspectionPlan, loaded.version);
  }

  @Get('inspection-plans')
  @Roles(...READERS)
  @ApiOperation({
    summary: 'Plans of my school (bureau: any school) with their next due date; overdue and due-before filters / 检查计划列表',
    description: 'From the read model `inspection-plan-list`. Paging: pass `nextCursor` back as `cursor`. Read-your-writes: a command\'s `position` as `consistentWith`.',
  })
  @ApiResponse(BEHIND)
  async list(@Query() query: ListInspectionPlansQuery, @CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) res: HeaderSink) {
    await awaitReadModel(this.readModels.get(inspectionPlanList.definition.name), query.consistentWith, { header: (n, v) => setHeader(res, n, v) });
    const page = await this.queries.plans({ ...query, schoolId: readableSchoolOf(principal) ?? query.schoolId, sort: query.sort ?? 'nextDue', order: query.order ?? 'asc', limit: query.limit ?? 50 });
    return { items: page.rows.map((r) => ({ ...view(r.plan, r.version), inspectionCount: r.inspection_count })), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
  }

  @Get('inspections')
  @Roles(...READERS)
  @ApiOperation({ summary: 'Inspection history by plan, date and result / 检查记录', description: 'From the read model `inspection-plan-list` (view inspection_list), newest first by default.' })
  @ApiResponse(BEHIND)
  async inspections(@Query() query: ListInspectionsQuery, @CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) res: HeaderSink) {
    await awaitReadModel(this.readModels.get(inspectionPlanList.definition.name), query.consistentWith, { header: (n, v) => setHeader(res, n, v) });
    const page = await this.queries.inspections({ ...query, schoolId: readableSchoolOf(principal) ?? query.schoolId, order: query.order ?? 'desc', limit: query.limit ?? 50 });
    return { items: page.rows.map((r) => ({ ...r, kindZh: KIND_ZH[r['kind'] as keyof typeof KIND_ZH] })), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
  }
}

const accepted = ({ id, ...result }: RunResult): InspectionCommandAcceptedDto => ({ planId: id, ...result });
const view = (plan: ExistingInspectionPlan, version: number) => ({ ...plan, kindZh: KIND_ZH[plan.kind], statusZh: PLAN_STATUS_ZH[plan.status], version });
