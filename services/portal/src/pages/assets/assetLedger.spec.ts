import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MESSAGES } from '../../i18n/messages';
import { ASSET_CATEGORY_CODES, categoryKey, fenOf, tenThousandYuan, yuan, YUAN_PATTERN } from './assetLedger';

describe('asset ledger money and labels', () => {
  it('reads yuan as typed into exact fen, without float multiplication', () => {
    expect(fenOf('4500.50')).toBe(450_050);
    expect(fenOf('0.07')).toBe(7);
    expect(fenOf('1234567.8')).toBe(123_456_780);
    expect(fenOf('19.99')).toBe(1_999); // 19.99 * 100 is 1998.9999999999998 in floats
    expect(['12', '12.3', '12.34'].every((v) => YUAN_PATTERN.test(v))).toBe(true);
    expect(['12.345', '-1', '1e3', '', '１２'].some((v) => YUAN_PATTERN.test(v))).toBe(false);
  });

  it('shows fen as yuan with two decimals and thousands separators', () => {
    expect(yuan(450_050)).toBe('4,500.50');
    expect(yuan(7)).toBe('0.07');
    expect(yuan(0)).toBe('0.00');
    expect(yuan(undefined)).toBe('—');
    expect(tenThousandYuan(48_600_000)).toBe(48.6);
  });

  it('lists the same categories as the facilities contract', () => {
    const contract = readFileSync(join(__dirname, '../../../../../libs/contracts/src/facilities/asset-categories.ts'), 'utf8');
    expect([...ASSET_CATEGORY_CODES].sort()).toEqual([...contract.matchAll(/code: '(\d{7})'/g)].map((m) => m[1]).sort());
  });

  it('has a zh-CN and an English label for every category', () => {
    for (const code of ASSET_CATEGORY_CODES) {
      expect(MESSAGES['zh-CN'][categoryKey(code)]).toBeTruthy();
      expect(MESSAGES.en[categoryKey(code)]).toBeTruthy();
    }
  });
});
