import { Body, Controller, Get, Post, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { canReadSchool, CurrentPrincipal, Principal, readableSchoolOf, Roles } from '@houqin/auth';
import { Command, CommandContext, CommandRunner, RunResult } from '@houqin/event-store';
import { CommandRoute, ErrorBodyDto, UuidParam } from '@houqin/platform';
import { awaitReadModel, ReadModels } from '@houqin/projection-store';
import { workOrderList } from '../application/work-order-list.projection';
import { WorkOrderQueries } from '../application/work-order.queries';
import { WorkOrderReporting } from '../application/work-order-reporting';
import { Repairer } from '@houqin/contracts';
import { workOrderDecider } from '../domain/work-order';
import { DispatchContractorDto, DispatchTechnicianDto, RecordRepairCostsDto, StartRepairDto } from './work-order-repair.dto';
import { view } from './work-order-view';
import {
  AssignWorkOrderDto,
  CommandAcceptedDto,
  CompleteWorkOrderDto,
  ListWorkOrdersQuery,
  RejectCompletionDto,
  ReportWorkOrderDto,
  VerifyWorkOrderDto,
} from './work-order.dto';

/** Sets a response header; Express and Fastify replies both have `header`-like setters. */
interface HeaderSink {
  setHeader?(name: string, value: string): unknown;
  header?(name: string, value: string): unknown;
}

/** Read by the decorators below, so declared before the class. */
const CONTRACTOR_PHONE = "A contractor's phone is in full for the school-admin of the order's school (who dispatches), masked (138****8000) for everyone else / 外包单位电话仅派工的学校管理员可见全号";

@ApiTags('work-orders 报修')
@Controller('work-orders')
export class WorkOrdersController {
  constructor(
    private readonly commands: CommandRunner,
    private readonly workOrders: WorkOrderQueries,
    private readonly readModels: ReadModels,
    private readonly reporting: WorkOrderReporting,
  ) {}

  @Post()
  @CommandRoute({ roles: ['school-staff', 'school-admin'], summary: 'Report a repair / 报修', creates: true, type: CommandAcceptedDto })
  async report(@Body() { occurredAt, ...dto }: ReportWorkOrderDto, @Command() ctx: CommandContext): Promise<CommandAcceptedDto> {
    return accepted(await this.reporting.report(dto, ctx, occurredAt));
  }

  @Post(':id/assign')
  @CommandRoute({ roles: ['school-admin'], summary: 'Assign a repairer / 派单', type: CommandAcceptedDto })
  async assign(@UuidParam('id') id: string, @Body() dto: AssignWorkOrderDto, @Command() ctx: CommandContext) {
    return accepted(await this.commands.run(workOrderDecider, id, { type: 'AssignWorkOrder', data: { assignee: dto.assignee }, metadata: { occurredAt: dto.occurredAt } }, ctx));
  }

  @Post(':id/dispatch/technician')
  @CommandRoute({ roles: ['school-admin'], summary: 'Dispatch to an in-house technician / 派工（校内维修工）', type: CommandAcceptedDto })
  async dispatchTechnician(@UuidParam('id') id: string, @Body() { technicianId, technicianName, occurredAt }: DispatchTechnicianDto, @Command() ctx: CommandContext) {
    return this.dispatch(id, { kind: 'technician', accountId: technicianId, name: technicianName }, occurredAt, ctx);
  }

  @Post(':id/dispatch/contractor')
  @CommandRoute({ roles: ['school-admin'], summary: 'Dispatch to an outside contractor / 派工（外包单位）', type: CommandAcceptedDto })
  async dispatchContractor(@UuidParam('id') id: string, @Body() { company, contact, phone, occurredAt }: DispatchContractorDto, @Command() ctx: CommandContext) {
    return this.dispatch(id, { kind: 'contractor', company, contact, phone }, occurredAt, ctx);
  }

  @Post(':id/start')
  @CommandRoute({ roles: ['school-staff', 'school-admin'], summary: 'The repairer starts work / 开工', type: CommandAcceptedDto })
  async start(@UuidParam('id') id: string, @Body() dto: StartRepairDto, @Command() ctx: CommandContext) {
    return accepted(await this.commands.run(workOrderDecider, id, { type: 'StartRepair', data: {}, metadata: { occurredAt: dto.occurredAt } }, ctx));
  }

  @Post(':id/costs')
  @CommandRoute({ roles: ['school-staff', 'school-admin'], summary: 'Record parts and labour, in fen (replaces the previous sheet) / 登记维修费用', type: CommandAcceptedDto })
  async costs(@UuidParam('id') id: string, @Body() { parts, labourFen, occurredAt }: RecordRepairCostsDto, @Command() ctx: CommandContext) {
    const data = { parts: parts.map(({ name, quantity, unitPriceFen }) => ({ name, quantity, unitPriceFen })), labourFen };
    return accepted(await this.commands.run(workOrderDecider, id, { type: 'RecordRepairCosts', data, metadata: { occurredAt } }, ctx));
  }

  @Post(':id/complete')
  @CommandRoute({ roles: ['school-staff', 'school-admin'], summary: 'Mark the repair done / 完工', type: CommandAcceptedDto })
  async complete(@UuidParam('id') id: string, @Body() dto: CompleteWorkOrderDto, @Command() ctx: CommandContext) {
    return accepted(await this.commands.run(workOrderDecider, id, { type: 'CompleteWorkOrder', data: { note: dto.note }, metadata: { occurredAt: dto.occurredAt } }, ctx));
  }

  @Post(':id/reject')
  @CommandRoute({ roles: ['school-staff', 'school-admin'], summary: 'The reporter reopens the repair with a reason / 返修（验收不通过）', type: CommandAcceptedDto })
  async reject(@UuidParam('id') id: string, @Body() dto: RejectCompletionDto, @Command() ctx: CommandContext) {
    return accepted(await this.commands.run(workOrderDecider, id, { type: 'RejectCompletion', data: { reason: dto.reason }, metadata: { occurredAt: dto.occurredAt } }, ctx));
  }

  @Post(':id/verify')
  @CommandRoute({ roles: ['school-staff', 'school-admin'], summary: 'Reporter accepts the repair / 验收通过', type: CommandAcceptedDto })
  async verify(@UuidParam('id') id: string, @Body() dto: VerifyWorkOrderDto, @Command() ctx: CommandContext) {
    return accepted(await this.commands.run(workOrderDecider, id, { type: 'VerifyWorkOrder', data: { rating: dto.rating, comment: dto.comment }, metadata: { occurredAt: dto.occurredAt } }, ctx));
  }

  private async dispatch(id: string, repairer: Repairer, occurredAt: string | undefined, ctx: CommandContext) {
    return accepted(await this.commands.run(workOrderDecider, id, { type: 'AssignWorkOrder', data: { repairer }, metadata: { occurredAt } }, ctx));
  }

  @Get(':id')
  @Roles('school-staff', 'school-admin', 'bureau-official', 'system-admin')
  @ApiOperation({ summary: 'One work order, from its stream (always current); ETag is its version / 工单详情', description: CONTRACTOR_PHONE })
  async get(@UuidParam('id') id: string, @CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) res: HeaderSink) {
    const loaded = await this.workOrders.get(id, (schoolId) => canReadSchool(principal, schoolId));
    setHeader(res, 'ETag', `"${loaded.version}"`);
    return view(loaded.state, loaded.version, principal);
  }

  @Get()
  @Roles('school-staff', 'school-admin', 'bureau-official', 'system-admin')
  @ApiOperation({
    summary: 'Work orders of my school (bureau: any school), filtered, sorted, searched, paged / 工单列表',
    description:
      'From the read model `work-order-list`. Paging: pass `nextCursor` back as `cursor` with the same filters, sort and order. Read-your-writes: pass a command\'s `position` as `consistentWith`; 503 with Retry-After (code `read-model-behind`) when the list has not caught up within 2 s. ' +
      CONTRACTOR_PHONE,
  })
  @ApiResponse({ status: 503, description: 'The list has not caught up with `consistentWith` yet (Retry-After) / 列表尚未同步', type: ErrorBodyDto })
  async list(@Query() query: ListWorkOrdersQuery, @CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) res: HeaderSink) {
    const sort = query.sort ?? 'reportedAt';
    const order = query.order ?? 'desc';
    await awaitReadModel(this.readModels.get(workOrderList.definition.name), query.consistentWith, { header: (name, value) => setHeader(res, name, value) });
    const page = await this.workOrders.list({
      ...query,
      schoolId: readableSchoolOf(principal) ?? query.schoolId,
      reportedFrom: query.reportedFrom && startOf(query.reportedFrom),
      reportedTo: query.reportedTo && endOf(query.reportedTo),
      sort,
      order,
      limit: query.limit ?? 50,
    });
    return { items: page.items.map((i) => view(i.order, i.version, principal)), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
  }
}

const setHeader = (res: HeaderSink, name: string, value: string) => (res.setHeader ? res.setHeader(name, value) : res.header?.(name, value));
/** A day filter is a Beijing day: from its 00:00 (+08:00), to the next day's 00:00, which is 16:00 UTC of the day itself. */
const isDay = (text: string) => text.length === 10;
const startOf = (text: string) => (isDay(text) ? `${text}T00:00:00+08:00` : text);
const endOf = (text: string) => (isDay(text) ? `${text}T16:00:00Z` : text);

const accepted = ({ id, ...result }: RunResult): CommandAcceptedDto => ({ workOrderId: id, ...result });
