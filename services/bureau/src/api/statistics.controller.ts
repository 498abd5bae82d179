import { Controller, Get, Param } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { assertCanReadSchool, CurrentPrincipal, Principal, readableSchoolOf, Roles } from '@houqin/auth';
import { StatisticsQueries } from '../application/statistics.queries';
import { SchoolParams } from './statistics.dto';

@ApiTags('statistics 统计')
@Controller('statistics/work-orders')
export class StatisticsController {
  constructor(private readonly queries: StatisticsQueries) {}

  @Get('district')
  @Roles('bureau-official', 'auditor', 'system-admin')
  @ApiOperation({ summary: 'District-wide repair figures / 全区报修统计' })
  district() {
    return this.queries.district();
  }

  @Get('schools')
  @Roles('bureau-official', 'auditor', 'system-admin', 'school-admin', 'school-staff')
  @ApiOperation({ summary: 'Figures per school (a school sees only itself) / 各校报修统计' })
  async schools(@CurrentPrincipal() principal: Principal) {
    return { items: await this.queries.schools(readableSchoolOf(principal)) };
  }

  @Get('schools/:schoolId')
  @Roles('bureau-official', 'auditor', 'system-admin', 'school-admin', 'school-staff')
  @ApiOperation({ summary: "One school's figures / 单校报修统计" })
  async school(@Param() { schoolId }: SchoolParams, @CurrentPrincipal() principal: Principal) {
    assertCanReadSchool(principal, schoolId);
    const [figures] = await this.queries.schools(schoolId);
    return figures ?? { schoolId, reported: 0, open: 0, completed: 0, verified: 0, completionCount: 0, completionMsTotal: 0, meanTimeToCompleteMs: null };
  }
}
