import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { ZhLabel } from '@houqin/platform';

export class ScopeQuery {
  @ApiPropertyOptional({ description: 'One school / 学校编号' })
  @ZhLabel('学校编号')
  @IsOptional()
  @IsString()
  @MaxLength(64)
  schoolId?: string;

  @ApiPropertyOptional({ description: 'One stream, e.g. WorkOrder-<id> / 记录流编号' })
  @ZhLabel('记录流编号')
  @IsOptional()
  @IsString()
  @MaxLength(200)
  streamId?: string;
}

export class HistoryQuery extends ScopeQuery {
  @ApiPropertyOptional({ description: 'Cursor from the previous page (`next`) / 翻页游标' })
  @ZhLabel('游标')
  @IsOptional()
  @Matches(/^\d{1,20}:\d{1,20}$/)
  after?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 1000, default: 100 })
  @ZhLabel('条数')
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;
}

export class RebuildQuery {
  @ApiPropertyOptional({ enum: ['true', 'false'], default: 'true', description: "Compare with the bureau's live figures / 是否与实时统计核对" })
  @ZhLabel('是否核对')
  @IsOptional()
  @IsIn(['true', 'false'])
  compare?: 'true' | 'false';
}
