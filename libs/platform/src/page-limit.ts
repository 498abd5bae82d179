import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { OptionalField } from './dto-rules';
import { ZhLabel } from './zh-label';

/**
 * A list's `limit` query field: an integer 1..max (from the query text), optional; the route applies the
 * default. `@PageLimit(200) limit?: number;` then `query.limit ?? 50`.
 */
export const PageLimit = (max: number, defaultLimit = 50): PropertyDecorator =>
  applyDecorators(
    ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: max, default: defaultLimit, description: 'Rows per page / 每页条数' }),
    ZhLabel('每页条数'),
    OptionalField(),
    Type(() => Number),
    IsInt(),
    Min(1),
    Max(max),
  );
