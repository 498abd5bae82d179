import { Body, Controller, Get, Post, Query, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { AuthenticatedRequest, canReadSchool, CurrentPrincipal, isSchoolRole, Principal, readableSchoolOf, Roles } from '@houqin/auth';
import { ASSET_CATEGORIES } from '@houqin/contracts';
import { Clock } from '@houqin/event-sourcing';
import { Command, CommandContext, commandContextOf, CommandRunner, RunResult, StoredEvent } from '@houqin/event-store';
import { CommandRoute, ErrorBodyDto, UuidParam } from '@houqin/platform';
import { awaitReadModel, ReadModels } from '@houqin/projection-store';
import { beijingDateOf, bookValueOn } from '@houqin/rules';
import { assetList } from '../application/asset-list.projection';
import { AssetQueries } from '../application/asset.queries';
import { AssetCommand, assetDecider, ExistingAsset, LEDGER_STATUS_ZH, ledgerStatusOf } from '../domain/asset';
import {
  ApproveDisposalDto,
  AssetAtQuery,
  AssetCommandAcceptedDto,
  DisposeAssetDto,
  LendAssetDto,
  ListAssetsQuery,
  MoveAssetDto,
  RecordMaintenanceDto,
  RegisterAssetDto,
  RejectDisposalDto,
  RequestDisposalDto,
  ReturnAssetDto,
} from './asset.dto';

interface HeaderSink {
  setHeader?(name: string, value: string): unknown;
  header?(name: string, value: string): unknown;
}

/** What the command context reads of a request (Fastify's request keeps these as getters: copied by name). */
type CommandRequest = AuthenticatedRequest & { method: string; url: string; originalUrl?: string; body?: unknown };

const SCHOOL = ['school-staff', 'school-admin'] as const;
const READERS = ['school-staff', 'school-admin', 'bureau-official', 'auditor', 'system-admin'] as const;

@ApiTags('assets 资产台账')
@Controller('assets')
export class AssetsController {
  constructor(
    private readonly commands: CommandRunner,
    private readonly assets: AssetQueries,
    private readonly readModels: ReadModels,
    private readonly clock: Clock,
  ) {}

  @Post()
  @CommandRoute({ roles: [...SCHOOL], summary: 'Register an asset in the ledger / 资产入账登记', creates: true, type: AssetCommandAcceptedDto })
  async register(@Body() dto: RegisterAssetDto, @Command() ctx: CommandContext): Promise<AssetCommandAcceptedDto> {
    return accepted(await this.commands.start(assetDecider, (assetId) => ({ type: 'RegisterAsset', data: { ...dto, assetId, schoolId: ctx.schoolId } }), ctx));
  }

  @Post(':id/move')
  @CommandRoute({ roles: [...SCHOOL], summary: 'Move to another place or custodian / 资产调拨', type: AssetCommandAcceptedDto })
  move(@UuidParam('id') id: string, @Body() dto: MoveAssetDto, @Command() ctx: CommandContext) {
    return this.run(id, { type: 'MoveAsset', data: { location: { ...dto.location }, custodian: dto.custodian } }, ctx);
  }

  @Post(':id/lend')
  @CommandRoute({ roles: [...SCHOOL], summary: 'Lend / 借出', type: AssetCommandAcceptedDto })
  lend(@UuidParam('id') id: string, @Body() dto: LendAssetDto, @Command() ctx: CommandContext) {
    return this.run(id, { type: 'LendAsset', data: { borrower: dto.borrower, dueBackOn: dto.dueBackOn } }, ctx);
  }

  @Post(':id/return')
  @CommandRoute({ roles: [...SCHOOL], summary: 'Return a lent asset / 归还', type: AssetCommandAcceptedDto })
  giveBack(@UuidParam('id') id: string, @Body() dto: ReturnAssetDto, @Command() ctx: CommandContext) {
    return this.run(id, { type: 'ReturnAsset', data: { note: dto.note } }, ctx);
  }

  @Post(':id/maintenance')
  @CommandRoute({ roles: [...SCHOOL], summary: 'Record maintenance / 维护保养记录', type: AssetCommandAcceptedDto })
  maintain(@UuidParam('id') id: string, @Body() dto: RecordMaintenanceDto, @Command() ctx: CommandContext) {
    return this.run(id, { type: 'RecordAssetMaintenance', data: { what: dto.what, costFen: dto.costFen, performedBy: dto.performedBy, damageRepaired: dto.damageRepaired } }, ctx);
  }

  @Post(':id/disposal')
  @CommandRoute({ roles: ['school-admin'], summary: 'Request disposal (报废/处置申请); the bureau’s approval is judged on the original value / 处置申请', type: AssetCommandAcceptedDto })
  requestDisposal(@UuidParam('id') id: string, @Body() dto: RequestDisposalDto, @Command() ctx: CommandContext) {
    return this.run(id, { type: 'RequestAssetDisposal', data: { method: dto.method, reason: dto.reason } }, ctx);
  }

  @Post(':id/disposal/approve')
  @CommandRoute({ roles: ['school-admin', 'bureau-official'], summary: 'Approve a disposal: the school head first, then the bureau when required / 处置审批同意', type: AssetCommandAcceptedDto })
  async approveDisposal(@UuidParam('id') id: string, @Body() dto: ApproveDisposalDto, @Req() request: CommandRequest) {
    const ctx = await this.approverContext(id, request);
    const type = isSchoolRole(request.principal!.role) ? 'ApproveAssetDisposalAsSchool' : 'ApproveAssetDisposalAsBureau';
    return this.run(id, { type, data: { comment: dto.comment } }, ctx);
  }

  @Post(':id/disposal/reject')
  @CommandRoute({ roles: ['school-admin', 'bureau-official'], summary: 'Reject a disposal (school head, or the bureau when it awaits the bureau) / 处置审批驳回', type: AssetCommandAcceptedDto })
  async rejectDisposal(@UuidParam('id') id: string, @Body() dto: RejectDisposalDto, @Req() request: CommandRequest) {
    return this.run(id, { type: 'RejectAssetDisposal', data: { reason: dto.reason } }, await this.approverContext(id, request));
  }

  @Post(':id/dispose')
  @CommandRoute({ roles: ['school-admin'], summary: 'Record the approved disposal, with its residual value / 处置完成（残值）', type: AssetCommandAcceptedDto })
  dispose(@UuidParam('id') id: string, @Body() dto: DisposeAssetDto, @Command() ctx: CommandContext) {
    return this.run(id, { type: 'DisposeAsset', data: { residualValueFen: dto.residualValueFen, disposedOn: dto.disposedOn } }, ctx);
  }

  @Get()
  @Roles(...READERS)
  @ApiOperation({
    summary: 'The asset ledger of my school (bureau: any school), filtered, searched, paged / 资产台账',
    description: "From the read model `asset-list`; net book values as of today (the service's clock). Paging: `nextCursor` back as `cursor`. Read-your-writes: a command's `position` as `consistentWith`.",
  })
  @ApiResponse({ status: 503, description: 'The list has not caught up with `consistentWith` yet (Retry-After) / 列表尚未同步', type: ErrorBodyDto })
  async list(@Query() query: ListAssetsQuery, @CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) res: HeaderSink) {
    await awaitReadModel(this.readModels.get(assetList.definition.name), query.consistentWith, { header: (name, value) => setHeader(res, name, value) });
    const page = await this.assets.list({
      ...query,
      schoolId: readableSchoolOf(principal) ?? query.schoolId,
      sort: query.sort ?? 'registeredAt',
      order: query.order ?? 'desc',
      limit: query.limit ?? 50,
    });
    const today = this.today();
    return { asOf: today, items: page.rows.map((r) => ({ ...summary(r.doc, today), version: r.version })), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
  }

  @Get(':id')
  @Roles(...READERS)
  @ApiOperation({ summary: 'One asset from its stream: its history, depreciation and net book value today and at ?at / 资产详情（含折旧与净值）' })
  async get(@UuidParam('id') id: string, @Query() query: AssetAtQuery, @CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) res: HeaderSink) {
    const loaded = await this.assets.get(id, (schoolId) => canReadSchool(principal, schoolId));
    setHeader(res, 'ETag', `"${loaded.version}"`);
    const today = this.today();
    const asset = loaded.state;
    return {
      ...summary(asset, today),
      ...(query.at ? { bookValueAt: { on: query.at, ...valueOf(asset, query.at) } } : {}),
      bookValueToday: { on: today, ...valueOf(asset, today) },
      history: loaded.events.map(historyEntry),
      version: loaded.version,
    };
  }

  private run(id: string, command: Omit<AssetCommand, 'metadata'>, ctx: CommandContext) {
    return this.commands.run(assetDecider, id, command as never, ctx).then(accepted);
  }

  /**
   * The school head acts in their own school; a bureau official has no school, so the command runs in the
   * asset's school (its stream's), found first: an unknown asset answers 404 either way.
   */
  private async approverContext(id: string, request: CommandRequest): Promise<CommandContext> {
    const principal = request.principal!;
    if (isSchoolRole(principal.role)) return commandContextOf(request);
    const { method, url, originalUrl, body, headers } = request;
    const actingFor = (schoolId: string) => commandContextOf({ method, url, originalUrl, body, headers, principal: { ...principal, schoolId } });
    // The headers first (a missing Idempotency-Key or bad If-Match is a 400 naming it, whatever the id), then the asset.
    actingFor('(headers only)');
    const { state } = await this.assets.get(id, () => true);
    return actingFor(state.schoolId);
  }

  private today(): string {
    return beijingDateOf(this.clock.now().getTime());
  }
}

/** The ledger row as answered: the state, its ledger status and category label, and the net book value today. */
function summary(asset: ExistingAsset, today: string) {
  const status = ledgerStatusOf(asset);
  return {
    ...asset,
    ledgerStatus: status,
    ledgerStatusZh: LEDGER_STATUS_ZH[status],
    categoryZh: ASSET_CATEGORIES.find((c) => c.code === asset.category)?.zh,
    netBookValueFen: valueOf(asset, today).netBookValueFen,
  };
}

/** A disposed asset's value stops at its disposal day (当月减少的, no charge after). */
function valueOf(asset: ExistingAsset, on: string) {
  const until = asset.status === 'disposed' && asset.disposedOn < on ? asset.disposedOn : on;
  return bookValueOn(asset, until);
}

const historyEntry = (e: StoredEvent) => ({ type: e.type, version: e.streamVersion, occurredAt: e.metadata.occurredAt, recordedAt: e.recordedAt, actor: e.metadata.actor, data: e.data });
const setHeader = (res: HeaderSink, name: string, value: string) => (res.setHeader ? res.setHeader(name, value) : res.header?.(name, value));
const accepted = ({ id, ...result }: RunResult): AssetCommandAcceptedDto => ({ assetId: id, ...result });
