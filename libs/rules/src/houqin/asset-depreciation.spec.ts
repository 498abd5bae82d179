import { ASSET_CATEGORIES } from '@houqin/contracts';
import { ASSET_USEFUL_LIVES } from './asset-lives';
import { bookValueOn, cohortValueOn, depreciationCohortOf, netBookValueOn } from './asset-depreciation';

// A desktop computer: ¥6,000.00 over 6 years = 72 months of ¥83.33⅓.
const computer = { priceFen: 600_000, purchaseDate: '2024-01-15', usefulLifeYears: 6 };

describe('straight-line depreciation (政府会计准则第3号: monthly, no residual value)', () => {
  it('charges nothing in the purchase month, nor in the first month until its last day', () => {
    expect(netBookValueOn(computer, '2024-01-31')).toBe(600_000);
    expect(netBookValueOn(computer, '2024-02-28')).toBe(600_000);
  });

  it('books the first month on its last day, 29 February in a leap year', () => {
    expect(bookValueOn(computer, '2024-02-29')).toEqual({ monthsCharged: 1, accumulatedFen: 8_333, netBookValueFen: 591_667, fullyDepreciated: false });
  });

  it('books February on the 28th in a common year', () => {
    const bought = { ...computer, purchaseDate: '2025-01-31' };
    expect(netBookValueOn(bought, '2025-02-27')).toBe(600_000);
    expect(netBookValueOn(bought, '2025-02-28')).toBe(591_667);
  });

  it('is exact in fen: floor(price / N) a month, the last month takes the rest (尾差)', () => {
    expect(bookValueOn(computer, '2024-04-30').accumulatedFen).toBe(24_999); // 3 × 8,333
    expect(bookValueOn(computer, '2024-05-15').accumulatedFen).toBe(24_999);
    expect(bookValueOn(computer, '2024-12-31')).toMatchObject({ monthsCharged: 11, accumulatedFen: 91_663, netBookValueFen: 508_337 });
  });

  it('reaches exactly 0 at the end of life and never goes negative', () => {
    // 72 months: February 2024 … January 2030.
    expect(bookValueOn(computer, '2029-12-31')).toMatchObject({ monthsCharged: 71, netBookValueFen: 600_000 - 71 * 8_333 }); // 8,357: the last month's charge
    expect(bookValueOn(computer, '2030-01-31')).toEqual({ monthsCharged: 72, accumulatedFen: 600_000, netBookValueFen: 0, fullyDepreciated: true });
    expect(netBookValueOn(computer, '2045-06-30')).toBe(0);
  });

  it('is the full price before the purchase', () => {
    expect(netBookValueOn(computer, '2023-12-31')).toBe(600_000);
  });

  it('does not depreciate a category without a life (land, relics, books)', () => {
    expect(netBookValueOn({ priceFen: 12_345, purchaseDate: '2010-09-01', usefulLifeYears: null }, '2030-01-01')).toBe(12_345);
  });

  it('handles a 50-year building of ¥100 million without leaving exact integers', () => {
    const building = { priceFen: 10_000_000_000, purchaseDate: '2000-06-10', usefulLifeYears: 50 };
    expect(bookValueOn(building, '2025-06-30')).toMatchObject({ monthsCharged: 300, netBookValueFen: 10_000_000_000 - 300 * 16_666_666 });
  });

  it('refuses a malformed day', () => {
    expect(() => netBookValueOn(computer, '2024-02-30x')).toThrow();
  });

  it('adds up over a cohort from two sums: the cohort value equals the sum of its assets', () => {
    const prices = [600_000, 450_001, 1_299_999, 7];
    const assets = prices.map((priceFen) => ({ ...computer, priceFen }));
    const cohort = depreciationCohortOf(computer);
    expect(cohort).toEqual({ firstMonth: '2024-02', lifeMonths: 72, monthlyFen: 8_333 });
    const sums = { ...cohort, priceFen: prices.reduce((a, b) => a + b), monthlyFen: assets.reduce((t, a) => t + depreciationCohortOf(a).monthlyFen, 0) };
    for (const day of ['2024-01-31', '2024-02-29', '2026-11-24', '2030-01-30', '2030-01-31', '2031-05-01']) {
      expect(cohortValueOn(sums, day).netBookValueFen).toBe(assets.reduce((t, a) => t + netBookValueOn(a, day), 0));
    }
  });

  it('starts the month after a December purchase in January', () => {
    expect(depreciationCohortOf({ ...computer, purchaseDate: '2025-12-31' }).firstMonth).toBe('2026-01');
  });

  it('has a life (or none) for every ledger category', () => {
    expect(Object.keys(ASSET_USEFUL_LIVES).sort()).toEqual(ASSET_CATEGORIES.map((c) => c.code).sort());
    expect(ASSET_USEFUL_LIVES['1010000']).toBeNull();
    expect(ASSET_USEFUL_LIVES['2010104']).toBe(6);
    expect(ASSET_USEFUL_LIVES['6010000']).toBe(15);
  });
});
