import { BadRequestException } from '@nestjs/common';
import { keysetList } from './keyset-list';
import { decodeKeysetCursor, encodeKeysetCursor } from './list-cursor';

const list = keysetList({
  table: 'thing_list',
  id: 'thing_id',
  select: ['doc'],
  sorts: { createdAt: [['created_at', 'timestamptz']], rank: [['rank', 'smallint'], ['created_at', 'timestamptz']] },
});

describe('keyset list', () => {
  it('turns filters into parameters, skipping undefined ones, and asks one row more than the page', () => {
    const { text, values } = list.sql({
      equal: { school_id: 'S1', status: undefined },
      range: { created_at: { type: 'timestamptz', from: '2026-09-01T00:00:00+08:00' } },
      where: [(p) => `amount > ${p(5)}`, () => undefined],
      q: '灯管',
      sort: 'createdAt',
      order: 'desc',
      limit: 20,
    });
    expect(text.replace(/\s+/g, ' ')).toContain(
      'WHERE school_id = $1 AND created_at >= $2::timestamptz AND (amount > $3) AND search_grams @> $4::text[] AND search_text LIKE $5 ORDER BY created_at DESC, thing_id DESC LIMIT $6',
    );
    expect(values).toEqual(['S1', '2026-09-01T00:00:00+08:00', 5, ['灯管'], '%灯管%', 21]);
  });

  it('starts after the cursor on the sort columns and the id, in the order of the sort', () => {
    const cursor = encodeKeysetCursor({ sort: 'rank', order: 'asc', values: ['2', '1764489600123456', 't-9'] });
    const { text, values } = list.sql({ sort: 'rank', order: 'asc', limit: 2, cursor });
    expect(text.replace(/\s+/g, ' ')).toContain(
      "WHERE (rank, created_at, thing_id) > ($1::smallint, (timestamptz 'epoch' + $2::bigint * interval '1 microsecond'), $3::text) ORDER BY rank ASC, created_at ASC, thing_id ASC",
    );
    expect(values).toEqual(['2', '1764489600123456', 't-9', 3]);
  });

  it('pages with limit + 1: a next cursor only when a row is left, made of the last row shown', async () => {
    const rows = [1, 2, 3].map((n) => ({ doc: { n }, __key0: `${n}00`, __key1: `t-${n}` }));
    const db = { query: async <R>() => ({ rows: rows as R[] }) };
    const page = await list.page<{ doc: { n: number } }>(db, { sort: 'createdAt', order: 'desc', limit: 2 });
    expect(page.rows).toEqual([{ doc: { n: 1 } }, { doc: { n: 2 } }]);
    expect(decodeKeysetCursor(page.nextCursor ?? '')).toEqual({ sort: 'createdAt', order: 'desc', values: ['200', 't-2'] });
    expect((await list.page(db, { sort: 'createdAt', order: 'desc', limit: 3 })).nextCursor).toBeUndefined();
  });

  it('refuses (400 naming cursor) a cursor of another sort, or one whose values do not fit the columns', () => {
    const other = encodeKeysetCursor({ sort: 'createdAt', order: 'desc', values: ['1', 'x'] });
    expect(() => list.sql({ sort: 'rank', order: 'desc', limit: 2, cursor: other })).toThrow(BadRequestException);
    const forged = encodeKeysetCursor({ sort: 'rank', order: 'desc', values: ['99999', '1', 'x'] }); // beyond smallint
    expect(() => list.sql({ sort: 'rank', order: 'desc', limit: 2, cursor: forged })).toThrow(/not a cursor/);
    expect(() => list.sql({ sort: 'rank', order: 'desc', limit: 2, cursor: 'rank.desc.!!' })).toThrow(/not a cursor/);
  });

  it('round-trips a cursor, and refuses text that is not one', () => {
    const cursor = { sort: 'priority', order: 'asc' as const, values: ['3', '1764489600123456', '3b4f0c1e-0000-4000-8000-000000000001'] };
    expect(decodeKeysetCursor(encodeKeysetCursor(cursor))).toEqual(cursor);
    expect(decodeKeysetCursor('not-a-cursor')).toBeUndefined();
    expect(decodeKeysetCursor('rank.asc.bm90anNvbg')).toBeUndefined(); // not JSON
  });
});
