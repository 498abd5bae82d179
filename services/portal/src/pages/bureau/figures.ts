import { get } from '../../api/client';
import { DistrictFigures, DistrictSla, School, SchoolFigures, WorkOrder, WorkOrderPage } from '../../api/types';

/** The bureau's filters: repairs reported within these Beijing days (YYYY-MM-DD, both included), of one school type. */
export interface FigureFilters {
  from?: string;
  to?: string;
  schoolType?: string;
}

export const fetchDistrict = (signal?: AbortSignal, filters: FigureFilters = {}) => get<DistrictFigures>('bureau', '/statistics/work-orders/district', { ...filters }, signal);
export const fetchSchools = async (signal?: AbortSignal, filters: FigureFilters = {}) =>
  (await get<{ items: SchoolFigures[] }>('bureau', '/statistics/work-orders/schools', { ...filters }, signal)).items;
/** identity's school register: names and types (the bureau's figures know school codes only). */
export const fetchSchoolRegister = async (signal?: AbortSignal) => (await get<{ items: School[] }>('identity', '/schools', undefined, signal)).items;
export const fetchDistrictSla = (signal?: AbortSignal, filters: FigureFilters = {}) => get<DistrictSla>('bureau', '/statistics/work-orders/sla', { ...filters }, signal);

/** Beijing month of an instant, as 2026-11. */
export const monthOf = (iso: string) => new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 7);

/**
 * Interim: repairs reported and completed per month, added up from the facilities list (at most `maxPages`
 * pages of 200), because the bureau keeps no figure by month yet. A bureau route is the real answer.
 */
export async function fetchMonthlyTrend(maxPages = 10, signal?: AbortSignal) {
  const orders: WorkOrder[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < maxPages; page++) {
    const answer = await get<WorkOrderPage>('facilities', '/work-orders', { limit: 200, cursor }, signal);
    orders.push(...answer.items);
    cursor = answer.nextCursor;
    if (!cursor) break;
  }
  const months = new Map<string, { reported: number; completed: number }>();
  const bump = (month: string, field: 'reported' | 'completed') => {
    const m = months.get(month) ?? { reported: 0, completed: 0 };
    m[field]++;
    months.set(month, m);
  };
  for (const o of orders) {
    bump(monthOf(o.reportedAt), 'reported');
    if (o.completedAt) bump(monthOf(o.completedAt), 'completed');
  }
  return { months: [...months.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([month, v]) => ({ month, ...v })), complete: !cursor, counted: orders.length };
}
