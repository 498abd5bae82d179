import { ApiProperty, ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsNotEmpty, IsString, Matches } from 'class-validator';
import { SCHOOL_TYPE_ZH, SCHOOL_TYPES, SchoolType } from '@houqin/contracts';
import { MaxTextLength, OptionalField, ZhLabel } from '@houqin/platform';
import { FIGURES } from '@houqin/statistics';

/** A school id is bounded as the event contracts bound it (64). */
export class SchoolParams {
  @ApiProperty({ description: 'School id / 学校编号', minLength: 1, maxLength: 64, example: 'S001' })
  @ZhLabel('学校编号')
  @IsString()
  @IsNotEmpty()
  @MaxTextLength(64)
  schoolId: string;
}

export class FigureParams {
  @ApiProperty({ description: 'A figure of the statistics lib / 统计项', enum: [...FIGURES.keys()], example: 'work-order-figures' })
  @ZhLabel('统计项')
  @IsIn([...FIGURES.keys()])
  figure: string;
}

const TYPES_ZH = SCHOOL_TYPES.map((t) => `${t} ${SCHOOL_TYPE_ZH[t]}`).join(', ');
const DAY = '^\\d{4}-\\d{2}-\\d{2}$';

/** Only the schools of one type (学校类型). */
export class SchoolTypeQuery {
  @ApiPropertyOptional({ enum: SCHOOL_TYPES, description: `School type: ${TYPES_ZH} / 学校类型`, example: 'primary' })
  @ZhLabel('学校类型')
  @OptionalField()
  @IsIn(SCHOOL_TYPES)
  schoolType?: SchoolType;
}

/** The repairs reported within a range of Beijing days. */
export class DateRangeQuery {
  @ApiPropertyOptional({ description: 'Repairs reported on or after this day (from 00:00 Beijing time) / 报修日期起', pattern: DAY, example: '2026-09-01' })
  @ZhLabel('报修日期起')
  @OptionalField()
  @IsString()
  @Matches(new RegExp(DAY))
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ description: 'Repairs reported on or before this day (the whole day, Beijing time) / 报修日期止', pattern: DAY, example: '2026-12-31' })
  @ZhLabel('报修日期止')
  @OptionalField()
  @IsString()
  @Matches(new RegExp(DAY))
  @IsISO8601({ strict: true })
  to?: string;
}

/** The dashboard's filters: a school type, and the repairs reported within a range of Beijing days. */
export class FiguresQuery extends IntersectionType(SchoolTypeQuery, DateRangeQuery) {}

/** A Beijing day's bounds as instants: from its 00:00 (+08:00) to the next day's 00:00, which is 16:00 UTC of the day itself. */
export const dayRange = ({ from, to }: DateRangeQuery) => ({
  ...(from ? { from: `${from}T00:00:00+08:00` } : {}),
  ...(to ? { to: `${to}T16:00:00Z` } : {}),
});

/** What names a school beside its figures. */
class SchoolNameDto {
  @ApiProperty({ description: 'School id (code) / 学校编号', example: 'S001' })
  schoolId: string;

  @ApiProperty({ description: 'School name, from the register; null for a school the register does not hold / 学校名称', nullable: true, type: String, example: '城关第一小学' })
  name: string | null;

  @ApiProperty({ enum: SCHOOL_TYPES, description: 'School type / 学校类型', nullable: true, example: 'primary' })
  type: SchoolType | null;

  @ApiProperty({ description: 'School type in Chinese / 学校类型（中文）', nullable: true, type: String, example: '小学' })
  typeZh: string | null;

  @ApiProperty({ description: 'Registered in the district’s register (identity); false: known only from its repairs / 是否已登记', example: true })
  registered: boolean;
}

/** The work-order figures, of a school or of the district. */
class WorkOrderFiguresDto {
  @ApiProperty({ description: 'Repairs reported / 报修数', example: 12 })
  reported: number;
  @ApiProperty({ description: 'Open: reported or being repaired / 处理中', example: 3 })
  open: number;
  @ApiProperty({ description: 'Completed, awaiting the reporter’s check / 待验收', example: 2 })
  completed: number;
  @ApiProperty({ description: 'Verified by the reporter / 已验收', example: 7 })
  verified: number;
  @ApiProperty({ description: 'Repairs completed at least once / 已完成过的报修数', example: 9 })
  completionCount: number;
  @ApiProperty({ description: 'Sum of report → first completion times, ms / 完成用时合计（毫秒）', example: 97200000 })
  completionMsTotal: number;
  @ApiProperty({ description: 'Mean report → first completion, ms; null before any completion / 平均完成用时（毫秒）', nullable: true, type: Number, example: 10800000 })
  meanTimeToCompleteMs: number | null;
}

export class SchoolFiguresDto extends IntersectionType(SchoolNameDto, WorkOrderFiguresDto) {}

export class SchoolFiguresListDto {
  @ApiProperty({ type: [SchoolFiguresDto], description: 'Every registered school (zeros without repairs), by code / 各校报修统计' })
  items: SchoolFiguresDto[];
}

class ProjectionStatusDto {
  @ApiProperty({ description: 'Events applied / 已处理事件数', example: 1520 })
  eventsApplied: number;
  @ApiProperty({ description: 'Redelivered events absorbed / 重复投递已吸收数', example: 3 })
  duplicatesAbsorbed: number;
  @ApiProperty({ description: 'When the last event was applied / 最近处理时间', nullable: true, type: String, example: '2026-11-24T08:00:01.000Z' })
  lastEventAt: string | null;
}

export class DistrictFiguresDto extends WorkOrderFiguresDto {
  @ApiProperty({ description: 'Schools in the answer: every registered school (of the type asked for), and any other with repairs / 学校数', example: 8 })
  schools: number;
  @ApiProperty({ description: 'Of them, registered in the district’s register / 已登记学校数', example: 8 })
  registeredSchools: number;
  @ApiProperty({ type: ProjectionStatusDto, description: 'The work-order figures’ progress / 报修统计处理进度' })
  projection: ProjectionStatusDto;
  @ApiProperty({ type: ProjectionStatusDto, description: 'The school register’s progress (identity’s events) / 学校名册处理进度' })
  schoolRegister: ProjectionStatusDto;
}

class SchoolYearDto {
  @ApiProperty({ description: 'School year / 学年', example: '2026-2027' })
  schoolYear: string;
  @ApiProperty({ description: 'Students / 学生数', example: 820 })
  students: number;
  @ApiProperty({ description: 'Staff / 教职工数', example: 61 })
  staff: number;
}

export class SchoolDto {
  @ApiProperty({ description: 'School id (code) / 学校编号', example: 'S001' })
  schoolId: string;
  @ApiProperty({ description: 'Name / 学校名称', example: '城关第一小学' })
  name: string;
  @ApiProperty({ enum: SCHOOL_TYPES, description: 'Type / 学校类型', example: 'primary' })
  type: SchoolType;
  @ApiProperty({ description: 'Type in Chinese / 学校类型（中文）', example: '小学' })
  typeZh: string;
  @ApiProperty({ description: 'Address / 地址', example: '城关镇和平路1号' })
  address: string;
  @ApiProperty({ description: 'Boards students / 寄宿', example: false })
  boarding: boolean;
  @ApiProperty({ description: 'Has a canteen / 食堂', example: true })
  canteen: boolean;
  @ApiProperty({ description: 'Runs school buses / 校车', example: false })
  schoolBuses: boolean;
  @ApiProperty({ description: 'Building floor area, m² / 建筑面积（平方米）', example: 12500 })
  floorAreaM2: number;
  @ApiProperty({ type: [SchoolYearDto], description: 'Students and staff per school year, newest first / 各学年师生数' })
  years: SchoolYearDto[];
  @ApiProperty({ description: 'Registered at / 登记时间', example: '2026-09-01T00:00:00.000Z' })
  registeredAt: string;
  @ApiProperty({ description: 'Last change of profile or counts / 最近变更时间', example: '2026-09-05T00:00:00.000Z' })
  changedAt: string;
}

export class SchoolListDto {
  @ApiProperty({ type: [SchoolDto], description: 'The district’s schools, by code / 学校名册' })
  items: SchoolDto[];
}

class MonthFiguresDto {
  @ApiProperty({ description: 'Beijing month / 月份', example: '2026-11' })
  month: string;
  @ApiProperty({ description: 'Repairs reported in the month / 报修数', example: 12 })
  reported: number;
  @ApiProperty({ description: 'Repairs first completed in the month / 完工数', example: 9 })
  completed: number;
}

class SchoolMonthFiguresDto extends MonthFiguresDto {
  @ApiProperty({ description: 'School id (code) / 学校编号', example: 'S001' })
  schoolId: string;
}

export class MonthlyFiguresDto {
  @ApiProperty({ type: [MonthFiguresDto], description: 'District (or the school’s) months, oldest first; months without any are left out / 按月合计' })
  months: MonthFiguresDto[];
  @ApiProperty({ type: [SchoolMonthFiguresDto], description: 'Per school and month / 各校按月' })
  schools: SchoolMonthFiguresDto[];
  @ApiProperty({ type: ProjectionStatusDto, description: 'The work-order figures’ progress / 报修统计处理进度' })
  projection: ProjectionStatusDto;
}
