import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CurrentPrincipal, Principal, readableSchoolOf, Roles } from '@houqin/auth';
import { pgPoolOf } from '@houqin/event-store';
import { readGroups } from '@houqin/projection-store';
import { parseRepairCostGroupKey, repairCostTotals } from '@houqin/statistics';
import { repairCostTables } from '../application/repair-cost-figure-tables';

@ApiTags('statistics 统计')
@Controller('statistics/repairs')
export class RepairCostStatisticsController {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  @Get()
  @Roles('bureau-official', 'auditor', 'system-admin', 'school-admin')
  @ApiOperation({
    summary: 'Repair costs per school, asset category and asset, and the repeat-failure rate / 维修费用与返修率',
    description:
      'From the repair-costs figure (the audit replays it: POST /audit/rebuilds/repair-costs). Money in whole fen (分); each order counts its ' +
      "latest cost sheet. repeatRate = repeats ÷ reports (4 decimals; null without reports). A school admin sees its own school's rows.",
  })
  async repairs(@CurrentPrincipal() principal: Principal) {
    const school = readableSchoolOf(principal);
    const groups = await readGroups(pgPoolOf(this.dataSource), repairCostTables);
    return repairCostTotals(school === undefined ? groups : groups.filter((g) => parseRepairCostGroupKey(g.key).schoolId === school));
  }
}
