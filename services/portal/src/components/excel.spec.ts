import { exportStamp, readAllPages, sheetOf } from './excel';

/** A list of `total` numbers served `size` at a time with a cursor, as the services page their read models. */
const pagesOf = (total: number, size: number) => {
  const asked: (string | undefined)[] = [];
  const page = async (cursor?: string) => {
    asked.push(cursor);
    const from = cursor ? Number(cursor) : 0;
    const items = Array.from({ length: Math.max(0, Math.min(size, total - from)) }, (_, i) => from + i);
    return from + size < total ? { items, nextCursor: String(from + size) } : { items };
  };
  return { page, asked };
};

describe('an export of a paged list', () => {
  it('reads every page under the filter, passing each cursor back', async () => {
    const { page, asked } = pagesOf(450, 200);
    const { rows, capped } = await readAllPages(page);
    expect(rows).toHaveLength(450);
    expect(rows[449]).toBe(449);
    expect(asked).toEqual([undefined, '200', '400']);
    expect(capped).toBe(false);
  });

  it('stops at the cap and says so', async () => {
    const { page, asked } = pagesOf(1_000, 200);
    const { rows, capped } = await readAllPages(page, 500);
    expect(rows).toHaveLength(500);
    expect(capped).toBe(true);
    expect(asked).toHaveLength(3);
  });

  it('reads an empty list as no rows, not capped', async () => {
    expect(await readAllPages(pagesOf(0, 200).page)).toEqual({ rows: [], capped: false });
  });
});

describe('a sheet', () => {
  it('reads its cells from the rows, empty for a missing value, and keeps the name within Excel’s 31 characters', () => {
    const sheet = sheetOf('工单'.repeat(20), [{ header: '标题', value: (r: { t?: string }) => r.t ?? null }, { header: '数', value: () => 1, width: 8 }], [{ t: '灯管' }, {}]);
    expect(sheet.name).toHaveLength(31);
    expect(sheet.columns).toEqual([{ header: '标题', width: 10 }, { header: '数', width: 8 }]);
    expect(sheet.cells).toEqual([['灯管', 1], ['', 1]]);
  });

  it('is named by the Beijing day', () => {
    expect(exportStamp(Date.parse('2026-11-30T16:30:00Z'))).toBe('20261201');
  });
});
