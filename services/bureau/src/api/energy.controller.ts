import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiProperty, ApiTags, IntersectionType } from '@nestjs/swagger';
import { IsIn, Matches } from 'class-validator';
import { CurrentPrincipal, Principal, readableSchoolOf, Roles } from '@houqin/auth';
import { METER_KINDS, MeterKind } from '@houqin/contracts';
import { ZhLabel } from '@houqin/platform';
import { EnergyQueries } from '../application/energy.queries';
import { SchoolTypeQuery } from './statistics.dto';

export class EnergyKindMonth {
  @ApiProperty({ enum: METER_KINDS, description: 'electricity (kWh), water (m³), gas (m³) / 能源类型', example: 'electricity' })
  @ZhLabel('能源类型')
  @IsIn(METER_KINDS)
  kind: MeterKind;

  @ApiProperty({ description: 'Beijing month the readings were taken in / 月份', pattern: '^\\d{4}-(0[1-9]|1[0-2])$', example: '2026-10' })
  @ZhLabel('月份')
  @Matches(/^\d{4}-(0[1-9]|1[0-2])$/)
  month: string;
}

export class EnergyQuery extends IntersectionType(EnergyKindMonth, SchoolTypeQuery) {}

@ApiTags('statistics 统计')
@Controller('statistics/energy')
export class EnergyStatisticsController {
  constructor(private readonly energy: EnergyQueries) {}

  @Get()
  @Roles('bureau-official', 'auditor', 'system-admin', 'school-admin', 'school-staff')
  @ApiOperation({
    summary: 'Energy per school, per student and per m² against the median of its school type / 能耗对标（生均、单位面积与同类学校中位数）',
    description:
      'From the energy-consumption figure (per school, kind and month; replayable by the audit) and the school register (students of the ' +
      "month's school year, floor area). Medians are computed per answer over the schools of a type with readings that month; ratio = " +
      'school ÷ median. Quantities are exact decimal text in the unit (kWh or m³). A school account sees its own row and the medians.',
  })
  compare(@Query() query: EnergyQuery, @CurrentPrincipal() principal: Principal) {
    return this.energy.compare({ ...query, schoolId: readableSchoolOf(principal) });
  }
}
