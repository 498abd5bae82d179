import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsISO8601, IsString, Matches, Max, Min } from 'class-validator';
import { AREA_M2_PATTERN, GREEN_AREA_KINDS, GREEN_CARE_KINDS, GreenAreaKind, GreenCareKind } from '@houqin/contracts';
import { OptionalField, PageLimit, ZhLabel } from '@houqin/platform';
import { KEYSET_CURSOR_MAX_LENGTH, KEYSET_CURSOR_PATTERN } from '@houqin/projection-store';
import { GREEN_AREA_SORTS, GreenAreaSort } from '../application/green-area.queries';
import { BooleanFilter, BusinessTime, NestedObject, OptionalText, PageQuery, SchoolFilter, Text } from './greening-dormitory.kit';

/** A calendar day YYYY-MM-DD (IsISO8601 strict then refuses 02-30). */
const DAY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const PLANTED_ON = /^(19|20)\d{2}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const TREE_ID = /^[A-Za-z0-9-]{1,64}$/;

const AreaM2 = () =>
  applyDecorators(
    ApiProperty({ description: 'Area in m², exact decimal (≤ 2 places), more than 0 / 面积（平方米）', pattern: AREA_M2_PATTERN.source, example: '1200.50' }),
    ZhLabel('面积'),
    IsString(),
    Matches(AREA_M2_PATTERN),
  );

export class RegisterGreenAreaDto {
  @Text('Name', '名称', 50, '南操场草坪')
  name: string;

  @Text('Where', '位置', 100, '南操场西侧')
  location: string;

  @AreaM2()
  areaM2: string;

  @ApiProperty({ enum: GREEN_AREA_KINDS, description: 'Kind / 类型' })
  @ZhLabel('类型')
  @IsIn(GREEN_AREA_KINDS)
  kind: GreenAreaKind;
}

export class ResizeGreenAreaDto {
  @AreaM2()
  areaM2: string;

  @Text('Why', '变更原因', 200)
  reason: string;
}

export class RemoveGreenAreaDto {
  @Text('Why', '撤销原因', 200)
  reason: string;
}

export class RecordTreesDto {
  @Text('Species (Latin or English)', '树种学名', 80, 'Ginkgo biloba')
  species: string;

  @Text('Species, Chinese name', '树种', 40, '银杏')
  speciesZh: string;

  @ApiProperty({ type: 'integer', minimum: 1, maximum: 100000, description: 'How many / 株数' })
  @ZhLabel('株数')
  @IsInt()
  @Min(1)
  @Max(100_000)
  count: number;

  @Text('Where in the area', '位置', 100, '草坪北角')
  location: string;

  @ApiPropertyOptional({ description: 'Planting date / 种植日期', type: 'string', format: 'date', pattern: PLANTED_ON.source, maxLength: 10, example: '2012-03-12' })
  @ZhLabel('种植日期')
  @OptionalField()
  @Matches(PLANTED_ON)
  @IsISO8601({ strict: true })
  plantedOn?: string;

  @ApiProperty({ description: 'Notable or ancient tree 古树名木 / 是否古树名木' })
  @ZhLabel('古树名木')
  @IsBoolean()
  notable: boolean;
}

export class ChangeTreeCountDto {
  @ApiProperty({ description: 'The trees (treeId) / 树木编号', pattern: TREE_ID.source, minLength: 1, maxLength: 64 })
  @ZhLabel('树木编号')
  @Matches(TREE_ID)
  treeId: string;

  @ApiProperty({ type: 'integer', minimum: 0, maximum: 100000, description: 'New count / 现有株数' })
  @ZhLabel('株数')
  @IsInt()
  @Min(0)
  @Max(100_000)
  count: number;

  @Text('Why (planted, died, felled...)', '变更原因', 200, '补植两株')
  reason: string;
}

export class PesticideDto {
  @Text('Pesticide name', '农药名称', 80, '吡虫啉')
  name: string;

  @ApiProperty({ type: 'integer', minimum: 1, maximum: 365, description: 'Safety interval in days (from the label) / 安全间隔期（天）' })
  @ZhLabel('安全间隔期')
  @IsInt()
  @Min(1)
  @Max(365)
  safetyIntervalDays: number;
}

export class RecordCareDto {
  @ApiProperty({ enum: GREEN_CARE_KINDS, description: 'Kind of care / 养护类型' })
  @ZhLabel('养护类型')
  @IsIn(GREEN_CARE_KINDS)
  kind: GreenCareKind;

  @ApiPropertyOptional({ description: 'Trees cared for (treeId), if not the whole area / 树木编号', pattern: TREE_ID.source, minLength: 1, maxLength: 64 })
  @ZhLabel('树木编号')
  @OptionalField()
  @Matches(TREE_ID)
  treeId?: string;

  @Text('Who did the work', '作业人', 64, '园林组 陈师傅')
  performedBy: string;

  @OptionalText('Note', '备注', 500)
  note?: string;

  /** Required for pest control / 病虫害防治须填写 */
  @NestedObject(() => PesticideDto, '农药', true)
  pesticide?: PesticideDto;

  @BusinessTime('养护')
  occurredAt?: string;
}

export class ListGreenAreasQuery extends PageQuery {
  @SchoolFilter('School (bureau only)')
  schoolId?: string;

  @ApiPropertyOptional({ enum: GREEN_AREA_KINDS, description: 'Kind / 类型' })
  @ZhLabel('类型')
  @OptionalField()
  @IsIn(GREEN_AREA_KINDS)
  kind?: GreenAreaKind;

  @ApiPropertyOptional({ enum: ['active', 'removed'], description: 'Status / 状态' })
  @ZhLabel('状态')
  @OptionalField()
  @IsIn(['active', 'removed'])
  status?: 'active' | 'removed';

  @BooleanFilter('Closed to students now (pesticide safety interval) / 安全间隔期内', '封闭中')
  closed?: boolean;

  @ApiPropertyOptional({ enum: GREEN_AREA_SORTS, default: 'name', description: 'Sort / 排序' })
  @ZhLabel('排序')
  @OptionalField()
  @IsIn(GREEN_AREA_SORTS)
  sort?: GreenAreaSort;
}

export class ListCareQuery {
  @SchoolFilter('School (bureau only)')
  schoolId?: string;

  @ApiPropertyOptional({ enum: GREEN_CARE_KINDS, description: 'Kind / 养护类型' })
  @ZhLabel('养护类型')
  @OptionalField()
  @IsIn(GREEN_CARE_KINDS)
  kind?: GreenCareKind;

  @ApiPropertyOptional({ description: 'From this Beijing day / 开始日期', type: 'string', format: 'date', pattern: DAY.source, maxLength: 10, example: '2026-09-01' })
  @ZhLabel('开始日期')
  @OptionalField()
  @Matches(DAY)
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ description: 'To this Beijing day, included / 结束日期', type: 'string', format: 'date', pattern: DAY.source, maxLength: 10, example: '2027-01-31' })
  @ZhLabel('结束日期')
  @OptionalField()
  @Matches(DAY)
  @IsISO8601({ strict: true })
  to?: string;

  @PageLimit(200)
  limit?: number;

  @ApiPropertyOptional({ description: "The previous page's nextCursor (same filters) / 翻页游标", pattern: KEYSET_CURSOR_PATTERN.source, maxLength: KEYSET_CURSOR_MAX_LENGTH })
  @ZhLabel('翻页游标')
  @OptionalField()
  @IsString()
  @Matches(KEYSET_CURSOR_PATTERN)
  cursor?: string;
}
