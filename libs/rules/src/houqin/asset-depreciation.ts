import { isBeijingDate } from '../instant';

/**
 * Straight-line depreciation (年限平均法) of a public-sector fixed asset, exact in fen:
 * monthly, no residual value (准则3号: 按月计提, 不考虑预计净残值), the first month being the one after the
 * purchase month (次月起计提, as chinaacc.com's reading of 准则3号 and the platform brief have it; see the report:
 * another reading of 准则3号 第十七条 starts in the purchase month, which would be `firstMonthOffset: 0`).
 * Each month's charge is booked on its last day. After n of N months the accumulated depreciation is
 * floor(price × n / N): charges differ by at most one fen and sum exactly to the price at the end of life.
 */
export interface DepreciationInput {
  priceFen: number;
  /** Beijing day of purchase (YYYY-MM-DD). */
  purchaseDate: string;
  /** null or undefined: not depreciated (land, relics, books). */
  usefulLifeYears?: number | null;
}

export interface BookValue {
  /** Months charged by the day (0..N). */
  monthsCharged: number;
  accumulatedFen: number;
  netBookValueFen: number;
  /** true once every month of the life is charged (net value 0). */
  fullyDepreciated: boolean;
}

const FIRST_MONTH_OFFSET = 1;

/** Net book value at the end of a Beijing day `on` (YYYY-MM-DD). */
export function bookValueOn(asset: DepreciationInput, on: string): BookValue {
  if (!isBeijingDate(asset.purchaseDate) || !isBeijingDate(on)) throw new Error(`Not a calendar day: ${asset.purchaseDate} / ${on}`);
  const price = asset.priceFen;
  const life = asset.usefulLifeYears;
  if (!life) return { monthsCharged: 0, accumulatedFen: 0, netBookValueFen: price, fullyDepreciated: false };
  const total = life * 12;
  const charged = Math.min(total, Math.max(0, monthsChargedBy(asset.purchaseDate, on)));
  const accumulatedFen = accumulated(price, charged, total);
  return { monthsCharged: charged, accumulatedFen, netBookValueFen: price - accumulatedFen, fullyDepreciated: charged === total };
}

export const netBookValueOn = (asset: DepreciationInput, on: string): number => bookValueOn(asset, on).netBookValueFen;

/** Months whose last day is on or before `on`, counting from the month after purchase. */
function monthsChargedBy(purchaseDate: string, on: string): number {
  const [py, pm] = parts(purchaseDate);
  const [y, m, d] = parts(on);
  const monthIndex = y * 12 + (m - 1);
  const firstIndex = py * 12 + (pm - 1) + FIRST_MONTH_OFFSET;
  // The month of `on` is charged only on its last day.
  const lastComplete = d === daysInMonth(y, m) ? monthIndex : monthIndex - 1;
  return lastComplete - firstIndex + 1;
}

/** floor(price × n / total) without leaving safe integers: price ≤ 1e12 fen and n ≤ 1200 keep the product < 2^53. */
function accumulated(price: number, n: number, total: number): number {
  if (n <= 0) return 0;
  if (n >= total) return price;
  const product = price * n;
  if (!Number.isSafeInteger(product)) return Number((BigInt(price) * BigInt(n)) / BigInt(total));
  return Math.floor(product / total);
}

const parts = (date: string): [number, number, number] => {
  const [y, m, d] = date.slice(0, 10).split('-').map(Number);
  return [y, m, d];
};

const daysInMonth = (y: number, m: number): number => (m === 2 ? (isLeap(y) ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31);
const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
