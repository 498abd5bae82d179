import { gramsOf, likePattern, queryGrams, searchColumns } from './search-text';

describe('search grams', () => {
  it('indexes every character and pair, so a 1- or 2-character Chinese query has its gram', () => {
    expect(gramsOf('灯管不亮').sort()).toEqual(['不', '不亮', '亮', '灯', '灯管', '管', '管不'].sort());
    expect(queryGrams('灯管')).toEqual({ text: '灯管', grams: ['灯管'] });
    expect(queryGrams('灯')).toEqual({ text: '灯', grams: ['灯'] });
    expect(queryGrams('三楼灯管')?.grams).toEqual(['三楼', '楼灯', '灯管']);
  });

  it('normalizes full-width letters, case and white space alike on both sides', () => {
    expect(queryGrams(' ＬＥＤ  灯 ')).toEqual({ text: 'led 灯', grams: ['le', 'ed', 'd ', ' 灯'] });
    expect(searchColumns(['ＬＥＤ 灯', undefined, '302']).text).toBe('led 灯\n302');
    expect(queryGrams('   ')).toBeUndefined();
  });

  it('takes LIKE wildcards in a query literally', () => {
    expect(likePattern('100%_\\')).toBe('%100\\%\\_\\\\%');
  });
});
