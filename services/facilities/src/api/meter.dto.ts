import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsISO8601, IsNotEmpty, IsString, IsUUID, Matches } from 'class-validator';
import { METER_KINDS, MeterKind } from '@houqin/contracts';
import { KEYSET_CURSOR_MAX_LENGTH, KEYSET_CURSOR_PATTERN, LIST_ORDERS, ListOrder } from '@houqin/projection-store';
import { MaxTextLength, OptionalField, PageLimit, ZhLabel } from '@houqin/platform';

const INSTANT_PATTERN = '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?(Z|[+-]\\d{2}:\\d{2})$';
/** A meter reading as exact decimal text: up to 13 digits and 3 decimals (kWh or m³). */
export const READING_PATTERN = /^\d{1,13}(\.\d{1,3})?$/;
const MONTH_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;
const POSITION_PATTERN = /^[0-9]{1,18}$/;

const BusinessTime = (what: string, whatZh: string) =>
  applyDecorators(
    ApiPropertyOptional({ description: `When ${what}, for a late entry (补录); default now / ${whatZh}（补录时填写，默认当前时间）`, type: 'string', format: 'date-time', pattern: INSTANT_PATTERN, maxLength: 40, example: '2026-10-31T16:00:00+08:00' }),
    ZhLabel(whatZh),
    OptionalField(),
    IsString(),
    Matches(new RegExp(INSTANT_PATTERN)),
    IsISO8601({ strict: true }),
  );

const Reading = (description: string, zh: string) =>
  applyDecorators(
    ApiProperty({ description: `${description}, exact decimal text (kWh or m³, up to 3 decimals) / ${zh}`, type: 'string', pattern: READING_PATTERN.source, maxLength: 17, example: '12345.6' }),
    ZhLabel(zh),
    IsString(),
    Matches(READING_PATTERN),
  );

const Text = (max: number, description: string, zh: string, optional: boolean) =>
  applyDecorators(
    optional ? ApiPropertyOptional({ description: `${description} / ${zh}`, minLength: 1, maxLength: max }) : ApiProperty({ description: `${description} / ${zh}`, minLength: 1, maxLength: max }),
    ZhLabel(zh),
    ...(optional ? [OptionalField()] : []),
    IsString(),
    IsNotEmpty(),
    MaxTextLength(max),
  );

export class InstallMeterDto {
  @Text(100, 'Building', '楼栋', false)
  building: string;

  @ApiProperty({ enum: METER_KINDS, description: 'electricity (kWh), water (m³), gas (m³) / 表计类型' })
  @ZhLabel('表计类型')
  @IsIn(METER_KINDS)
  kind: MeterKind;

  @Text(64, 'Serial number on the meter', '表号', true)
  serial?: string;

  @Reading('The reading at installation', '初始读数')
  initialReading: string;

  @BusinessTime('the meter was installed', '安装时间')
  occurredAt?: string;
}

export class RecordReadingDto {
  @Reading('The reading', '读数')
  reading: string;

  @BusinessTime('the meter was read', '抄表时间')
  occurredAt?: string;
}

export class ReplaceMeterDto {
  @Reading("The old meter's final reading", '旧表最终读数')
  finalReading: string;

  @Reading("The new meter's start reading", '新表起始读数')
  startReading: string;

  @Text(64, "The new meter's serial number", '新表表号', true)
  newSerial?: string;

  @Text(500, 'Why it was replaced', '换表原因', true)
  reason?: string;

  @BusinessTime('the meter was replaced', '换表时间')
  occurredAt?: string;
}

export class ConfirmReadingDto {
  @Text(500, 'Why the jump is real', '确认说明', true)
  note?: string;
}

export class CorrectReadingDto {
  @Reading('The corrected reading', '更正读数')
  reading: string;

  @Text(500, 'Why it is corrected', '更正原因', false)
  reason: string;
}

/** Filters every meter read shares: kind and building, and the position of a command to wait for. */
class MeterFilters {
  @ApiPropertyOptional({ description: 'Bureau and system admin only: one school / 学校编号（仅教育局、系统管理员）', maxLength: 64 })
  @ZhLabel('学校编号')
  @OptionalField()
  @IsString()
  @MaxTextLength(64)
  schoolId?: string;

  @ApiPropertyOptional({ enum: METER_KINDS, description: 'Kind / 表计类型' })
  @ZhLabel('表计类型')
  @OptionalField()
  @IsIn(METER_KINDS)
  kind?: MeterKind;

  @ApiPropertyOptional({ description: 'Building, exactly / 楼栋', maxLength: 100 })
  @ZhLabel('楼栋')
  @OptionalField()
  @IsString()
  @MaxTextLength(100)
  building?: string;

  @ApiPropertyOptional({ description: "Read-your-writes: a command's `position` (waits up to 2 s, else 503 with Retry-After) / 读己之写", pattern: POSITION_PATTERN.source, maxLength: 18, example: '1042' })
  @ZhLabel('同步位置')
  @OptionalField()
  @IsString()
  @Matches(POSITION_PATTERN)
  consistentWith?: string;
}

const Cursor = () =>
  applyDecorators(
    ApiPropertyOptional({ description: "The previous page's nextCursor (same sort and order) / 翻页游标", pattern: KEYSET_CURSOR_PATTERN.source, maxLength: KEYSET_CURSOR_MAX_LENGTH }),
    ZhLabel('翻页游标'),
    OptionalField(),
    IsString(),
    Matches(KEYSET_CURSOR_PATTERN),
  );

const Order = () => applyDecorators(ApiPropertyOptional({ enum: LIST_ORDERS, description: 'Order / 顺序' }), ZhLabel('顺序'), OptionalField(), IsIn(LIST_ORDERS));

export const METER_SORTS = ['building', 'installedAt'] as const;

export class ListMetersQuery extends MeterFilters {
  @ApiPropertyOptional({ description: 'Building or serial contains / 搜索', minLength: 1, maxLength: 100 })
  @ZhLabel('搜索')
  @OptionalField()
  @IsString()
  @IsNotEmpty()
  @MaxTextLength(100)
  q?: string;

  @ApiPropertyOptional({ enum: METER_SORTS, default: 'building', description: 'Sort / 排序' })
  @ZhLabel('排序')
  @OptionalField()
  @IsIn(METER_SORTS)
  sort?: (typeof METER_SORTS)[number];

  @Order()
  order?: ListOrder;

  @PageLimit(200)
  limit?: number;

  @Cursor()
  cursor?: string;
}

const Month = (description: string, zh: string) =>
  applyDecorators(ApiPropertyOptional({ description: `${description} (Beijing month of the reading) / ${zh}`, pattern: MONTH_PATTERN.source, example: '2026-09' }), ZhLabel(zh), OptionalField(), IsString(), Matches(MONTH_PATTERN));

export class ListReadingsQuery extends MeterFilters {
  @ApiPropertyOptional({ description: 'One meter / 表计', format: 'uuid' })
  @ZhLabel('表计')
  @OptionalField()
  @IsUUID('4')
  meterId?: string;

  @Month('From this month', '起始月份')
  from?: string;

  @Month('Up to and including this month', '截止月份')
  to?: string;

  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'true: flagged jumps only / 仅异常跳变' })
  @ZhLabel('仅异常跳变')
  @OptionalField()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  flagged?: boolean;

  @Order()
  order?: ListOrder;

  @PageLimit(500)
  limit?: number;

  @Cursor()
  cursor?: string;
}

export class ConsumptionQuery extends MeterFilters {
  @Month('From this month', '起始月份')
  from?: string;

  @Month('Up to and including this month', '截止月份')
  to?: string;
}
