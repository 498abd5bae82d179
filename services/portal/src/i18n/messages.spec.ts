import { en } from './en';
import { MESSAGES, translate } from './messages';
import { zhCN } from './zh-CN';

describe('the resource files', () => {
  it('have the same keys and the same placeholders in both languages', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zhCN).sort());
    const holes = (text: string) => (text.match(/\{\w+\}/g) ?? []).sort();
    for (const key of Object.keys(zhCN) as (keyof typeof zhCN)[]) expect([key, holes(en[key])]).toEqual([key, holes(zhCN[key])]);
  });

  it('fill in placeholders', () => {
    expect(translate('zh-CN', 'dash.freshness', { time: '2026-11-30 08:00' })).toBe('数据截至 2026-11-30 08:00');
    expect(translate('en', 'error.other', { status: 418 })).toBe('The request failed (418).');
    expect(Object.keys(MESSAGES)).toEqual(['zh-CN', 'en']);
  });

  it('write every Chinese text in Chinese', () => {
    const latinOnly = Object.entries(zhCN).filter(([, text]) => !/[\u4e00-\u9fff—]/.test(text));
    expect(latinOnly.map(([key]) => key)).toEqual(['app.language']);
  });
});
