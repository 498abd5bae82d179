import { Body, Controller, Get, Post, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, readableSchoolOf, Roles } from '@houqin/auth';
import { Command, CommandContext } from '@houqin/event-store';
import { CommandRoute, UuidParam } from '@houqin/platform';
import { awaitReadModel, ReadModels } from '@houqin/projection-store';
import { pendingAssetRegistrations } from '../application/pending-asset-registrations.projection';
import { ConsistentReadQuery } from './report-links.dto';
import { PendingAssets } from '../application/pending-assets';
import { RegisterPendingAssetDto } from './pending-assets.dto';

interface HeaderSink {
  setHeader?(name: string, value: string): unknown;
  header?(name: string, value: string): unknown;
}

@ApiTags('assets 资产台账')
@Controller('assets/pending')
export class PendingAssetsController {
  constructor(
    private readonly pending: PendingAssets,
    private readonly readModels: ReadModels,
  ) {}

  @Get()
  @Roles('school-admin', 'school-staff', 'bureau-official', 'system-admin')
  @ApiOperation({ summary: 'Equipment procurement accepted (验收入库), not yet in the ledger, one row per unit / 待入账资产' })
  async list(@Query() query: ConsistentReadQuery, @CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) res: HeaderSink) {
    await awaitReadModel(this.readModels.get(pendingAssetRegistrations.definition.name), query.consistentWith, {
      header: (name, value) => (res.setHeader ? res.setHeader(name, value) : res.header?.(name, value)),
    });
    return { items: await this.pending.list(readableSchoolOf(principal)) };
  }

  @Post(':id/register')
  @CommandRoute({ roles: ['school-admin', 'school-staff'], summary: 'Register a pending asset in the ledger (once: 409 after) / 待入账资产入账', creates: true })
  async register(@UuidParam('id') id: string, @Body() dto: RegisterPendingAssetDto, @Command() ctx: CommandContext) {
    const { id: assetId, ...result } = await this.pending.register(id, { ...dto, location: { ...dto.location } }, ctx);
    return { assetId, pendingAssetId: id, ...result };
  }
}
