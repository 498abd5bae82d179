import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsString, Matches, Max, Min } from 'class-validator';
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

export class RebuildQuery {
  @ApiPropertyOptional({ enum: ['true', 'false'], default: 'true', description: "Compare with the bureau's live figures / 是否与实时统计核对" })
  @ZhLabel('是否核对')
  @OptionalField()
  @IsIn(['true', 'false'])
  compare?: 'true' | 'false';
}
