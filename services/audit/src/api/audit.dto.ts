import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsString, IsUUID, Matches, Max, Min } from 'class-validator';
import { MaxTextLength, OptionalField, ZhLabel } from '@houqin/platform';

// The `next` of a history page, "transaction id:global position". The digits are bounded so that
// both fit their PostgreSQL types (xid8, bigint): 20 digits overflowed them (a 500 before).
const CURSOR = /^\d{1,19}:\d{1,18}$/;

export class ScopeQuery {
  @ApiPropertyOptional({ description: 'One school / 学校编号', maxLength: 64 })
  @ZhLabel('学校编号')
  @OptionalField()
  @IsString()
  @MaxTextLength(64)
  schoolId?: string;

  @ApiPropertyOptional({ description: 'One stream, e.g. WorkOrder-<id> / 记录流编号', maxLength: 200 })
  @ZhLabel('记录流编号')
  @OptionalField()
  @IsString()
  @MaxTextLength(200)
  streamId?: string;
}

export class HistoryQuery extends ScopeQuery {
  @ApiPropertyOptional({ description: 'Cursor from the previous page (`next`) / 翻页游标', pattern: CURSOR.source, example: '0:0' })
  @ZhLabel('游标')
  @OptionalField()
  @Matches(CURSOR)
  after?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 1000, default: 100 })
  @ZhLabel('条数')
  @OptionalField()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;
}

/** An instant with its offset, or a Beijing day (a `from` day starts at its 00:00, a `to` day includes the whole day). */
const TIME = '^\\d{4}-\\d{2}-\\d{2}(T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?(Z|[+-]\\d{2}:\\d{2}))?$';

// The `type` filter: one query value listing event type names (given twice, the value is an array and refused).
// 1000 characters in all keep the URL within Node's 16 kB of headers even percent-encoded (9 bytes a CJK character).
const EVENT_TYPES = /^[A-Za-z0-9_.-]{1,100}(,[A-Za-z0-9_.-]{1,100}){0,49}$/;
const EVENT_TYPES_MAX_LENGTH = 1000;

/** The event types a valid `type` filter names. */
export const eventTypesOf = (type: string | undefined) => (type ? type.split(',') : undefined);

/** The filters no index of the source serves: applied to a bounded scan (see readFilteredHistory). */
export class HistoryFilterQuery extends HistoryQuery {
  @ApiPropertyOptional({ description: 'Who did it: the actor id in the metadata / 操作人编号', maxLength: 64, example: 'li.lei' })
  @ZhLabel('操作人')
  @OptionalField()
  @IsString()
  @MaxTextLength(64)
  actor?: string;

  @ApiPropertyOptional({
    description: 'Event types, comma-separated, given once (see GET /audit/sources): at most 50 names of at most 100 characters, 1000 characters in all / 事件类型（逗号分隔，最多50个）',
    type: String,
    pattern: EVENT_TYPES.source,
    maxLength: EVENT_TYPES_MAX_LENGTH,
    example: 'WorkOrderReported,WorkOrderAssigned',
  })
  @ZhLabel('事件类型')
  @OptionalField()
  @IsString()
  @MaxTextLength(EVENT_TYPES_MAX_LENGTH)
  @Matches(EVENT_TYPES, { message: 'type must be event type names separated by commas (at most 50, each of at most 100 letters, digits, "_", "." or "-")' })
  type?: string;

  @ApiPropertyOptional({ description: 'Recorded at or after (instant, or a Beijing day) / 记录时间起', pattern: TIME, example: '2026-11-01' })
  @ZhLabel('记录时间起')
  @OptionalField()
  @IsString()
  @Matches(new RegExp(TIME))
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ description: 'Recorded before (instant), or on or before (a Beijing day) / 记录时间止', pattern: TIME, example: '2026-11-30' })
  @ZhLabel('记录时间止')
  @OptionalField()
  @IsString()
  @Matches(new RegExp(TIME))
  @IsISO8601({ strict: true })
  to?: string;
}

/** A Beijing day's bounds as instants; an instant stays as it is. */
export const startOf = (text: string) => (text.length === 10 ? `${text}T00:00:00+08:00` : text);
export const endOf = (text: string) => (text.length === 10 ? `${text}T16:00:00Z` : text);

/** The client's name for a long run, to poll GET /audit/progress/:id while it runs. */
export class ProgressQuery {
  @ApiPropertyOptional({ description: 'A new random UUID (v4) naming this run; poll GET /audit/progress/{progressId} for its share done / 进度编号（UUID v4）', format: 'uuid' })
  @ZhLabel('进度编号')
  @OptionalField()
  @IsUUID('4', { message: 'progressId must be a new random UUID (v4)' })
  progressId?: string;
}

export class RebuildQuery extends ProgressQuery {
  @ApiPropertyOptional({ enum: ['true', 'false'], default: 'true', description: "Compare with the bureau's live figures / 是否与实时统计核对" })
  @ZhLabel('是否核对')
  @OptionalField()
  @IsIn(['true', 'false'])
  compare?: 'true' | 'false';
}
