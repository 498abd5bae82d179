import { BadRequestException } from '@nestjs/common';
import { decodeKeysetCursor, encodeKeysetCursor, KeysetCursor, ListOrder } from './list-cursor';
import { likePattern, queryGrams } from './search-text';

/**
 * A list read from a query table: filters → WHERE with parameters, a sort (its columns, then the id as the
 * tiebreak), keyset paging (limit + 1 rows tell whether a next page exists; its cursor is the last row's
 * sort values and id), and search on the `search_text` / `search_grams` columns that `searchColumns()` fills.
 *
 *   export const assetList = keysetList({
 *     table: 'asset_list', id: 'asset_id', select: ['doc', 'version'],
 *     sorts: { registeredAt: [['registered_at', 'timestamptz']], name: [['name', 'text']] },
 *   });
 *   const page = await assetList.page<{ doc: Asset; version: number }>(pool, {
 *     equal: { school_id: schoolId, category },            // undefined values are left out
 *     range: { registered_at: { type: 'timestamptz', from, to } }, // from ≤ column < to
 *     where: [(p) => (lowStock ? `quantity < ${p(10)}` : undefined)], // anything else, values through p()
 *     q, sort: 'name', order: 'asc', limit: 50, cursor,   // cursor: the client's text, checked here (400)
 *   });
 *   // → { rows, nextCursor? }
 *
 * Sort columns must be NOT NULL (a keyset cannot step over NULLs): use a coalesced column in the table.
 * Every sort column and the id should have an index in the sort's order (`(school_id, col, id)`), and
 * `search_grams` a GIN index. Cursor text: see list-cursor.ts; the DTO field checks `KEYSET_CURSOR_PATTERN`.
 */
export type ColumnType = 'timestamptz' | 'date' | 'text' | 'uuid' | 'smallint' | 'integer' | 'bigint' | 'numeric';
export type SortKey = readonly [column: string, type: ColumnType];

export interface KeysetListDefinition<S extends string> {
  table: string;
  /** The unique key, the last tiebreak of every sort. */
  id: string;
  idType?: 'text' | 'uuid' | 'bigint';
  /** What a page returns of each row: columns or `expression AS name`. */
  select: readonly string[];
  /** Each sort: its NOT NULL columns in order of significance (the id follows). */
  sorts: Readonly<Record<S, readonly SortKey[]>>;
  /** The columns `searchColumns()` fills; default `search_text`, `search_grams`. */
  search?: { text: string; grams: string };
}

/** Binds a value as the next parameter, answering its placeholder (`$3`). */
export type Param = (value: unknown) => string;

export interface ListPageRequest<S extends string> {
  /** column = value; undefined values are skipped. */
  equal?: Record<string, unknown>;
  /** from ≤ column < to, each end optional. */
  range?: Record<string, { type: ColumnType; from?: string | number; to?: string | number }>;
  /** Any other condition, or undefined to skip it. */
  where?: ((param: Param) => string | undefined)[];
  /** Free text: rows whose search text contains it (case and full-width ignored). */
  q?: string;
  sort: S;
  order: ListOrder;
  limit: number;
  /** The previous page's nextCursor, as the client sent it. */
  cursor?: string;
}

export interface ListPage<R> {
  rows: R[];
  /** Absent on the last page. */
  nextCursor?: string;
}

/** The node-pg subset a list needs (a Pool, a client, `pgPoolOf(dataSource)`). */
export interface ListDb {
  query<R>(text: string, values?: unknown[]): Promise<{ rows: R[] }>;
}

export interface KeysetList<S extends string> {
  readonly sorts: readonly S[];
  /** The SQL of one page (for tests and EXPLAIN). */
  sql(request: ListPageRequest<S>): { text: string; values: unknown[] };
  page<R extends object>(db: ListDb, request: ListPageRequest<S>): Promise<ListPage<R>>;
}

const KEY = '__key';

export function keysetList<S extends string>(definition: KeysetListDefinition<S>): KeysetList<S> {
  const { table, id, idType = 'text', select, sorts } = definition;
  const search = definition.search ?? { text: 'search_text', grams: 'search_grams' };
  const keysOf = (sort: S): readonly SortKey[] => [...sorts[sort], [id, idType]];

  function sql(request: ListPageRequest<S>) {
    const values: unknown[] = [];
    const param: Param = (value) => `$${values.push(value)}`;
    const where: string[] = [];
    for (const [column, value] of Object.entries(request.equal ?? {})) if (value !== undefined) where.push(`${column} = ${param(value)}`);
    for (const [column, { type, from, to }] of Object.entries(request.range ?? {})) {
      if (from !== undefined) where.push(`${column} >= ${param(from)}::${type}`);
      if (to !== undefined) where.push(`${column} < ${param(to)}::${type}`);
    }
    for (const condition of request.where ?? []) {
      const text = condition(param);
      if (text) where.push(`(${text})`);
    }
    const grams = request.q === undefined ? undefined : queryGrams(request.q);
    if (grams) where.push(`${search.grams} @> ${param(grams.grams)}::text[] AND ${search.text} LIKE ${param(likePattern(grams.text))}`);

    const keys = keysOf(request.sort);
    const cursor = request.cursor === undefined ? undefined : checkedCursor(request.cursor, request, keys);
    if (cursor) {
      const after = keys.map(([, type], i) => boundOf(type, param(cursor.values[i])));
      where.push(`(${keys.map(([c]) => c).join(', ')}) ${request.order === 'asc' ? '>' : '<'} (${after.join(', ')})`);
    }
    const direction = request.order === 'asc' ? 'ASC' : 'DESC';
    const text = `SELECT ${[...select, ...keys.map(([c, type], i) => `${keyText(c, type)} AS ${KEY}${i}`)].join(', ')}
        FROM ${table}
        ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY ${keys.map(([c]) => `${c} ${direction}`).join(', ')}
        LIMIT ${param(request.limit + 1)}`;
    return { text, values };
  }

  return {
    sorts: Object.keys(sorts) as S[],
    sql,
    async page<R extends object>(db: ListDb, request: ListPageRequest<S>): Promise<ListPage<R>> {
      const { text, values } = sql(request);
      const { rows } = await db.query<Record<string, unknown>>(text, values);
      const page = rows.slice(0, request.limit);
      const keyCount = keysOf(request.sort).length;
      const last = page[page.length - 1];
      const nextCursor =
        rows.length > request.limit
          ? encodeKeysetCursor({ sort: request.sort, order: request.order, values: Array.from({ length: keyCount }, (_, i) => String(last[`${KEY}${i}`])) })
          : undefined;
      return { rows: page.map((row) => withoutKeys(row) as R), ...(nextCursor ? { nextCursor } : {}) };
    },
  };
}

/** A key's value as exact text: timestamps in µs since 1970 (a JS Date would lose the microseconds). */
const keyText = (column: string, type: ColumnType) => (type === 'timestamptz' ? `(extract(epoch FROM ${column}) * 1000000)::bigint::text` : `${column}::text`);
const boundOf = (type: ColumnType, placeholder: string) =>
  type === 'timestamptz' ? `(timestamptz 'epoch' + ${placeholder}::bigint * interval '1 microsecond')` : `${placeholder}::${type}`;

function withoutKeys(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) if (!k.startsWith(KEY)) out[k] = v;
  return out;
}

const INTEGER_RANGE: Partial<Record<ColumnType, bigint>> = { smallint: 32767n, integer: 2147483647n, bigint: 9223372036854775807n, timestamptz: 9223372036854775807n };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether a cursor value is one PostgreSQL takes as the column's type (a forged cursor answers 400, not 500). */
function fits(type: ColumnType, value: string): boolean {
  const limit = INTEGER_RANGE[type];
  if (limit !== undefined) return /^-?\d{1,19}$/.test(value) && BigInt(value) <= limit && BigInt(value) >= -limit - 1n;
  if (type === 'numeric') return /^-?\d{1,30}(\.\d{1,30})?$/.test(value);
  if (type === 'date') return /^\d{4}-\d{2}-\d{2}$/.test(value) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);
  if (type === 'uuid') return UUID.test(value);
  return true;
}

function checkedCursor<S extends string>(text: string, request: ListPageRequest<S>, keys: readonly SortKey[]): KeysetCursor {
  const cursor = decodeKeysetCursor(text);
  if (cursor && (cursor.sort !== request.sort || cursor.order !== request.order)) {
    throw cursorError('cursorSort', 'This cursor belongs to another sort or order; start from the first page', '翻页游标与当前排序不一致，请从第一页重新查询');
  }
  if (!cursor || cursor.values.length !== keys.length || !keys.every(([, type], i) => fits(type, cursor.values[i]))) {
    throw cursorError('cursor', 'This is not a cursor of this list; start from the first page', '翻页游标无效，请从第一页重新查询');
  }
  return cursor;
}

const cursorError = (constraint: string, message: string, messageZh: string) =>
  new BadRequestException({ message, messageZh, errors: [{ field: 'cursor', constraint, message, messageZh }] });
