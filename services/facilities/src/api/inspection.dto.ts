import { applyDecorators, BadRequestException } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsInt, IsISO8601, IsNotEmpty, IsString, IsUUID, Matches, Max, Min, ValidateNested } from 'class-validator';
import { INSPECTION_KINDS, INSPECTION_RESULTS, InspectionKind, InspectionResult } from '@houqin/contracts';
import { MaxTextLength, NestedObject, OptionalField, PageLimit, ZhLabel } from '@houqin/platform';
import { KEYSET_CURSOR_MAX_LENGTH, KEYSET_CURSOR_PATTERN, LIST_ORDERS, ListOrder } from '@houqin/projection-store';
import { PLAN_SORTS, PlanSort } from '../application/inspection.queries';

/** An ISO 8601 instant with its offset, as the event contracts hold business time. */
const INSTANT_PATTERN = '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?(Z|[+-]\\d{2}:\\d{2})$';
const Instant = (description: string, zh: string, example = '2026-11-24T08:00:00+08:00') =>
  applyDecorators(
    ApiPropertyOptional({ description, type: 'string', format: 'date-time', pattern: INSTANT_PATTERN, maxLength: 40, example }),
    ZhLabel(zh),
    OptionalField(),
    IsString(),
    Matches(new RegExp(INSTANT_PATTERN)),
    IsISO8601({ strict: true }),
  );
const Text = (max: number, description: string, zh: string, example?: string) =>
  applyDecorators(ApiProperty({ description, minLength: 1, maxLength: max, example }), ZhLabel(zh), IsString(), IsNotEmpty(), MaxTextLength(max));
const OptionalText = (max: number, description: string, zh: string) =>
  applyDecorators(ApiPropertyOptional({ description, minLength: 1, maxLength: max }), ZhLabel(zh), OptionalField(), IsString(), IsNotEmpty(), MaxTextLength(max));

export class InspectionTargetDto {
  @ApiPropertyOptional({ description: 'One ledger asset (its id, a UUID v4) / 台账资产', format: 'uuid' })
  @ZhLabel('资产')
  @OptionalField()
  @IsUUID('4')
  assetId?: string;

  @OptionalText(40, 'Every asset of a category / 资产类别', '资产类别')
  assetCategory?: string;

  @OptionalText(100, 'Where: a building, floor or room / 位置（楼栋、楼层、房间）', '位置')
  location?: string;
}

export class ChecklistItemDto {
  @Text(40, 'Item id, unique in the checklist / 检查项编号', '检查项编号', 'ext-01')
  itemId: string;

  @Text(200, 'What to check / 检查内容', '检查内容', '压力表指针在绿区')
  textZh: string;

  @OptionalText(200, 'English text / 英文', '英文内容')
  text?: string;
}

/** A plan's checklist (creation and revision): 1 to 50 items. */
const Checklist = (description: string) =>
  applyDecorators(
    ApiPropertyOptional({ type: [ChecklistItemDto], minItems: 1, maxItems: 50, description, example: [{ itemId: 'ext-01', textZh: '压力表指针在绿区' }] }),
    ZhLabel('检查表'),
    OptionalField(),
    IsArray(),
    ArrayMinSize(1),
    ArrayMaxSize(50),
    ValidateNested({ each: true }),
    Type(() => ChecklistItemDto),
  );
/** Days between inspections (creation and revision); the rule pack's cap is the decider's. */
const IntervalDays = (description: string) =>
  applyDecorators(ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 366, description }), ZhLabel('检查周期'), OptionalField(), IsInt(), Min(1), Max(366));

export class CreateInspectionPlanDto {
  @Text(100, 'Plan name / 计划名称', '计划名称', 'A楼灭火器月检')
  name: string;

  @ApiProperty({ enum: INSPECTION_KINDS, description: 'What is inspected / 检查类别' })
  @ZhLabel('检查类别')
  @IsIn(INSPECTION_KINDS)
  kind: InspectionKind;

  // An asset, or a category and/or location (检查对象).
  @NestedObject(() => InspectionTargetDto, '检查对象')
  target: InspectionTargetDto;

  @IntervalDays("Days between inspections; default the rule pack's, never longer / 检查周期（天），默认按规定，不得长于规定")
  intervalDays?: number;

  @ApiPropertyOptional({ description: "The rule's setting: extinguishers general|crowdedPlaces, hydrants/alarms other|keyUnit, elevators maintenance|selfCheck / 周期档位", maxLength: 40 })
  @ZhLabel('周期档位')
  @OptionalField()
  @IsString()
  @MaxTextLength(40)
  intervalSetting?: string;

  @Checklist('Default: the standard checklist of the kind (GET /inspection-plans/checklists) / 检查表，默认标准检查表')
  checklist?: ChecklistItemDto[];

  @Text(64, 'Responsible person / 责任人', '责任人', 'staff.zhou')
  responsiblePerson: string;

  @Instant('First due date (default one interval after creation, never later) / 首次到期时间', '首次到期时间')
  firstDueAt?: string;

  @Instant('When the plan was made, for a late entry (补录) / 制定时间（补录时填写）', '制定时间')
  occurredAt?: string;
}

export class ReassignInspectionPlanDto {
  @Text(64, 'New responsible person / 新责任人', '责任人', 'staff.li')
  responsiblePerson: string;
}

/** The fields a revision may change: at least one of them (refused 400 otherwise, before the plan is read). */
export const REVISABLE_PLAN_FIELDS = ['name', 'checklist', 'intervalDays'] as const;

// minProperties: a revision names at least one field. Not a property's rule, so it is stated on the schema.
@ApiSchema({ description: 'Revise a plan: at least one of name, checklist, intervalDays / 修订检查计划（至少修改一项）', ...{ minProperties: 1 } })
export class ReviseInspectionPlanDto {
  @OptionalText(100, 'New plan name / 新计划名称', '计划名称')
  name?: string;

  @Checklist('The whole new checklist, item ids unique; inspections recorded afterwards answer it / 新检查表（整表替换，之后的检查按新表填写）')
  checklist?: ChecklistItemDto[];

  @IntervalDays("New days between inspections, never longer than the rule pack's / 新检查周期（天），不得长于规定")
  intervalDays?: number;
}

/** A revision naming none of the fields: 400 naming each of them, in both languages. */
export function assertRevisesSomething(dto: ReviseInspectionPlanDto): void {
  if (REVISABLE_PLAN_FIELDS.some((f) => dto[f] !== undefined)) return;
  const message = 'Give at least one of name, checklist, intervalDays';
  const messageZh = '请至少修改计划名称、检查表、检查周期中的一项';
  throw new BadRequestException({
    statusCode: 400,
    error: 'Bad Request',
    message,
    messageZh,
    errors: REVISABLE_PLAN_FIELDS.map((field) => ({ field, message, messageZh, constraint: 'atLeastOneOf' })),
  });
}

export class RetireInspectionPlanDto {
  @Text(500, 'Why the plan stops / 停用原因', '停用原因', '设备已拆除')
  reason: string;
}

export class ItemResultDto {
  @Text(40, 'Checklist item id / 检查项编号', '检查项编号', 'ext-01')
  itemId: string;

  @ApiProperty({ enum: INSPECTION_RESULTS, description: 'pass / fail (合格 / 不合格)' })
  @ZhLabel('检查结果')
  @IsIn(INSPECTION_RESULTS)
  result: InspectionResult;

  @OptionalText(500, 'What is wrong (required for a failed item) / 问题说明（不合格必填）', '问题说明')
  note?: string;
}

export class RecordInspectionDto {
  @ApiProperty({
    type: [ItemResultDto],
    minItems: 1,
    maxItems: 50,
    description: 'Every checklist item, answered once / 每个检查项的结果',
    example: [{ itemId: 'ext-01', result: 'pass' }],
  })
  @ZhLabel('检查结果')
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => ItemResultDto)
  results: ItemResultDto[];

  @OptionalText(1000, 'Remarks / 备注', '备注')
  note?: string;

  @Instant('When the inspection was done, for a late entry (补录); default now / 检查时间（补录时填写）', '检查时间')
  occurredAt?: string;
}

const booleanText = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);
const BooleanFilter = (description: string, zh: string) =>
  applyDecorators(ApiPropertyOptional({ enum: ['true', 'false'], description }), ZhLabel(zh), OptionalField(), Transform(booleanText), IsBoolean());
const Cursor = () =>
  applyDecorators(
    ApiPropertyOptional({ description: "The previous page's nextCursor (same sort and order) / 翻页游标", pattern: KEYSET_CURSOR_PATTERN.source, maxLength: KEYSET_CURSOR_MAX_LENGTH }),
    ZhLabel('翻页游标'),
    OptionalField(),
    IsString(),
    Matches(KEYSET_CURSOR_PATTERN),
  );
const CONSISTENT_WITH_PATTERN = /^[0-9]{1,18}$/;
const ConsistentWith = () =>
  applyDecorators(
    ApiPropertyOptional({ description: "Read-your-writes: a command's `position` (waits up to 2 s, else 503) / 读己之写的同步位置", pattern: CONSISTENT_WITH_PATTERN.source, maxLength: 18, example: '1042' }),
    ZhLabel('同步位置'),
    OptionalField(),
    IsString(),
    Matches(CONSISTENT_WITH_PATTERN),
  );
const Order = () => applyDecorators(ApiPropertyOptional({ enum: LIST_ORDERS, description: 'Order / 顺序' }), ZhLabel('顺序'), OptionalField(), IsIn(LIST_ORDERS));
const SchoolFilter = () =>
  applyDecorators(
    ApiPropertyOptional({ description: 'Bureau and system admin only: one school (school accounts always see their own) / 学校编号', maxLength: 64 }),
    ZhLabel('学校编号'),
    OptionalField(),
    IsString(),
    MaxTextLength(64),
  );
const KindFilter = () => applyDecorators(ApiPropertyOptional({ enum: INSPECTION_KINDS, description: 'Kind / 检查类别' }), ZhLabel('检查类别'), OptionalField(), IsIn(INSPECTION_KINDS));

export class ListInspectionPlansQuery {
  @SchoolFilter() schoolId?: string;
  @KindFilter() kind?: InspectionKind;

  @ApiPropertyOptional({ enum: ['active', 'retired'], description: 'Status / 状态' })
  @ZhLabel('状态')
  @OptionalField()
  @IsIn(['active', 'retired'])
  status?: 'active' | 'retired';

  @OptionalText(64, 'Responsible person, exactly / 责任人', '责任人')
  responsiblePerson?: string;

  @BooleanFilter('true: the due date passed (by the clock) with no inspection / 是否逾期', '是否逾期')
  overdue?: boolean;

  @Instant('Due before this instant, overdue included (the 今日待检 list: the end of today) / 到期时间早于', '到期时间早于')
  dueBefore?: string;

  @OptionalText(100, 'Text in name, location, category or responsible person / 搜索', '搜索')
  q?: string;

  @ApiPropertyOptional({ enum: PLAN_SORTS, default: 'nextDue', description: 'Sort / 排序' })
  @ZhLabel('排序')
  @OptionalField()
  @IsIn(PLAN_SORTS)
  sort?: PlanSort;

  @Order() order?: ListOrder;
  @PageLimit(200) limit?: number;
  @Cursor() cursor?: string;
  @ConsistentWith() consistentWith?: string;
}

export class ListInspectionsQuery {
  @SchoolFilter() schoolId?: string;

  @ApiPropertyOptional({ description: 'One plan / 检查计划', maxLength: 64 })
  @ZhLabel('检查计划')
  @OptionalField()
  @IsString()
  @MaxTextLength(64)
  planId?: string;

  @KindFilter() kind?: InspectionKind;

  @ApiPropertyOptional({ enum: INSPECTION_RESULTS, description: 'fail: at least one item failed / 检查结论' })
  @ZhLabel('检查结论')
  @OptionalField()
  @IsIn(INSPECTION_RESULTS)
  result?: InspectionResult;

  @BooleanFilter('Done by its due date / 是否按期', '是否按期')
  onTime?: boolean;

  @Instant('Inspected at or after / 检查时间起', '检查时间起', '2026-09-01T00:00:00+08:00')
  from?: string;

  @Instant('Inspected before / 检查时间止', '检查时间止', '2026-10-01T00:00:00+08:00')
  to?: string;

  @Order() order?: ListOrder;
  @PageLimit(200) limit?: number;
  @Cursor() cursor?: string;
  @ConsistentWith() consistentWith?: string;
}

export class InspectionCommandAcceptedDto {
  @ApiProperty() planId: string;
  @ApiPropertyOptional({ description: 'The inspection recorded (record only) / 检查记录编号' }) inspectionId?: string;
  @ApiProperty({ description: 'Stream version after the command (use as If-Match)' }) version: number;
  @ApiPropertyOptional({ description: 'Read-your-writes: pass as `consistentWith` / 读己之写的同步位置', example: '1042' }) position?: string;
  @ApiProperty({ description: 'Events appended' }) events: { eventId: string; type: string; streamVersion: number; globalPosition: string }[];
}
