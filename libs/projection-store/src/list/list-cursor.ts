/**
 * The keyset cursor of a list: the sort and order it belongs to, and the sort values and id of the
 * last row of the page, so the next page starts strictly after it (never repeating or skipping a row
 * whose sort values did not change, whatever is inserted meanwhile). Opaque to clients, but written as
 * text a published pattern describes: `<sort>.<asc|desc>.<base64url of the JSON array of values, id last>`.
 */
export const LIST_ORDERS = ['asc', 'desc'] as const;
export type ListOrder = (typeof LIST_ORDERS)[number];

export const KEYSET_CURSOR_MAX_LENGTH = 600;
export const KEYSET_CURSOR_PATTERN = /^[A-Za-z][A-Za-z0-9]{0,31}\.(asc|desc)\.[A-Za-z0-9_-]{2,560}$/;

export interface KeysetCursor {
  sort: string;
  order: ListOrder;
  /** The sort columns' values as text (timestamps in µs since 1970), then the id. */
  values: string[];
}

export const encodeKeysetCursor = ({ sort, order, values }: KeysetCursor): string =>
  `${sort}.${order}.${Buffer.from(JSON.stringify(values), 'utf8').toString('base64url')}`;

/** Undefined when the text is not a cursor (the DTO's pattern refuses most of those first). */
export function decodeKeysetCursor(text: string): KeysetCursor | undefined {
  if (!KEYSET_CURSOR_PATTERN.test(text)) return undefined;
  const [sort, order, packed] = text.split('.');
  try {
    const values: unknown = JSON.parse(Buffer.from(packed, 'base64url').toString('utf8'));
    if (!Array.isArray(values) || values.length < 1 || !values.every((v) => typeof v === 'string' && v.length <= 200)) return undefined;
    return { sort, order: order as ListOrder, values };
  } catch {
    return undefined;
  }
}
