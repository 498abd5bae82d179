import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsInt, Matches, Max, Min, ValidateNested } from 'class-validator';
import { DORMITORY_GENDERS, DormitoryGender, MAX_BEDS_PER_ROOM, ROOM_CHECK_ITEMS, RoomCheckItem } from '@houqin/contracts';
import { OptionalField, ZhLabel } from '@houqin/platform';
import { DORMITORY_SORTS, DormitorySort } from '../application/dormitory.queries';
import { BooleanFilter, BusinessTime, ConsistentWithQuery, NestedObject, OptionalText, PageQuery, SchoolFilter, Text } from './greening-dormitory.kit';

/** 学籍号/学号: letters and digits (a national 学籍号 is G + 18-digit ID or L + digits; a school number is digits). */
const STUDENT_NUMBER = /^[A-Za-z0-9-]{4,32}$/;

export class RegisterDormitoryBuildingDto {
  @Text('Building name', '楼名', 50, '1号学生公寓')
  name: string;

  @ApiProperty({ enum: DORMITORY_GENDERS, description: 'Who lives there / 男、女、混合' })
  @ZhLabel('性别')
  @IsIn(DORMITORY_GENDERS)
  gender: DormitoryGender;
}

const RoomNumber = () => Text('Room number', '房间号', 20, '302');
const BedNumber = (optional = false) =>
  applyDecorators(
    ApiProperty({ type: 'integer', minimum: 1, maximum: MAX_BEDS_PER_ROOM, required: !optional, description: 'Bed number / 床号' }),
    ZhLabel('床号'),
    ...(optional ? [OptionalField()] : []),
    IsInt(),
    Min(1),
    Max(MAX_BEDS_PER_ROOM),
  );

export class AddRoomDto {
  @RoomNumber()
  roomNumber: string;

  @ApiProperty({ type: 'integer', minimum: -3, maximum: 60, description: 'Floor / 楼层', example: 3 })
  @ZhLabel('楼层')
  @IsInt()
  @Min(-3)
  @Max(60)
  floor: number;

  @ApiProperty({ type: 'integer', minimum: 1, maximum: MAX_BEDS_PER_ROOM, description: 'Beds / 床位数', example: 6 })
  @ZhLabel('床位数')
  @IsInt()
  @Min(1)
  @Max(MAX_BEDS_PER_ROOM)
  capacity: number;
}

export class ChangeCapacityDto {
  @RoomNumber()
  roomNumber: string;

  @ApiProperty({ type: 'integer', minimum: 1, maximum: MAX_BEDS_PER_ROOM, description: 'Beds / 床位数' })
  @ZhLabel('床位数')
  @IsInt()
  @Min(1)
  @Max(MAX_BEDS_PER_ROOM)
  capacity: number;

  @Text('Why', '变更原因', 200)
  reason: string;
}

export class AssignBedDto {
  @RoomNumber()
  roomNumber: string;

  @BedNumber(true)
  bed?: number;

  @ApiProperty({ description: 'Student number 学籍号/学号 (masked in every answer) / 学号', pattern: STUDENT_NUMBER.source, maxLength: 32, example: '20260145' })
  @ZhLabel('学号')
  @Matches(STUDENT_NUMBER)
  studentNumber: string;

  @Text('Student name', '学生姓名', 50, '林晓')
  studentName: string;

  @BusinessTime('入住')
  occurredAt?: string;
}

export class BedRefDto {
  @RoomNumber()
  roomNumber: string;

  @BedNumber()
  bed: number;
}

export class VacateBedDto extends BedRefDto {
  @OptionalText('Note', '备注', 200)
  note?: string;

  @BusinessTime('退宿')
  occurredAt?: string;
}

export class MoveStudentDto {
  /** From / 原床位 */
  @NestedObject(() => BedRefDto, '原床位')
  from: BedRefDto;

  /** To a free bed / 新床位 */
  @NestedObject(() => BedRefDto, '新床位')
  to: BedRefDto;

  @BusinessTime('调宿')
  occurredAt?: string;
}

export class SwapBedsDto {
  @NestedObject(() => BedRefDto, '床位一')
  first: BedRefDto;

  @NestedObject(() => BedRefDto, '床位二')
  second: BedRefDto;

  @BusinessTime('调换')
  occurredAt?: string;
}

export class CheckResultDto {
  @ApiProperty({ enum: ROOM_CHECK_ITEMS, description: 'Item / 检查项' })
  @ZhLabel('检查项')
  @IsIn(ROOM_CHECK_ITEMS)
  item: RoomCheckItem;

  @ApiProperty({ description: 'Passed / 是否合格' })
  @ZhLabel('是否合格')
  @IsBoolean()
  passed: boolean;

  @OptionalText('What is wrong (required when failed)', '说明', 200)
  note?: string;
}

export class CheckRoomDto {
  @RoomNumber()
  roomNumber: string;

  @ApiProperty({
    type: () => [CheckResultDto],
    description: `Every item once: ${ROOM_CHECK_ITEMS.join(', ')} / 每个检查项`,
    minItems: 1,
    maxItems: ROOM_CHECK_ITEMS.length * 2,
    example: ROOM_CHECK_ITEMS.map((item) => ({ item, passed: true })),
  })
  @ZhLabel('检查结果')
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(ROOM_CHECK_ITEMS.length * 2)
  @ValidateNested({ each: true })
  @Type(() => CheckResultDto)
  results: CheckResultDto[];

  @BusinessTime('检查')
  occurredAt?: string;
}

export class ListDormitoriesQuery extends PageQuery {
  @SchoolFilter('School (bureau only; a school role sees its own)')
  schoolId?: string;

  @ApiPropertyOptional({ enum: DORMITORY_GENDERS, description: 'Gender / 性别' })
  @ZhLabel('性别')
  @OptionalField()
  @IsIn(DORMITORY_GENDERS)
  gender?: DormitoryGender;

  @BooleanFilter('Only buildings with a free bed', '有空床位')
  hasFreeBeds?: boolean;

  @ApiPropertyOptional({ enum: DORMITORY_SORTS, default: 'name', description: 'Sort / 排序' })
  @ZhLabel('排序')
  @OptionalField()
  @IsIn(DORMITORY_SORTS)
  sort?: DormitorySort;
}

/**
 * 查询学生床位: the student number is a query parameter, not a path segment, because logs keep a request's path
 * (a 500, a gateway's upstream failure) and drop its query string: a minor's number never reaches a log.
 */
export class StudentBedQuery extends ConsistentWithQuery {
  @ApiProperty({ description: 'Student number, in full (masked in the answer) / 学号', pattern: STUDENT_NUMBER.source, maxLength: 32, example: '20260145' })
  @ZhLabel('学号')
  @Matches(STUDENT_NUMBER)
  studentNumber: string;
}
