import type { ChecklistItem, InspectionPlan } from './api';

/** What the edit form (编辑) holds of a plan: the fields a revision may change. */
export interface RevisionFields {
  name?: string;
  intervalDays?: number | null;
  checklist?: { itemId?: string; textZh?: string; text?: string }[];
}

/** The body of POST /inspection-plans/:id/revise: only the fields that differ from the plan. */
export interface PlanRevision {
  name?: string;
  intervalDays?: number;
  checklist?: ChecklistItem[];
}

/** The form's starting values: the plan as it is. */
export const revisionFieldsOf = (plan: InspectionPlan): RevisionFields => ({
  name: plan.name,
  intervalDays: plan.intervalDays,
  checklist: plan.checklist.map((i) => ({ ...i })),
});

/**
 * Only what changed (an empty object: nothing did). Texts are trimmed and an empty English text is left out; a new
 * item gets the next free id of the plan's own pattern (`ext-06` after `ext-05`), so ids stay unique and an item kept
 * keeps its id (its earlier inspection results still name it).
 */
export function revisionOf(plan: InspectionPlan, fields: RevisionFields): PlanRevision {
  const revision: PlanRevision = {};
  const name = fields.name?.trim();
  if (name && name !== plan.name) revision.name = name;
  if (typeof fields.intervalDays === 'number' && fields.intervalDays !== plan.intervalDays) revision.intervalDays = fields.intervalDays;
  const checklist = checklistOf(plan.checklist, fields.checklist ?? []);
  if (checklist.length > 0 && !sameChecklist(checklist, plan.checklist)) revision.checklist = checklist;
  return revision;
}

function checklistOf(current: ChecklistItem[], rows: NonNullable<RevisionFields['checklist']>): ChecklistItem[] {
  const taken = new Set(rows.map((r) => r.itemId).filter((id): id is string => Boolean(id)));
  const fresh = freshIds(current, taken);
  return rows.flatMap((r) => {
    const textZh = r.textZh?.trim();
    const text = r.text?.trim();
    return textZh ? [{ itemId: r.itemId || fresh(), textZh, ...(text ? { text } : {}) }] : [];
  });
}

/** Ids after the plan's last (`ext-05` → `ext-06`, `p` → `item-01`), skipping any taken. */
function freshIds(current: ChecklistItem[], taken: Set<string>): () => string {
  const last = current[current.length - 1]?.itemId ?? '';
  const match = /^(.*?)(\d+)$/.exec(last);
  const prefix = match ? match[1] : 'item-';
  const width = match ? match[2].length : 2;
  let n = match ? Number(match[2]) : 0;
  return () => {
    let id: string;
    do id = `${prefix}${String(++n).padStart(width, '0')}`;
    while (taken.has(id) || current.some((i) => i.itemId === id));
    taken.add(id);
    return id;
  };
}

const sameChecklist = (a: ChecklistItem[], b: ChecklistItem[]) =>
  a.length === b.length && a.every((item, i) => item.itemId === b[i].itemId && item.textZh === b[i].textZh && (item.text ?? '') === (b[i].text ?? ''));
