import { Body, Controller, Get, Post, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { canReadSchool, CurrentPrincipal, Principal, readableSchoolOf, Roles } from '@houqin/auth';
import { Command, CommandContext, CommandRunner, RunResult } from '@houqin/event-store';
import { CommandRoute, UuidParam } from '@houqin/platform';
import { WorkOrderQueries } from '../application/work-order.queries';
import { STATUS_ZH, workOrderDecider, WorkOrderState } from '../domain/work-order';
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

@ApiTags('work-orders 报修')
@Controller('work-orders')
export class WorkOrdersController {
  constructor(
    private readonly commands: CommandRunner,
    private readonly workOrders: WorkOrderQueries,
  ) {}

  @Post()
  @CommandRoute({ roles: ['school-staff', 'school-admin'], summary: 'Report a repair / 报修', creates: true, type: CommandAcceptedDto })
  async report(@Body() { occurredAt, ...dto }: ReportWorkOrderDto, @Command() ctx: CommandContext): Promise<CommandAcceptedDto> {
    return accepted(await this.commands.start(workOrderDecider, (workOrderId) => ({ type: 'ReportWorkOrder', data: { ...dto, workOrderId, schoolId: ctx.schoolId }, metadata: { occurredAt } }), ctx));
  }

  @Post(':id/assign')
  @CommandRoute({ roles: ['school-admin'], summary: 'Assign a repairer / 派单', type: CommandAcceptedDto })
  async assign(@UuidParam('id') id: string, @Body() dto: AssignWorkOrderDto, @Command() ctx: CommandContext) {
    return accepted(await this.commands.run(workOrderDecider, id, { type: 'AssignWorkOrder', data: { assignee: dto.assignee }, metadata: { occurredAt: dto.occurredAt } }, ctx));
  }

  @Post(':id/complete')
  @CommandRoute({ roles: ['school-staff', 'school-admin'], summary: 'Mark the repair done / 完工', type: CommandAcceptedDto })
  async complete(@UuidParam('id') id: string, @Body() dto: CompleteWorkOrderDto, @Command() ctx: CommandContext) {
    return accepted(await this.commands.run(workOrderDecider, id, { type: 'CompleteWorkOrder', data: { note: dto.note }, metadata: { occurredAt: dto.occurredAt } }, ctx));
  }

  @Post(':id/reject')
  @CommandRoute({ roles: ['school-staff', 'school-admin'], summary: 'Reporter rejects the repair / 验收不通过', type: CommandAcceptedDto })
  async reject(@UuidParam('id') id: string, @Body() dto: RejectCompletionDto, @Command() ctx: CommandContext) {
    return accepted(await this.commands.run(workOrderDecider, id, { type: 'RejectCompletion', data: { reason: dto.reason } }, ctx));
  }

  @Post(':id/verify')
  @CommandRoute({ roles: ['school-staff', 'school-admin'], summary: 'Reporter accepts the repair / 验收通过', type: CommandAcceptedDto })
  async verify(@UuidParam('id') id: string, @Body() dto: VerifyWorkOrderDto, @Command() ctx: CommandContext) {
    return accepted(await this.commands.run(workOrderDecider, id, { type: 'VerifyWorkOrder', data: { rating: dto.rating, comment: dto.comment }, metadata: { occurredAt: dto.occurredAt } }, ctx));
  }

  @Get(':id')
  @Roles('school-staff', 'school-admin', 'bureau-official', 'system-admin')
  @ApiOperation({ summary: 'One work order; ETag is its version / 工单详情' })
  async get(@UuidParam('id') id: string, @CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) res: HeaderSink) {
    const loaded = await this.workOrders.get(id, (schoolId) => canReadSchool(principal, schoolId));
    const etag = `"${loaded.version}"`;
    if (res.setHeader) res.setHeader('ETag', etag);
    else res.header?.('ETag', etag);
    return view(loaded.state, loaded.version);
  }

  @Get()
  @Roles('school-staff', 'school-admin', 'bureau-official', 'system-admin')
  @ApiOperation({ summary: 'Newest work orders of my school (bureau: any school) / 工单列表' })
  async list(@Query() query: ListWorkOrdersQuery, @CurrentPrincipal() principal: Principal) {
    const own = readableSchoolOf(principal);
    const schoolId = own ?? query.schoolId;
    const items = await this.workOrders.list({ schoolId, limit: query.limit ?? 50 });
    return { items: items.map((i) => view(i.state, i.version)) };
  }
}

const accepted = ({ id, ...result }: RunResult): CommandAcceptedDto => ({ workOrderId: id, ...result });
const view = (s: WorkOrderState, version: number) => ({ ...s, statusZh: STATUS_ZH[s.status], version });
