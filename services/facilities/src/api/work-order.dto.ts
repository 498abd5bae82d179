import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsNotEmpty, IsString, Matches, Max, Min } from 'class-validator';
import { WORK_ORDER_CATEGORIES, WORK_ORDER_PRIORITIES, WorkOrderCategory, WorkOrderPriority } from '@houqin/contracts';
import { MaxTextLength, OptionalField, ZhLabel } from '@houqin/platform';

/** An ISO 8601 instant with its offset, as the event contracts hold business time. */
const INSTANT_PATTERN = '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?(Z|[+-]\\d{2}:\\d{2})$';

/**
 * 补录: when the fact happened, if earlier than now. The runner refuses (422) one in the future (beyond
 * 5 min of clock skew) or before the current school year; one entered past the rule pack's allowance
 * (24 h) is accepted and marked late.
 */
const BusinessTime = (what: string, whatZh: string) =>
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

export class ListWorkOrdersQuery {
  @ApiPropertyOptional({ description: 'Bureau only: one school / 学校编号（仅教育局）', maxLength: 64 })
  @ZhLabel('学校编号')
  @OptionalField()
  @IsString()
  @MaxTextLength(64)
  schoolId?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 200, default: 50 })
  @ZhLabel('条数')
  @OptionalField()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
}

export class CommandAcceptedDto {
  @ApiProperty() workOrderId: string;
  @ApiProperty({ description: 'Stream version after the command (use as If-Match)' }) version: number;
  @ApiProperty({ description: 'Events appended' }) events: { eventId: string; type: string; streamVersion: number; globalPosition: string }[];
}
