import { Controller, Get, Optional, Query } from '@nestjs/common';
import { ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsString, ValidateBy } from 'class-validator';
import { CurrentPrincipal, Principal, readableSchoolOf, Roles } from '@houqin/auth';
import { Clock, SystemClock } from '@houqin/event-sourcing';
import { OptionalField, ZhLabel } from '@houqin/platform';
import { beijingDateOf, isBeijingDate } from '@houqin/rules';
import { AssetStatisticsQueries } from '../application/asset.queries';

export class AssetValuesQuery {
  @ApiPropertyOptional({ description: 'Net book values at the end of this Beijing day (default today) / 净值日期', type: 'string', format: 'date', pattern: '^\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])$', maxLength: 10, example: '2026-12-31' })
  @ZhLabel('净值日期')
  @OptionalField()
  @IsString()
  @ValidateBy({ name: 'isCalendarDay', validator: { validate: (v: unknown) => typeof v === 'string' && isBeijingDate(v), defaultMessage: () => 'asOf must be a calendar day YYYY-MM-DD' } })
  asOf?: string;
}

@ApiTags('statistics 统计')
@Controller('statistics/assets')
export class AssetStatisticsController {
  private readonly clock: Clock;

  constructor(
    private readonly assets: AssetStatisticsQueries,
    @Optional() clock?: Clock,
  ) {
    this.clock = clock ?? new SystemClock();
  }

  @Get()
  @Roles('bureau-official', 'auditor', 'system-admin', 'school-admin', 'school-staff')
  @ApiOperation({
    summary: 'Assets per school and category: count, original value and net book value at a day / 资产按学校、分类统计（原值、净值）',
    description: 'From the asset-values figure (replayable by the audit): net values are exact in fen, computed for `asOf` from the cohort sums. A school account sees its own school.',
  })
  values(@Query() query: AssetValuesQuery, @CurrentPrincipal() principal: Principal) {
    return this.assets.values(query.asOf ?? beijingDateOf(this.clock.now().getTime()), readableSchoolOf(principal));
  }

  @Get('disposals-awaiting-bureau')
  @Roles('bureau-official', 'auditor', 'system-admin', 'school-admin', 'school-staff')
  @ApiOperation({ summary: 'Disposals approved by the school head that await the bureau, per school / 待教育局审批的资产处置' })
  awaiting(@CurrentPrincipal() principal: Principal) {
    return this.assets.awaitingBureau(readableSchoolOf(principal));
  }
}
