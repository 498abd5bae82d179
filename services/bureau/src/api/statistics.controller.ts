import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { assertCanReadSchool, CurrentPrincipal, Principal, readableSchoolOf, Roles } from '@houqin/auth';
import { ErrorBodyDto } from '@houqin/platform';
import { emptyFigures } from '@houqin/statistics';
import { schoolName, StatisticsQueries } from '../application/statistics.queries';
import { DateRangeQuery, dayRange, DistrictFiguresDto, FiguresQuery, MonthlyFiguresDto, SchoolFiguresDto, SchoolFiguresListDto, SchoolParams } from './statistics.dto';

const FILTERS =
  'Every school of the district’s register is listed (zeros without repairs), named and typed; `schoolType` keeps one type; ' +
  '`from` / `to` (Beijing days, both included) count the repairs reported in that range, in their current status.';

@ApiTags('statistics 统计')
@Controller('statistics/work-orders')
export class StatisticsController {
  constructor(private readonly queries: StatisticsQueries) {}

  @Get('district')
  @Roles('bureau-official', 'auditor', 'system-admin')
  @ApiOperation({ summary: 'District-wide repair figures / 全区报修统计', description: FILTERS })
  @ApiOkResponse({ type: DistrictFiguresDto })
  district(@Query() query: FiguresQuery) {
    return this.queries.district({ schoolType: query.schoolType, ...dayRange(query) });
  }

  @Get('schools')
  @Roles('bureau-official', 'auditor', 'system-admin', 'school-admin', 'school-staff')
  @ApiOperation({ summary: 'Figures per school (a school sees only itself) / 各校报修统计', description: FILTERS })
  @ApiOkResponse({ type: SchoolFiguresListDto })
  async schools(@Query() query: FiguresQuery, @CurrentPrincipal() principal: Principal) {
    return { items: await this.queries.schools({ schoolId: readableSchoolOf(principal), schoolType: query.schoolType, ...dayRange(query) }) };
  }

  @Get('by-month')
  @Roles('bureau-official', 'auditor', 'system-admin', 'school-admin', 'school-staff')
  @ApiOperation({
    summary: 'Repairs reported and completed per month, district and per school (a school sees only itself) / 按月报修与完工',
    description: `Beijing months (YYYY-MM), from the work-order figure's rows (one per repair), so the audit's replay of the figure rebuilds them too. A repair counts in the month it was reported and in the month it was first completed. ${FILTERS}`,
  })
  @ApiOkResponse({ type: MonthlyFiguresDto })
  byMonth(@Query() query: FiguresQuery, @CurrentPrincipal() principal: Principal) {
    return this.queries.byMonth({ schoolId: readableSchoolOf(principal), schoolType: query.schoolType, ...dayRange(query) });
  }

  @Get('schools/:schoolId')
  @Roles('bureau-official', 'auditor', 'system-admin', 'school-admin', 'school-staff')
  @ApiOperation({ summary: "One school's figures (zeros for a school without repairs) / 单校报修统计", description: '`from` / `to`: the repairs reported in that range of Beijing days.' })
  @ApiOkResponse({ type: SchoolFiguresDto })
  @ApiNotFoundResponse({ description: 'Another school’s figures, asked by a school role / 无权查看其他学校', type: ErrorBodyDto })
  async school(@Param() { schoolId }: SchoolParams, @Query() query: DateRangeQuery, @CurrentPrincipal() principal: Principal) {
    assertCanReadSchool(principal, schoolId);
    // Any school id is answered (zeros, name null when the register does not hold it), as before the register.
    const [figures] = await this.queries.schools({ schoolId, ...dayRange(query) });
    return figures ?? { ...emptyFigures(schoolId), ...schoolName(undefined), meanTimeToCompleteMs: null };
  }
}
