import { Controller, Get, NotFoundException, Param, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { assertCanReadSchool, CurrentPrincipal, Principal, readableSchoolOf, Roles } from '@houqin/auth';
import { ErrorBodyDto } from '@houqin/platform';
import { schoolView, StatisticsQueries } from '../application/statistics.queries';
import { SchoolDto, SchoolListDto, SchoolParams, SchoolTypeQuery } from './statistics.dto';

const FROM_IDENTITY = "Kept from identity's school events (SchoolRegistered, SchoolProfileChanged, SchoolYearFiguresRecorded), never from a copy.";

/** The district's school register as the bureau knows it. */
@ApiTags('statistics 统计')
@Controller('statistics/schools')
export class SchoolsController {
  constructor(private readonly queries: StatisticsQueries) {}

  @Get()
  @Roles('bureau-official', 'auditor', 'system-admin', 'school-admin', 'school-staff')
  @ApiOperation({ summary: 'The district’s schools, with profile and students/staff per school year (a school sees only itself) / 学校名册', description: FROM_IDENTITY })
  @ApiOkResponse({ type: SchoolListDto })
  async list(@Query() { schoolType }: SchoolTypeQuery, @CurrentPrincipal() principal: Principal) {
    return { items: (await this.queries.register({ schoolId: readableSchoolOf(principal), schoolType })).map(schoolView) };
  }

  @Get(':schoolId')
  @Roles('bureau-official', 'auditor', 'system-admin', 'school-admin', 'school-staff')
  @ApiOperation({ summary: 'One school of the register (a school sees only itself) / 学校信息', description: FROM_IDENTITY })
  @ApiOkResponse({ type: SchoolDto })
  @ApiNotFoundResponse({ description: 'Not in the register, or another school’s / 学校不存在', type: ErrorBodyDto })
  async one(@Param() { schoolId }: SchoolParams, @CurrentPrincipal() principal: Principal) {
    assertCanReadSchool(principal, schoolId);
    const [school] = await this.queries.register({ schoolId });
    if (!school) throw new NotFoundException({ message: `No school ${schoolId} in the register`, messageZh: `学校名册中没有 ${schoolId}` });
    return schoolView(school);
  }
}
