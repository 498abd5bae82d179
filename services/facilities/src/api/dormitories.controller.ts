import { Body, Controller, Get, NotFoundException, Post, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { canReadSchool, CurrentPrincipal, Posts, Principal, readableSchoolOf, Roles } from '@houqin/auth';
import { Command, CommandContext, CommandRunner } from '@houqin/event-store';
import { CommandRoute, ErrorBodyDto, UuidParam } from '@houqin/platform';
import { awaitReadModel, ReadModels } from '@houqin/projection-store';
import { DormitoryBeds } from '../application/dormitory-beds';
import { DormitoryChecks } from '../application/dormitory-checks';
import { dormitoryList } from '../application/dormitory-list.projection';
import { buildingDetail, DormitoryQueries } from '../application/dormitory.queries';
import { dormitoryDecider } from '../domain/dormitory';
import {
  AddRoomDto,
  AssignBedDto,
  ChangeCapacityDto,
  CheckRoomDto,
  ListDormitoriesQuery,
  MoveStudentDto,
  RegisterDormitoryBuildingDto,
  StudentBedQuery,
  SwapBedsDto,
  VacateBedDto,
} from './dormitory.dto';
import { AcceptedDto, acceptedAs, HeaderSink, headerSetter } from './greening-dormitory.kit';

/**
 * Buildings, rooms and beds are the 宿舍管理员's (post dormitory-manager) or the school-admin's: school-staff without
 * the post get 403 post-required. Room checks stay open to every school member.
 */
const SCHOOL = ['school-staff', 'school-admin'] as const;
const DORMITORY_MANAGER = 'dormitory-manager';
const READERS = ['school-staff', 'school-admin', 'bureau-official', 'system-admin'] as const;

@ApiTags('dormitories 宿舍')
@Controller('dormitories')
export class DormitoriesController {
  constructor(
    private readonly commands: CommandRunner,
    private readonly beds: DormitoryBeds,
    private readonly checks: DormitoryChecks,
    private readonly dormitories: DormitoryQueries,
    private readonly readModels: ReadModels,
  ) {}

  @Post()
  @CommandRoute({ roles: [...SCHOOL], summary: 'Register a dormitory building / 登记宿舍楼', creates: true, type: AcceptedDto })
  @Posts(DORMITORY_MANAGER)
  async register(@Body() dto: RegisterDormitoryBuildingDto, @Command() ctx: CommandContext) {
    return acceptedAs(await this.commands.start(dormitoryDecider, (buildingId) => ({ type: 'RegisterDormitoryBuilding', data: { ...dto, buildingId, schoolId: ctx.schoolId } }), ctx));
  }

  @Post(':id/rooms')
  @CommandRoute({ roles: [...SCHOOL], summary: 'Add a room and its beds / 登记房间', type: AcceptedDto })
  @Posts(DORMITORY_MANAGER)
  async addRoom(@UuidParam('id') id: string, @Body() dto: AddRoomDto, @Command() ctx: CommandContext) {
    return acceptedAs(await this.commands.run(dormitoryDecider, id, { type: 'AddDormitoryRoom', data: { ...dto } }, ctx));
  }

  @Post(':id/room-capacity')
  @CommandRoute({ roles: [...SCHOOL], summary: 'Change the beds of a room / 变更床位数', type: AcceptedDto })
  @Posts(DORMITORY_MANAGER)
  async changeCapacity(@UuidParam('id') id: string, @Body() dto: ChangeCapacityDto, @Command() ctx: CommandContext) {
    return acceptedAs(await this.commands.run(dormitoryDecider, id, { type: 'ChangeRoomCapacity', data: { ...dto } }, ctx));
  }

  @Post(':id/assignments')
  @CommandRoute({ roles: [...SCHOOL], summary: 'A boarding student takes a bed (never over capacity, one bed per student) / 入住', type: AcceptedDto })
  @Posts(DORMITORY_MANAGER)
  async assign(@UuidParam('id') id: string, @Body() { occurredAt, ...dto }: AssignBedDto, @Command() ctx: CommandContext) {
    return acceptedAs(await this.beds.assign(id, dto, occurredAt, ctx));
  }

  @Post(':id/move-outs')
  @CommandRoute({ roles: [...SCHOOL], summary: 'A student moves out; the bed is free / 退宿', type: AcceptedDto })
  @Posts(DORMITORY_MANAGER)
  async vacate(@UuidParam('id') id: string, @Body() { occurredAt, ...dto }: VacateBedDto, @Command() ctx: CommandContext) {
    return acceptedAs(await this.beds.vacate(id, dto, occurredAt, ctx));
  }

  @Post(':id/moves')
  @CommandRoute({ roles: [...SCHOOL], summary: 'Move a student to a free bed of the building / 调宿', type: AcceptedDto })
  @Posts(DORMITORY_MANAGER)
  async move(@UuidParam('id') id: string, @Body() { occurredAt, from, to }: MoveStudentDto, @Command() ctx: CommandContext) {
    return acceptedAs(await this.commands.run(dormitoryDecider, id, { type: 'MoveStudent', data: { from: { ...from }, to: { ...to } }, metadata: { occurredAt } }, ctx));
  }

  @Post(':id/swaps')
  @CommandRoute({ roles: [...SCHOOL], summary: 'Two students exchange beds / 调换床位', type: AcceptedDto })
  @Posts(DORMITORY_MANAGER)
  async swap(@UuidParam('id') id: string, @Body() { occurredAt, first, second }: SwapBedsDto, @Command() ctx: CommandContext) {
    return acceptedAs(await this.commands.run(dormitoryDecider, id, { type: 'SwapBeds', data: { first: { ...first }, second: { ...second } }, metadata: { occurredAt } }, ctx));
  }

  @Post(':id/checks')
  @CommandRoute({ roles: [...SCHOOL], summary: 'Room facility check: every item pass or fail; a failed repairable item opens a work order / 宿舍设施检查', type: AcceptedDto })
  async check(@UuidParam('id') id: string, @Body() { occurredAt, roomNumber, results }: CheckRoomDto, @Command() ctx: CommandContext) {
    return this.checks.check(id, { roomNumber, results: results.map((r) => ({ ...r })) }, occurredAt, ctx);
  }

  @Get()
  @Roles(...READERS)
  @ApiOperation({ summary: 'Dormitory buildings with beds and occupancy (no student) / 宿舍楼列表', description: 'Read model `dormitory-list`; cursor paging; `consistentWith` for read-your-writes.' })
  @ApiResponse({ status: 503, description: 'The list has not caught up with `consistentWith` yet / 列表尚未同步', type: ErrorBodyDto })
  async list(@Query() query: ListDormitoriesQuery, @CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) res: HeaderSink) {
    await awaitReadModel(this.readModels.get(dormitoryList.definition.name), query.consistentWith, headerSetter(res));
    return this.dormitories.list({ ...query, schoolId: readableSchoolOf(principal) ?? query.schoolId, sort: query.sort ?? 'name', order: query.order ?? 'asc', limit: query.limit ?? 50 });
  }

  @Get('students')
  @Roles(...SCHOOL)
  @ApiOperation({
    summary: 'Where a student of my school sleeps (student number masked in the answer) / 查询学生床位',
    description: 'The student number is a query parameter, not a path segment: logs keep paths, never query strings / 学号作为查询参数传递（日志只记录路径，不记录查询参数）',
  })
  @ApiResponse({ status: 404, description: 'The student has no bed / 该学生未入住', type: ErrorBodyDto })
  async studentBed(@Query() { studentNumber, consistentWith }: StudentBedQuery, @CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) res: HeaderSink) {
    await awaitReadModel(this.readModels.get(dormitoryList.definition.name), consistentWith, headerSetter(res));
    const bed = await this.dormitories.bedOf(principal.schoolId!, studentNumber);
    if (!bed) throw new NotFoundException({ message: 'This student has no bed', messageZh: '该学生未入住' });
    return bed;
  }

  @Get(':id')
  @Roles(...READERS)
  @ApiOperation({ summary: 'A building: rooms, beds, last checks; students (name, masked number) for its school only / 宿舍楼详情' })
  async get(@UuidParam('id') id: string, @CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) res: HeaderSink) {
    const { state, version } = await this.dormitories.get(id, (schoolId) => canReadSchool(principal, schoolId));
    headerSetter(res).header('ETag', `"${version}"`);
    return buildingDetail(state, version, principal.schoolId === state.schoolId);
  }
}
