import { isBeijingDate } from '../instant';

/**
 * Straight-line depreciation (年限平均法) of a public-sector fixed asset, exact in fen:
 * monthly, no residual value (准则3号: 按月计提, 不考虑预计净残值), the first month being the one after the
 * purchase month (次月起计提, as chinaacc.com's reading of 准则3号 and the platform brief have it; another
 * reading of 准则3号 第十七条 starts in the purchase month: FIRST_MONTH_OFFSET 0).
 * Each month's charge is booked on its last day: floor(price / N) fen a month, and the last month takes what
 * is left (尾差倒挤), so the charges sum exactly to the price and the net value never goes below 0.
 * Being linear in the months charged, the values of many assets of one cohort (same first month and life)
 * add up from two sums: Σ price and Σ monthly charge (what the bureau's figure keeps).
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

/** The depreciation cohort of an asset: first charged month (YYYY-MM), life in months (0: not depreciated), monthly charge. */
export interface DepreciationCohort {
  firstMonth: string;
  lifeMonths: number;
  monthlyFen: number;
}

const FIRST_MONTH_OFFSET = 1;

export function depreciationCohortOf(asset: DepreciationInput): DepreciationCohort {
  assertDay(asset.purchaseDate);
  const [y, m] = parts(asset.purchaseDate);
  const first = y * 12 + (m - 1) + FIRST_MONTH_OFFSET;
  const lifeMonths = asset.usefulLifeYears ? asset.usefulLifeYears * 12 : 0;
  return { firstMonth: monthText(first), lifeMonths, monthlyFen: lifeMonths ? Math.floor(asset.priceFen / lifeMonths) : 0 };
}

/** Net book value at the end of a Beijing day `on` (YYYY-MM-DD). */
export function bookValueOn(asset: DepreciationInput, on: string): BookValue {
  const cohort = depreciationCohortOf(asset);
  return cohortValueOn({ ...cohort, priceFen: asset.priceFen }, on);
}

export const netBookValueOn = (asset: DepreciationInput, on: string): number => bookValueOn(asset, on).netBookValueFen;

/** The value of one asset, or of a cohort's sums (Σ price, Σ monthly charge), at the end of a day. */
export function cohortValueOn(cohort: DepreciationCohort & { priceFen: number }, on: string): BookValue {
  assertDay(on);
  const { priceFen, lifeMonths, monthlyFen } = cohort;
  if (!lifeMonths) return { monthsCharged: 0, accumulatedFen: 0, netBookValueFen: priceFen, fullyDepreciated: false };
  const charged = Math.min(lifeMonths, Math.max(0, monthsChargedBy(cohort.firstMonth, on)));
  const accumulatedFen = charged === lifeMonths ? priceFen : charged * monthlyFen;
  return { monthsCharged: charged, accumulatedFen, netBookValueFen: priceFen - accumulatedFen, fullyDepreciated: charged === lifeMonths };
}

/** Months from `firstMonth` (YYYY-MM) whose last day is on or before `on`. */
function monthsChargedBy(firstMonth: string, on: string): number {
  const [fy, fm] = firstMonth.split('-').map(Number);
  const [y, m, d] = parts(on);
  const monthIndex = y * 12 + (m - 1);
  // The month of `on` is charged only on its last day.
  const lastComplete = d === daysInMonth(y, m) ? monthIndex : monthIndex - 1;
  return lastComplete - (fy * 12 + (fm - 1)) + 1;
}

function assertDay(day: string): void {
  if (!isBeijingDate(day)) throw new Error(`Not a calendar day: ${day}`);
}

const parts = (date: string): [number, number, number] => {
  const [y, m, d] = date.slice(0, 10).split('-').map(Number);
  return [y, m, d];
};
const monthText = (index: number) => `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
const daysInMonth = (y: number, m: number): number => (m === 2 ? (isLeap(y) ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31);
const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
