import { Body, Controller, Get, Param, Post, Put, Query, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import { canReadSchool, CurrentPrincipal, Principal, readableSchoolOf, ROLES, Roles } from '@houqin/auth';
import { SCHOOL_CODE_PATTERN, SCHOOL_YEAR_PATTERN } from '@houqin/contracts';
import { CommandRunner } from '@houqin/event-store';
import { ErrorBodyDto } from '@houqin/platform';
import { awaitReadModel, ReadModels } from '@houqin/projection-store';
import { fieldErrors } from '../application/field-errors';
import { IdentityQueries } from '../application/identity.queries';
import { schoolList } from '../application/read-models';
import { schoolDecider, schoolNotFound } from '../domain/school';
import { administratorOf, IdentityCommand } from './identity-command';
import { ListSchoolsQuery, RegisterSchoolDto, SchoolProfileDto, YearFiguresDto } from './identity.dto';
import { schoolView } from './views';

interface HeaderSink {
  setHeader?(name: string, value: string): unknown;
  header?(name: string, value: string): unknown;
}
type Request = Parameters<typeof administratorOf>[0];

/** A school code in a path: the same bounds as the contracts' (400 naming it otherwise). */
function schoolCode(id: string): string {
  if (!SCHOOL_CODE_PATTERN.test(id)) throw fieldErrors([{ field: 'code', constraint: 'matches', message: 'code must be a school code (letters, digits, _ -, at most 64)', messageZh: '学校代码格式不正确' }]);
  return id;
}

@ApiTags('schools 学校')
@Controller('schools')
export class SchoolsController {
  constructor(
    private readonly commands: CommandRunner,
    private readonly queries: IdentityQueries,
    private readonly readModels: ReadModels,
  ) {}

  @Get()
  @Roles(...ROLES)
  @ApiOperation({ summary: "The district's schools (school roles: their own) / 学校列表" })
  @ApiResponse({ status: 503, type: ErrorBodyDto, description: 'The list has not caught up with `consistentWith` yet / 列表尚未同步' })
  async list(@Query() query: ListSchoolsQuery, @CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) res: HeaderSink) {
    await awaitReadModel(this.readModels.get(schoolList.definition.name), query.consistentWith, { header: (name, value) => (res.setHeader ? res.setHeader(name, value) : res.header?.(name, value)) });
    const schools = await this.queries.schools(readableSchoolOf(principal));
    return { items: schools.map((s) => schoolView(s)) };
  }

  @Get(':code')
  @Roles(...ROLES)
  @ApiParam({ name: 'code', description: 'School code / 学校代码', schema: { type: 'string', pattern: SCHOOL_CODE_PATTERN.source, maxLength: 64 }, example: 'S001' })
  @ApiOperation({ summary: 'One school, from its stream (always current) / 学校详情' })
  @ApiResponse({ status: 404, type: ErrorBodyDto, description: 'No such school (or not yours) / 学校不存在' })
  async get(@Param('code') id: string, @CurrentPrincipal() principal: Principal) {
    const { school, version } = await this.queries.school(schoolCode(id), (schoolId) => canReadSchool(principal, schoolId));
    return schoolView(school, version);
  }

  @Post()
  @IdentityCommand({ roles: ['system-admin'], summary: 'Register a school / 登记学校', creates: true })
  @ApiResponse({ status: 409, type: ErrorBodyDto, description: 'The code is registered already (code `school-exists`) / 学校代码已登记' })
  async register(@Body() { code, ...profile }: RegisterSchoolDto, @Req() request: Request) {
    const result = await this.commands.run(schoolDecider, code, { type: 'RegisterSchool', data: { schoolId: code, ...profile } }, administratorOf(request).contextFor(code));
    return { schoolId: code, ...result };
  }

  @Put(':code')
  @ApiParam({ name: 'code', description: 'School code / 学校代码', schema: { type: 'string', pattern: SCHOOL_CODE_PATTERN.source, maxLength: 64 }, example: 'S001' })
  @IdentityCommand({ roles: ['system-admin'], summary: "Change a school's profile (the whole profile) / 修改学校信息" })
  async change(@Param('code') id: string, @Body() profile: SchoolProfileDto, @Req() request: Request) {
    const code = await this.existing(id);
    return { schoolId: code, ...(await this.commands.run(schoolDecider, code, { type: 'ChangeSchoolProfile', data: { ...profile } }, administratorOf(request).contextFor(code))) };
  }

  @Put(':code/years/:schoolYear')
  @ApiParam({ name: 'code', description: 'School code / 学校代码', schema: { type: 'string', pattern: SCHOOL_CODE_PATTERN.source, maxLength: 64 }, example: 'S001' })
  @ApiParam({ name: 'schoolYear', description: 'School year (two consecutive years) / 学年', schema: { type: 'string', pattern: SCHOOL_YEAR_PATTERN.source }, example: '2026-2027' })
  @IdentityCommand({ roles: ['system-admin'], summary: 'Record the student and staff counts of a school year / 登记学年师生数' })
  async year(@Param('code') id: string, @Param('schoolYear') schoolYear: string, @Body() figures: YearFiguresDto, @Req() request: Request) {
    const match = SCHOOL_YEAR_PATTERN.exec(schoolYear);
    if (!match || Number(match[2]) !== Number(match[1]) + 1) {
      throw fieldErrors([{ field: 'schoolYear', constraint: 'schoolYear', message: 'schoolYear is written 2026-2027 (two consecutive years)', messageZh: '学年格式应为 2026-2027（相邻两年）' }]);
    }
    const code = await this.existing(id);
    const data = { schoolYear, students: figures.students, staff: figures.staff };
    return { schoolId: code, ...(await this.commands.run(schoolDecider, code, { type: 'RecordSchoolYearFigures', data }, administratorOf(request).contextFor(code))) };
  }

  /** A command on an unknown school answers 404 before the executor would (its school check needs the stream). */
  private async existing(id: string): Promise<string> {
    const code = schoolCode(id);
    if (!(await this.queries.schoolExists(code))) throw schoolNotFound();
    return code;
  }
}
