import { z } from 'zod';
import { defineEvent, EventOf, EventsOf, eventGroup, eventTypesOf } from '../define-event';
import { Topics } from '../topics';
import { ruleRef } from './work-order-events';

/** 定期检查 / 巡检: what a plan inspects. Each kind has its interval rule and a standard checklist. */
export const INSPECTION_KINDS = [
  'fire-extinguisher', // 灭火器
  'fire-hydrant', // 消火栓
  'fire-alarm', // 火灾自动报警
  'electrical', // 配电与电气线路
  'elevator', // 电梯
  'playground', // 操场与游乐设施
  'sports-equipment', // 体育器材
  'laboratory', // 实验室
  'library', // 图书馆
] as const;
export type InspectionKind = (typeof INSPECTION_KINDS)[number];

export const INSPECTION_RESULTS = ['pass', 'fail'] as const;
export type InspectionResult = (typeof INSPECTION_RESULTS)[number];

export const INSPECTION_PLAN_STREAM_TYPE = 'InspectionPlan';

const id = z.string().min(1).max(64);
const at = z.string().datetime({ offset: true });
const plan = { streamType: INSPECTION_PLAN_STREAM_TYPE, topic: Topics.facilitiesEvents } as const;
/** 补录: recorded more than the rule pack's allowance after it occurred (as the work order's events). */
const lateEntry = { late: z.boolean(), lateByMs: z.number().int().min(0) };

/** One asset (the ledger's id), or every asset of a category and/or at a location (all extinguishers of building A). */
export const inspectionTarget = z
  .object({ assetId: z.string().uuid().optional(), assetCategory: z.string().min(1).max(40).optional(), location: z.string().min(1).max(100).optional() })
  .strict()
  .refine((t) => t.assetId !== undefined || t.assetCategory !== undefined || t.location !== undefined, { message: 'a plan targets an asset, a category or a location' });
export type InspectionTarget = z.infer<typeof inspectionTarget>;

export const checklistItem = z.object({ itemId: z.string().min(1).max(40), textZh: z.string().min(1).max(200), text: z.string().min(1).max(200).optional() }).strict();
export type ChecklistItem = z.infer<typeof checklistItem>;

export const itemResult = z.object({ itemId: z.string().min(1).max(40), result: z.enum(INSPECTION_RESULTS), note: z.string().min(1).max(500).optional() }).strict();
export type InspectionItemResult = z.infer<typeof itemResult>;

/** 制定检查计划 — the school admin plans a recurring inspection with its interval (by the rule pack) and checklist. */
export const InspectionPlanCreated = defineEvent({
  type: 'InspectionPlanCreated',
  version: 1,
  ...plan,
  schema: z.object({
    planId: id,
    schoolId: id,
    name: z.string().min(1).max(100),
    kind: z.enum(INSPECTION_KINDS),
    target: inspectionTarget,
    /** At most apart: the rule's number, or a tighter one the school chose. */
    intervalDays: z.number().int().min(1).max(366),
    /** Which of the rule's settings applies (e.g. `crowdedPlaces` for extinguishers in a basement). */
    intervalSetting: z.string().min(1).max(40),
    intervalRule: ruleRef,
    checklist: z.array(checklistItem).min(1).max(50),
    responsiblePerson: z.string().min(1).max(64),
    firstDueAt: at,
    createdBy: id,
    createdAt: at,
    ...lateEntry,
  }),
});

/** 更换责任人 */
export const InspectionPlanReassigned = defineEvent({
  type: 'InspectionPlanReassigned',
  version: 1,
  ...plan,
  schema: z.object({ planId: id, schoolId: id, responsiblePerson: z.string().min(1).max(64), reassignedBy: id, reassignedAt: at }),
});

/** 停用计划 — no inspection is due or recorded afterwards. */
export const InspectionPlanRetired = defineEvent({
  type: 'InspectionPlanRetired',
  version: 1,
  ...plan,
  schema: z.object({ planId: id, schoolId: id, reason: z.string().min(1).max(500), retiredBy: id, retiredAt: at }),
});

/**
 * 修订计划 — the school admin revises the plan's name, checklist and/or interval (a district notice adds an
 * item, an incident shortens the interval). Only the changed fields are present, each beside its previous
 * value, so the history reads "was → now". `intervalRule` is the rule version the new interval was checked
 * against. `nextDueAt` is the due date after the revision (moved by an interval change, else the same);
 * inspections recorded afterwards answer the new checklist, earlier ones keep theirs.
 */
export const InspectionPlanRevised = defineEvent({
  type: 'InspectionPlanRevised',
  version: 1,
  ...plan,
  schema: z.object({
    planId: id,
    schoolId: id,
    name: z.string().min(1).max(100).optional(),
    previousName: z.string().min(1).max(100).optional(),
    checklist: z.array(checklistItem).min(1).max(50).optional(),
    previousChecklist: z.array(checklistItem).min(1).max(50).optional(),
    intervalDays: z.number().int().min(1).max(366).optional(),
    previousIntervalDays: z.number().int().min(1).max(366).optional(),
    intervalRule: ruleRef.optional(),
    nextDueAt: at,
    previousNextDueAt: at.optional(),
    revisedBy: id,
    revisedAt: at,
  }),
});

/**
 * 检查记录 — one inspection against the plan's checklist, every item answered. `dueAt` is the due date it
 * fulfils; `onTime` = inspected at or before it (an inspection after it closes the overdue and counts late).
 * `late`/`lateByMs` are the 补录 mark (recorded long after inspectedAt), as on every Houqin fact.
 */
export const InspectionRecorded = defineEvent({
  type: 'InspectionRecorded',
  version: 1,
  ...plan,
  schema: z.object({
    planId: id,
    schoolId: id,
    inspectionId: id,
    dueAt: at,
    inspectedBy: id,
    inspectedAt: at,
    results: z.array(itemResult).min(1).max(50),
    failedItems: z.number().int().min(0).max(50),
    onTime: z.boolean(),
    /** An InspectionOverdue had been raised for this due date. */
    closedOverdue: z.boolean(),
    nextDueAt: at,
    note: z.string().min(1).max(1000).optional(),
    ...lateEntry,
  }),
});

/** 检查逾期 — the due date passed with no inspection (raised once per due date by the inspection scheduler). */
export const InspectionOverdue = defineEvent({
  type: 'InspectionOverdue',
  version: 1,
  ...plan,
  schema: z.object({ planId: id, schoolId: id, dueAt: at, raisedAt: at }),
});

/** Every event of an inspection-plan stream. */
export const InspectionPlanEvents = eventGroup([InspectionPlanCreated, InspectionPlanReassigned, InspectionPlanRetired, InspectionRecorded, InspectionOverdue, InspectionPlanRevised]);
export type InspectionPlanEvent = EventsOf<typeof InspectionPlanEvents>;
export const INSPECTION_PLAN_EVENT_TYPES = eventTypesOf(InspectionPlanEvents);

export type InspectionPlanCreated = EventOf<typeof InspectionPlanCreated>['data'];
export type InspectionPlanReassigned = EventOf<typeof InspectionPlanReassigned>['data'];
export type InspectionPlanRetired = EventOf<typeof InspectionPlanRetired>['data'];
export type InspectionRecorded = EventOf<typeof InspectionRecorded>['data'];
export type InspectionOverdue = EventOf<typeof InspectionOverdue>['data'];
export type InspectionPlanRevised = EventOf<typeof InspectionPlanRevised>['data'];
