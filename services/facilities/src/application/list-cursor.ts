/**
 * The keyset cursor of the work-order list: where the last page ended, in the order it was
 * sorted. Opaque to clients (its form may change), but written as text a pattern describes
 * exactly, so that anything the published pattern admits is a cursor the list can use:
 *   <sort r|p|s><order a|d><rank 0-9>.<reportedAt in µs since 1970>.<work order id>
 * Rows are compared as (rank, reported_at, id), so a page never repeats or skips a row
 * whose sort values did not change, whatever is inserted meanwhile.
 */
export const LIST_SORTS = ['reportedAt', 'priority', 'status'] as const;
export type ListSort = (typeof LIST_SORTS)[number];
export const LIST_ORDERS = ['asc', 'desc'] as const;
export type ListOrder = (typeof LIST_ORDERS)[number];

export const CURSOR_PATTERN = /^[rps][ad][0-9]\.[0-9]{1,16}\.[A-Za-z0-9-]{1,64}$/;
export const CURSOR_MAX_LENGTH = 85;

export interface ListCursor {
  sort: ListSort;
  order: ListOrder;
  rank: number;
  /** reported_at in microseconds since 1970, as text (exact beyond 2^53). */
  reportedAtUs: string;
  id: string;
}

const SORT_CODE: Record<ListSort, string> = { reportedAt: 'r', priority: 'p', status: 's' };
const CODE_SORT = { r: 'reportedAt', p: 'priority', s: 'status' } as const;

export const encodeCursor = (c: ListCursor): string => `${SORT_CODE[c.sort]}${c.order[0]}${c.rank}.${c.reportedAtUs}.${c.id}`;

/** Undefined when the text is not a cursor (the DTO's pattern refuses it first). */
export function decodeCursor(text: string): ListCursor | undefined {
  if (!CURSOR_PATTERN.test(text)) return undefined;
  const [head, reportedAtUs, id] = text.split('.');
  return { sort: CODE_SORT[head[0] as 'r' | 'p' | 's'], order: head[1] === 'a' ? 'asc' : 'desc', rank: Number(head[2]), reportedAtUs, id };
}
