import { get } from '../../api/client';
import { DistrictFigures, DistrictSla, School, SchoolFigures } from '../../api/types';

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

export interface MonthlyFigures {
  months: { month: string; reported: number; completed: number }[];
  schools: { schoolId: string; month: string; reported: number; completed: number }[];
  projection: { eventsApplied: number; lastEventAt: string | null };
}

/** Repairs reported and first completed per Beijing month, district and per school, from the bureau's figure. */
export const fetchByMonth = (signal?: AbortSignal, filters: FigureFilters = {}) => get<MonthlyFigures>('bureau', '/statistics/work-orders/by-month', { ...filters }, signal);
