import { Body, Controller, Get, Post, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, readableSchoolOf, Roles } from '@houqin/auth';
import { Command, CommandContext, RunResult } from '@houqin/event-store';
import { CommandRoute, ErrorBodyDto, UuidParam } from '@houqin/platform';
import { awaitReadModel, ReadModels } from '@houqin/projection-store';
import { Stocktakes } from '../application/stocktakes';
import { stocktakeList } from '../application/stocktake-list.projection';
import { ExistingStocktake } from '../domain/stocktake';
import { AddUnlistedDto, CloseStocktakeDto, ListStocktakesQuery, MarkStocktakeItemDto, OpenStocktakeDto } from './stocktake.dto';

interface HeaderSink {
  setHeader?(name: string, value: string): unknown;
  header?(name: string, value: string): unknown;
}
const headerOf = (res: HeaderSink) => ({ header: (name: string, value: string) => (res.setHeader ? res.setHeader(name, value) : res.header?.(name, value)) });
const SCHOOL = ['school-staff', 'school-admin'] as const;
const READERS = ['school-staff', 'school-admin', 'bureau-official', 'system-admin', 'auditor'] as const;

@ApiTags('stocktakes 盘点')
@Controller('stocktakes')
export class StocktakesController {
  constructor(
    private readonly stocktakes: Stocktakes,
    private readonly readModels: ReadModels,
  ) {}

  @Post()
  @CommandRoute({ roles: ['school-admin'], summary: 'Open a stocktake of a place, listing the ledger’s assets there / 开始盘点', creates: true })
  async open(@Body() dto: OpenStocktakeDto, @Command() ctx: CommandContext, @Res({ passthrough: true }) res: HeaderSink) {
    await awaitReadModel(this.readModels.get('asset-list'), dto.consistentWith, headerOf(res));
    return accepted(await this.stocktakes.open({ ...dto.location }, dto.title, ctx));
  }

  @Post(':id/items/:assetId')
  @CommandRoute({ roles: [...SCHOOL], summary: 'Mark a listed asset found, missing or damaged / 逐项盘点' })
  async mark(@UuidParam('id') id: string, @UuidParam('assetId', 'any') assetId: string, @Body() dto: MarkStocktakeItemDto, @Command() ctx: CommandContext) {
    return accepted(await this.stocktakes.mark(id, assetId, dto.finding, dto.note, ctx));
  }

  @Post(':id/unlisted')
  @CommandRoute({ roles: [...SCHOOL], summary: 'Record something found here but not listed (a ledger asset kept elsewhere, or not in the ledger) / 盘盈登记' })
  async addUnlisted(@UuidParam('id') id: string, @Body() dto: AddUnlistedDto, @Command() ctx: CommandContext) {
    return accepted(await this.stocktakes.addUnlisted(id, dto, ctx));
  }

  @Post(':id/close')
  @CommandRoute({ roles: ['school-admin'], summary: 'Close: the differences become facts on each asset (盘亏, 损坏, 找回, 调拨) / 结束盘点' })
  async close(@UuidParam('id') id: string, @Body() dto: CloseStocktakeDto, @Command() ctx: CommandContext) {
    const { result, applied } = await this.stocktakes.close(id, dto.unmarkedAsMissing ?? false, ctx);
    return { ...accepted(result), applied };
  }

  @Get()
  @Roles(...READERS)
  @ApiOperation({ summary: 'Stocktakes of my school (the bureau: any), newest first / 盘点单列表' })
  @ApiResponse({ status: 503, type: ErrorBodyDto, description: 'Not caught up with `consistentWith` yet / 列表尚未同步' })
  async list(@Query() query: ListStocktakesQuery, @CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) res: HeaderSink) {
    await awaitReadModel(this.readModels.get(stocktakeList.definition.name), query.consistentWith, headerOf(res));
    const page = await this.stocktakes.list({ schoolId: readableSchoolOf(principal) ?? query.schoolId, status: query.status, limit: query.limit ?? 50, cursor: query.cursor });
    return { items: page.rows.map((r) => summaryOf(r.doc, r.version)), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
  }

  @Get(':id')
  @Roles(...READERS)
  @ApiOperation({ summary: 'One stocktake with every listed asset and its mark, from its stream / 盘点单详情' })
  async get(@UuidParam('id') id: string, @CurrentPrincipal() principal: Principal) {
    const { state, version } = await this.stocktakes.get(id, readableSchoolOf(principal));
    return { ...state, ...progressOf(state), version };
  }
}

const accepted = ({ id, ...result }: RunResult) => ({ stocktakeId: id, ...result });
const progressOf = (s: ExistingStocktake) => ({ expectedCount: s.expected.length, markedCount: s.expected.filter((a) => s.marks[a.assetId]).length, unlistedCount: s.unlisted.length });
function summaryOf(s: ExistingStocktake, version: number) {
  const { expected: _e, marks: _m, unlisted: _u, ...rest } = s;
  return { ...rest, ...progressOf(s), version };
}
