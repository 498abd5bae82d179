import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsISO8601, IsNotEmpty, IsString, IsUUID, Matches, Max, Min, ValidateBy, ValidationArguments } from 'class-validator';
import { WORK_ORDER_CATEGORIES, WORK_ORDER_PRIORITIES, WorkOrderCategory, WorkOrderPriority } from '@houqin/contracts';
import { MaxTextLength, OptionalField, PageLimit, ZhLabel } from '@houqin/platform';
import { KEYSET_CURSOR_MAX_LENGTH, KEYSET_CURSOR_PATTERN, LIST_ORDERS, ListOrder } from '@houqin/projection-store';
import { LIST_SORTS, ListSort } from '../application/work-order.queries';

/** An ISO 8601 instant with its offset, as the event contracts hold business time. */
const INSTANT_PATTERN = '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?(Z|[+-]\\d{2}:\\d{2})$';

/**
 * 补录: when the fact happened, if earlier than now. The runner refuses (422) one in the future (beyond
 * 5 min of clock skew) or before the current school year; one entered past the rule pack's allowance
 * (24 h) is accepted and marked late.
 */
export const BusinessTime = (what: string, whatZh: string) =>
  applyDecorators(
    ApiPropertyOptional({
      description: `When ${what} happened, for a late entry (补录); default now / ${whatZh}时间（补录时填写，默认当前时间）`,
      type: 'string',
      format: 'date-time',
      pattern: INSTANT_PATTERN,
      maxLength: 40,
      example: '2026-11-24T08:00:00+08:00',
    }),
    ZhLabel(`${whatZh}时间`),
    OptionalField(),
    IsString(),
    Matches(new RegExp(INSTANT_PATTERN)),
    IsISO8601({ strict: true }),
  );

export class ReportWorkOrderDto {
  @ApiProperty({ description: 'What is broken / 报修标题', minLength: 1, maxLength: 100, example: '三楼302教室灯管不亮' })
  @ZhLabel('标题')
  @IsString()
  @IsNotEmpty()
  @MaxTextLength(100)
  title: string;

  @ApiProperty({ description: 'Where / 报修位置', minLength: 1, maxLength: 100, example: '教学楼3层302' })
  @ZhLabel('位置')
  @IsString()
  @IsNotEmpty()
  @MaxTextLength(100)
  location: string;

  @ApiProperty({ enum: WORK_ORDER_CATEGORIES, description: 'Category / 类别' })
  @ZhLabel('类别')
  @IsIn(WORK_ORDER_CATEGORIES)
  category: WorkOrderCategory;

  @ApiProperty({ enum: WORK_ORDER_PRIORITIES, description: 'Priority / 紧急程度' })
  @ZhLabel('紧急程度')
  @IsIn(WORK_ORDER_PRIORITIES)
  priority: WorkOrderPriority;

  @ApiPropertyOptional({ description: 'Details / 详细描述', maxLength: 1000 })
  @ZhLabel('详细描述')
  @OptionalField()
  @IsString()
  @MaxTextLength(1000)
  description?: string;

  @ApiPropertyOptional({ description: 'The asset in the ledger this report is about / 报修资产（资产台账编号）', format: 'uuid' })
  @ZhLabel('报修资产')
  @OptionalField()
  @IsUUID('4')
  assetId?: string;

  @BusinessTime('the fault was reported', '报修')
  occurredAt?: string;
}

export class AssignWorkOrderDto {
  @ApiProperty({ description: 'Repairer / 维修人', minLength: 1, maxLength: 64, example: '电工 张师傅' })
  @ZhLabel('维修人')
  @IsString()
  @IsNotEmpty()
  @MaxTextLength(64)
  assignee: string;

  @BusinessTime('the repairer was assigned', '派单')
  occurredAt?: string;
}

export class CompleteWorkOrderDto {
  @ApiPropertyOptional({ description: 'What was done / 维修说明', maxLength: 1000 })
  @ZhLabel('维修说明')
  @OptionalField()
  @IsString()
  @MaxTextLength(1000)
  note?: string;

  @BusinessTime('the repair was done', '完工')
  occurredAt?: string;
}

export class RejectCompletionDto {
  @ApiProperty({ description: 'Why the repair is not accepted / 验收不通过原因', minLength: 1, maxLength: 500 })
  @ZhLabel('不通过原因')
  @IsString()
  @IsNotEmpty()
  @MaxTextLength(500)
  reason: string;

  @BusinessTime('the repair was sent back', '返修')
  occurredAt?: string;
}

export class VerifyWorkOrderDto {
  @ApiPropertyOptional({ description: 'Satisfaction 1-5 / 满意度', type: 'integer', minimum: 1, maximum: 5 })
  @ZhLabel('满意度')
  @OptionalField()
  @IsInt()
  @Min(1)
  @Max(5)
  rating?: number;

  @ApiPropertyOptional({ description: 'Comment / 评价', maxLength: 500 })
  @ZhLabel('评价')
  @OptionalField()
  @IsString()
  @MaxTextLength(500)
  comment?: string;

  @BusinessTime('the repair was checked', '验收')
  occurredAt?: string;
}

const LISTED_STATUSES = ['reported', 'assigned', 'in-progress', 'completed', 'verified'] as const;

/** A day (Beijing) or an instant with its offset: what a date filter takes. */
const DATE_OR_INSTANT = '^\\d{4}-\\d{2}-\\d{2}(T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,6})?(Z|[+-]\\d{2}:\\d{2}))?$';

/** The pattern above, and a real calendar date and time (no 2026-02-30, no year 0). */
const IsDateOrInstant = (): PropertyDecorator =>
  applyDecorators(
    Matches(new RegExp(DATE_OR_INSTANT)),
    ValidateBy({
      name: 'isIso8601',
      validator: { validate: (value: unknown) => typeof value === 'string' && isCalendarTime(value), defaultMessage: (a?: ValidationArguments) => `${a?.property} must be a valid ISO 8601 date or date-time` },
    }),
  );

function isCalendarTime(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(?:Z|[+-](\d{2}):(\d{2})))?$/.exec(text);
  if (!m) return false;
  const [y, mo, d, h = 0, mi = 0, s = 0, oh = 0, om = 0] = m.slice(1).map((v) => (v === undefined ? undefined : Number(v))) as number[];
  const day = new Date(Date.UTC(2000, mo - 1, d));
  day.setUTCFullYear(y);
  return y >= 1 && day.getUTCMonth() === mo - 1 && day.getUTCDate() === d && h < 24 && mi < 60 && s < 60 && oh <= 14 && om < 60;
}

/** A command's position: a global position (18 digits always fit PostgreSQL's bigint). */
const CONSISTENT_WITH_PATTERN = /^[0-9]{1,18}$/;

const booleanText = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

export class ListWorkOrdersQuery {
  @ApiPropertyOptional({ description: 'Bureau and system admin only: one school (school accounts always see their own) / 学校编号（仅教育局、系统管理员）', maxLength: 64 })
  @ZhLabel('学校编号')
  @OptionalField()
  @IsString()
  @MaxTextLength(64)
  schoolId?: string;

  @ApiPropertyOptional({ enum: LISTED_STATUSES, description: 'Status / 状态' })
  @ZhLabel('状态')
  @OptionalField()
  @IsIn(LISTED_STATUSES)
  status?: (typeof LISTED_STATUSES)[number];

  @ApiPropertyOptional({ enum: WORK_ORDER_CATEGORIES, description: 'Category / 类别' })
  @ZhLabel('类别')
  @OptionalField()
  @IsIn(WORK_ORDER_CATEGORIES)
  category?: WorkOrderCategory;

  @ApiPropertyOptional({ enum: WORK_ORDER_PRIORITIES, description: 'Priority / 紧急程度' })
  @ZhLabel('紧急程度')
  @OptionalField()
  @IsIn(WORK_ORDER_PRIORITIES)
  priority?: WorkOrderPriority;

  @ApiPropertyOptional({ description: "Assigned repairer, exactly: a technician's account id or a contractor's company / 维修人", maxLength: 100 })
  @ZhLabel('维修人')
  @OptionalField()
  @IsString()
  @MaxTextLength(100)
  assignee?: string;

  @ApiPropertyOptional({ description: 'One asset of the ledger / 资产', format: 'uuid' })
  @ZhLabel('资产')
  @OptionalField()
  @IsUUID('4')
  assetId?: string;

  @ApiPropertyOptional({ description: 'Reported at or after: a day (from 00:00 Beijing time) or an instant with offset / 报修时间起', pattern: DATE_OR_INSTANT, example: '2026-09-01' })
  @ZhLabel('报修时间起')
  @OptionalField()
  @IsString()
  @IsDateOrInstant()
  reportedFrom?: string;

  @ApiPropertyOptional({ description: 'Reported before: a day (that whole day included, Beijing time) or an instant with offset (excluded) / 报修时间止', pattern: DATE_OR_INSTANT, example: '2026-09-30' })
  @ZhLabel('报修时间止')
  @OptionalField()
  @IsString()
  @IsDateOrInstant()
  reportedTo?: string;

  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'true: a response or completion deadline has passed while open; false: none has (orders without deadlines count as not overdue) / 是否超时' })
  @ZhLabel('是否超时')
  @OptionalField()
  @Transform(booleanText)
  @IsBoolean()
  overdue?: boolean;

  @ApiPropertyOptional({ description: 'Text in title, location or description (Chinese: any substring, from one character; case and full-width letters ignored) / 搜索', minLength: 1, maxLength: 100, example: '灯管' })
  @ZhLabel('搜索')
  @OptionalField()
  @IsString()
  @IsNotEmpty()
  @MaxTextLength(100)
  q?: string;

  @ApiPropertyOptional({ enum: LIST_SORTS, default: 'reportedAt', description: 'Sort key (ties by report time, then id) / 排序' })
  @ZhLabel('排序')
  @OptionalField()
  @IsIn(LIST_SORTS)
  sort?: ListSort;

  @ApiPropertyOptional({ enum: LIST_ORDERS, default: 'desc', description: 'Order / 顺序' })
  @ZhLabel('顺序')
  @OptionalField()
  @IsIn(LIST_ORDERS)
  order?: ListOrder;

  @PageLimit(200)
  limit?: number;

  @ApiPropertyOptional({
    description: "The previous page's nextCursor (opaque; only with the same sort and order) / 翻页游标",
    pattern: KEYSET_CURSOR_PATTERN.source,
    maxLength: KEYSET_CURSOR_MAX_LENGTH,
  })
  @ZhLabel('翻页游标')
  @OptionalField()
  @IsString()
  @Matches(KEYSET_CURSOR_PATTERN)
  cursor?: string;

  @ApiPropertyOptional({
    description:
      "Read-your-writes: a command's `position`. The list first waits (up to 2 s) until it includes that command, else answers 503 with Retry-After / 读己之写：命令应答中的 position，列表等其同步后再返回",
    pattern: CONSISTENT_WITH_PATTERN.source,
    maxLength: 18,
    example: '1042',
  })
  @ZhLabel('同步位置')
  @OptionalField()
  @IsString()
  @Matches(CONSISTENT_WITH_PATTERN)
  consistentWith?: string;
}

export class CommandAcceptedDto {
  @ApiProperty() workOrderId: string;
  @ApiProperty({ description: 'Stream version after the command (use as If-Match)' }) version: number;
  @ApiPropertyOptional({ description: 'Read-your-writes: pass as `consistentWith` to a list read right after / 读己之写的同步位置', example: '1042' }) position?: string;
  @ApiProperty({ description: 'Events appended' }) events: { eventId: string; type: string; streamVersion: number; globalPosition: string }[];
}
