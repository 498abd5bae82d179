import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsISO8601, IsNotEmpty, IsString, Matches } from 'class-validator';
import { KEYSET_CURSOR_MAX_LENGTH, KEYSET_CURSOR_PATTERN, LIST_ORDERS, ListOrder } from '@houqin/projection-store';
import { MaxTextLength, OptionalField, PageLimit, ZhLabel } from '@houqin/platform';
export { NestedObject } from '@houqin/platform';
import { RunResult } from '@houqin/event-store';

/** Decorators and answers shared by the dormitory and greening routes. */

const INSTANT_PATTERN = '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?(Z|[+-]\\d{2}:\\d{2})$';

/** 补录: when the fact happened, if earlier than now (the runner refuses the future and a past school year; late ones are marked). */
export const BusinessTime = (whatZh: string) =>
  applyDecorators(
    ApiPropertyOptional({ description: `When it happened, for a late entry (补录); default now / ${whatZh}时间`, type: 'string', format: 'date-time', pattern: INSTANT_PATTERN, maxLength: 40, example: '2026-11-24T08:00:00+08:00' }),
    ZhLabel(`${whatZh}时间`),
    OptionalField(),
    IsString(),
    Matches(new RegExp(INSTANT_PATTERN)),
    IsISO8601({ strict: true }),
  );

/** A required text field of 1..max characters. */
export const Text = (description: string, zh: string, max: number, example?: string) =>
  applyDecorators(ApiProperty({ description: `${description} / ${zh}`, minLength: 1, maxLength: max, example }), ZhLabel(zh), IsString(), IsNotEmpty(), MaxTextLength(max));

/** An optional text field of at most max characters. */
export const OptionalText = (description: string, zh: string, max: number) =>
  applyDecorators(ApiPropertyOptional({ description: `${description} / ${zh}`, maxLength: max }), ZhLabel(zh), OptionalField(), IsString(), MaxTextLength(max));

const booleanText = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

/** A boolean query filter: a query parameter is text, so the document lists the two texts it takes. */
export const BooleanFilter = (description: string, zh: string) =>
  applyDecorators(ApiPropertyOptional({ type: 'string', enum: ['true', 'false'], description: `${description} / ${zh}` }), ZhLabel(zh), OptionalField(), Transform(booleanText), IsBoolean());

const SCHOOL_ID = /^[A-Za-z0-9-]{1,64}$/;

/** The `schoolId` filter of a list (bureau only; a school role always sees its own school). */
export const SchoolFilter = (description: string) =>
  applyDecorators(ApiPropertyOptional({ description: `${description} / 学校`, pattern: SCHOOL_ID.source, minLength: 1, maxLength: 64 }), ZhLabel('学校'), OptionalField(), IsString(), Matches(SCHOOL_ID));

const CONSISTENT_WITH_PATTERN = /^[0-9]{1,18}$/;

/** Read-your-writes: a read waits for a command's position. */
export class ConsistentWithQuery {
  @ApiPropertyOptional({ description: "Read-your-writes: a command's `position` (503 with Retry-After while the list is behind) / 读己之写的同步位置", pattern: CONSISTENT_WITH_PATTERN.source, maxLength: 18, example: '1042' })
  @ZhLabel('同步位置')
  @OptionalField()
  @IsString()
  @Matches(CONSISTENT_WITH_PATTERN)
  consistentWith?: string;
}

/** Order, limit, cursor and read-your-writes: what every list of these routes takes. */
export class PageQuery extends ConsistentWithQuery {
  @ApiPropertyOptional({ enum: LIST_ORDERS, default: 'asc', description: 'Order / 顺序' })
  @ZhLabel('顺序')
  @OptionalField()
  @IsIn(LIST_ORDERS)
  order?: ListOrder;

  @PageLimit(200)
  limit?: number;

  @ApiPropertyOptional({ description: "The previous page's nextCursor (same sort and order) / 翻页游标", pattern: KEYSET_CURSOR_PATTERN.source, maxLength: KEYSET_CURSOR_MAX_LENGTH })
  @ZhLabel('翻页游标')
  @OptionalField()
  @IsString()
  @Matches(KEYSET_CURSOR_PATTERN)
  cursor?: string;

  @ApiPropertyOptional({ description: 'Search the name / 搜索', maxLength: 50 })
  @ZhLabel('搜索')
  @OptionalField()
  @IsString()
  @MaxTextLength(50)
  q?: string;
}

export class AcceptedDto {
  @ApiProperty({ description: 'The aggregate id / 编号' }) id: string;
  @ApiProperty({ description: 'Stream version after the command (use as If-Match)' }) version: number;
  @ApiPropertyOptional({ description: 'Read-your-writes: pass as `consistentWith` to a list read right after', example: '1042' }) position?: string;
  @ApiProperty({ description: 'Events appended' }) events: { eventId: string; type: string; streamVersion: number; globalPosition: string }[];
}

export const acceptedAs = (result: RunResult): AcceptedDto => result;

/** Sets a response header on Express or Fastify replies. */
export interface HeaderSink {
  setHeader?(name: string, value: string): unknown;
  header?(name: string, value: string): unknown;
}
export const headerSetter = (res: HeaderSink) => ({ header: (name: string, value: string) => (res.setHeader ? res.setHeader(name, value) : res.header?.(name, value)) });
