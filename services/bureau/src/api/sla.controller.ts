import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { assertCanReadSchool, CurrentPrincipal, Principal, Roles } from '@houqin/auth';
import { SlaQueries } from '../application/sla.queries';
import { DateRangeQuery, dayRange, FiguresQuery, SchoolParams } from './statistics.dto';

const RATES =
  'Per priority: repairs answered (first assignment, 派单) and completed within the deadlines of the SLA rule in force when they were reported; ' +
  'a rate is met / (met + missed), null before any is judged; missed counts an open repair whose overdue fact was raised. ' +
  'openOverdue: repairs past a deadline and still not answered or completed; lateEntries: facts recorded late (补录). ' +
  'Every school of the register is listed (zeros without repairs), named and typed; `schoolType` keeps one type; ' +
  '`from` / `to` (Beijing days, both included): the repairs reported in that range, as judged so far.';

@ApiTags('statistics 统计')
@Controller('statistics/work-orders/sla')
export class SlaStatisticsController {
  constructor(private readonly sla: SlaQueries) {}

  @Get()
  @Roles('bureau-official', 'auditor', 'system-admin')
  @ApiOperation({ summary: 'District repair SLA compliance, with each school / 全区报修时限达标率', description: RATES })
  district(@Query() query: FiguresQuery) {
    return this.sla.district({ schoolType: query.schoolType, ...dayRange(query) });
  }

  @Get('schools/:schoolId')
  @Roles('bureau-official', 'auditor', 'system-admin', 'school-admin', 'school-staff')
  @ApiOperation({ summary: "One school's repair SLA compliance (a school sees only itself) / 单校报修时限达标率", description: RATES })
  school(@Param() { schoolId }: SchoolParams, @Query() query: DateRangeQuery, @CurrentPrincipal() principal: Principal) {
    assertCanReadSchool(principal, schoolId);
    return this.sla.school(schoolId, dayRange(query));
  }
}
