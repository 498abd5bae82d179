import { get } from '../../api/client';

export const INSPECTION_KINDS = ['fire-extinguisher', 'fire-hydrant', 'fire-alarm', 'electrical', 'elevator', 'playground', 'sports-equipment', 'laboratory', 'library'] as const;
export type InspectionKind = (typeof INSPECTION_KINDS)[number];
export type ItemResult = 'pass' | 'fail';

export interface ChecklistItem {
  itemId: string;
  textZh: string;
  text?: string;
}

export interface InspectionPlan {
  planId: string;
  schoolId: string;
  name: string;
  kind: InspectionKind;
  target: { assetId?: string; assetCategory?: string; location?: string };
  intervalDays: number;
  intervalSetting: string;
  intervalRule: { ruleId: string; version: string };
  checklist: ChecklistItem[];
  responsiblePerson: string;
  createdAt: string;
  nextDueAt: string;
  overdue: boolean;
  lastInspectedAt?: string;
  inspections: number;
  status: 'active' | 'retired';
  retiredAt?: string;
  /** The last revision (编辑) of name, checklist or interval. */
  revisedAt?: string;
  version: number;
  inspectionCount?: number;
}

export interface Inspection {
  inspectionId: string;
  planId: string;
  schoolId: string;
  planName: string;
  kind: InspectionKind;
  location: string | null;
  dueAt: string;
  inspectedAt: string;
  inspectedBy: string;
  failedItems: number;
  onTime: boolean;
  closedOverdue: boolean;
  late: boolean;
  result: ItemResult;
  results: { itemId: string; result: ItemResult; note?: string }[];
  note?: string;
}

export interface KindChecklist {
  kind: InspectionKind;
  kindZh: string;
  ruleId: string;
  intervalSettings: string[];
  checklist: ChecklistItem[];
}

export interface Page<T> {
  items: T[];
  nextCursor?: string;
}

type Query = Record<string, string | number | boolean | undefined>;

/** Read-your-writes: the position of this tab's last inspection command; a first page waits for its lists to include it. */
let lastPosition: string | undefined;
export const rememberPosition = (position?: string) => {
  if (position) lastPosition = position;
};
const consistent = (query: Query): Query => (query['cursor'] || !lastPosition ? query : { ...query, consistentWith: lastPosition });

export const fetchPlans = (query: Query, signal?: AbortSignal) => get<Page<InspectionPlan>>('facilities', '/inspection-plans', consistent(query), signal);
export const fetchPlan = (planId: string, signal?: AbortSignal) => get<InspectionPlan>('facilities', `/inspection-plans/${planId}`, undefined, signal);
export const fetchInspections = (query: Query, signal?: AbortSignal) => get<Page<Inspection>>('facilities', '/inspections', consistent(query), signal);
export const fetchChecklists = (signal?: AbortSignal) => get<KindChecklist[]>('facilities', '/inspection-plans/checklists', undefined, signal);

/** Every page of a list (for the Excel export of what the filters select), at most `max` rows. */
export async function allPages<T>(fetchPage: (query: Query) => Promise<Page<T>>, query: Query, max = 2000): Promise<T[]> {
  const rows: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await fetchPage({ ...query, limit: 200, cursor });
    rows.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor && rows.length < max);
  return rows;
}

export interface ComplianceFigure {
  groups: Record<string, string | number>[];
}
export const fetchComplianceFigure = (signal?: AbortSignal) => get<ComplianceFigure>('bureau', '/statistics/figures/inspection-compliance', undefined, signal);

/** `fire-extinguisher` → `fireExtinguisher` (the figure's field prefix). */
export const fieldPrefix = (kind: InspectionKind) => kind.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

/** The end of today in Beijing, as the `dueBefore` of the due list (today's and overdue inspections). */
export function endOfBeijingToday(now = Date.now()): string {
  const beijing = new Date(now + 8 * 3_600_000).toISOString().slice(0, 10);
  return new Date(Date.parse(`${beijing}T00:00:00+08:00`) + 86_400_000).toISOString();
}
