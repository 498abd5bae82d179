import { randomUUID } from 'node:crypto';
import { Body, Controller, Get, HttpCode, Post, Query, Req, Res } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Request, Response } from 'express';
import { canReadSchool, CurrentPrincipal, Principal, readableSchoolOf, Roles } from '@houqin/auth';
import { correlationIdOf, UuidParam } from '@houqin/platform';
import { CommandContext, WorkOrderService } from '../application/work-order.service';
import { STATUS_ZH, WorkOrderState } from '../domain/work-order';
import { expectedVersionOf, idempotencyOf } from './command-headers';
import {
  AssignWorkOrderDto,
  CommandAcceptedDto,
  CompleteWorkOrderDto,
  ListWorkOrdersQuery,
  RejectCompletionDto,
  ReportWorkOrderDto,
  VerifyWorkOrderDto,
} from './work-order.dto';

const idempotencyHeader = ApiHeader({
  name: 'Idempotency-Key',
  required: true,
  description: 'Unique per command; retries reuse it / 幂等键',
  schema: { type: 'string', pattern: '^[A-Za-z0-9._:-]{8,128}$', example: 'report-2026-11-30-0001' },
});
const ifMatchHeader = ApiHeader({
  name: 'If-Match',
  required: false,
  description: 'Expected version, as the ETag gave it / 期望版本',
  schema: { type: 'string', pattern: '^(W/)?"?\\d{1,9}"?$', example: '"3"' },
});

@ApiTags('work-orders 报修')
@Controller('work-orders')
export class WorkOrdersController {
  constructor(private readonly workOrders: WorkOrderService) {}

  @Post()
  @Roles('school-staff', 'school-admin')
  @idempotencyHeader
  @ApiOperation({ summary: 'Report a repair / 报修' })
  async report(@Body() dto: ReportWorkOrderDto, @CurrentPrincipal() principal: Principal, @Req() req: Request): Promise<CommandAcceptedDto> {
    return this.workOrders.report(dto, this.context(principal, req));
  }

  @Post(':id/assign')
  @HttpCode(200)
  @Roles('school-admin')
  @idempotencyHeader
  @ifMatchHeader
  @ApiOperation({ summary: 'Assign a repairer / 派单' })
  assign(@UuidParam('id') id: string, @Body() dto: AssignWorkOrderDto, @CurrentPrincipal() principal: Principal, @Req() req: Request) {
    return this.workOrders.act(id, { type: 'AssignWorkOrder', assignee: dto.assignee }, this.context(principal, req));
  }

  @Post(':id/complete')
  @HttpCode(200)
  @Roles('school-staff', 'school-admin')
  @idempotencyHeader
  @ifMatchHeader
  @ApiOperation({ summary: 'Mark the repair done / 完工' })
  complete(@UuidParam('id') id: string, @Body() dto: CompleteWorkOrderDto, @CurrentPrincipal() principal: Principal, @Req() req: Request) {
    return this.workOrders.act(id, { type: 'CompleteWorkOrder', note: dto.note }, this.context(principal, req));
  }

  @Post(':id/reject')
  @HttpCode(200)
  @Roles('school-staff', 'school-admin')
  @idempotencyHeader
  @ifMatchHeader
  @ApiOperation({ summary: 'Reporter rejects the repair / 验收不通过' })
  reject(@UuidParam('id') id: string, @Body() dto: RejectCompletionDto, @CurrentPrincipal() principal: Principal, @Req() req: Request) {
    return this.workOrders.act(id, { type: 'RejectCompletion', reason: dto.reason }, this.context(principal, req));
  }

  @Post(':id/verify')
  @HttpCode(200)
  @Roles('school-staff', 'school-admin')
  @idempotencyHeader
  @ifMatchHeader
  @ApiOperation({ summary: 'Reporter accepts the repair / 验收通过' })
  verify(@UuidParam('id') id: string, @Body() dto: VerifyWorkOrderDto, @CurrentPrincipal() principal: Principal, @Req() req: Request) {
    return this.workOrders.act(id, { type: 'VerifyWorkOrder', rating: dto.rating, comment: dto.comment }, this.context(principal, req));
  }

  @Get(':id')
  @Roles('school-staff', 'school-admin', 'bureau-official', 'system-admin')
  @ApiOperation({ summary: 'One work order; ETag is its version / 工单详情' })
  async get(@UuidParam('id') id: string, @CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) res: Response) {
    const loaded = await this.workOrders.get(id, (schoolId) => canReadSchool(principal, schoolId));
    res.setHeader('ETag', `"${loaded.version}"`);
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

  private context(principal: Principal, req: Request): CommandContext {
    return {
      actorId: principal.sub,
      role: principal.role,
      schoolId: principal.schoolId!,
      correlationId: correlationIdOf(req) ?? randomUUID(),
      idempotency: idempotencyOf(req, principal),
      expectedVersion: expectedVersionOf(req),
    };
  }
}

const view = (s: WorkOrderState, version: number) => ({ ...s, statusZh: STATUS_ZH[s.status], version });
