import { z } from 'zod';
import { defineEvent, EventOf, EventsOf, eventGroup, eventTypesOf } from '../define-event';
import { Topics } from '../topics';

/** 绿化档案: one stream per green area, holding its trees and its care records. */
export const GREEN_AREA_STREAM_TYPE = 'GreenArea';

/** 草坪、花坛、林地、绿篱、屋顶绿化、种植园 */
export const GREEN_AREA_KINDS = ['lawn', 'flower-bed', 'woodland', 'hedge', 'roof-garden', 'planting-garden'] as const;
export type GreenAreaKind = (typeof GREEN_AREA_KINDS)[number];

/** 修剪、浇水、病虫害防治、施肥、除草 */
export const GREEN_CARE_KINDS = ['pruning', 'watering', 'pest-control', 'fertilising', 'weeding'] as const;
export type GreenCareKind = (typeof GREEN_CARE_KINDS)[number];

/** Square metres as an exact decimal string (≤ 2 decimals), never a float: "1250.5". */
export const AREA_M2_PATTERN = /^(0|[1-9][0-9]{0,6})(\.[0-9]{1,2})?$/;
/** A calendar day (planting date). */
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

const id = z.string().min(1).max(64);
const at = z.string().datetime({ offset: true });
const areaM2 = z.string().regex(AREA_M2_PATTERN);
const lateEntry = { late: z.boolean(), lateByMs: z.number().int().min(0) };
const green = { streamType: GREEN_AREA_STREAM_TYPE, topic: Topics.facilitiesEvents } as const;
const ids = { greenAreaId: id, schoolId: id };

/** 绿地登记 */
export const GreenAreaRegistered = defineEvent({
  type: 'GreenAreaRegistered',
  version: 1,
  ...green,
  schema: z.object({ ...ids, name: z.string().min(1).max(50), location: z.string().min(1).max(100), areaM2, kind: z.enum(GREEN_AREA_KINDS), registeredBy: id, registeredAt: at }),
});

/** 面积变更 (re-measured, part paved over...), with its reason. */
export const GreenAreaResized = defineEvent({
  type: 'GreenAreaResized',
  version: 1,
  ...green,
  schema: z.object({ ...ids, fromM2: areaM2, toM2: areaM2, reason: z.string().min(1).max(200), resizedBy: id, resizedAt: at }),
});

/** 绿地撤销: no care is recorded on it afterwards. */
export const GreenAreaRemoved = defineEvent({
  type: 'GreenAreaRemoved',
  version: 1,
  ...green,
  schema: z.object({ ...ids, reason: z.string().min(1).max(200), removedBy: id, removedAt: at }),
});

/** 树木登记: a stand of one species in the area; 古树名木 flagged. */
export const GreenTreesRecorded = defineEvent({
  type: 'GreenTreesRecorded',
  version: 1,
  ...green,
  schema: z.object({
    ...ids,
    treeId: id,
    species: z.string().min(1).max(80),
    speciesZh: z.string().min(1).max(40),
    count: z.number().int().min(1).max(100_000),
    location: z.string().min(1).max(100),
    plantedOn: day.optional(),
    notable: z.boolean(),
    recordedBy: id,
    recordedAt: at,
  }),
});

/** 株数变更 (planted more, died, felled), always with its reason; 0 = none left. */
export const GreenTreeCountChanged = defineEvent({
  type: 'GreenTreeCountChanged',
  version: 1,
  ...green,
  schema: z.object({
    ...ids,
    treeId: id,
    from: z.number().int().min(0).max(100_000),
    to: z.number().int().min(0).max(100_000),
    reason: z.string().min(1).max(200),
    changedBy: id,
    changedAt: at,
  }),
});

/** The pesticide of a pest-control care (农药名称、安全间隔期) and until when the area stays closed. */
const pesticide = z.object({ name: z.string().min(1).max(80), safetyIntervalDays: z.number().int().min(1).max(365), closedUntil: at }).strict();

/** 养护记录 */
export const GreenCareRecorded = defineEvent({
  type: 'GreenCareRecorded',
  version: 1,
  ...green,
  schema: z.object({
    ...ids,
    careId: id,
    kind: z.enum(GREEN_CARE_KINDS),
    treeId: id.optional(),
    /** Who did the work (a gardener, a contractor's team): free text, not an account. */
    performedBy: z.string().min(1).max(64),
    note: z.string().max(500).optional(),
    pesticide: pesticide.optional(),
    recordedBy: id,
    caredAt: at,
    ...lateEntry,
  }),
});

export const GreenAreaEvents = eventGroup([GreenAreaRegistered, GreenAreaResized, GreenAreaRemoved, GreenTreesRecorded, GreenTreeCountChanged, GreenCareRecorded]);
export type GreenAreaEvent = EventsOf<typeof GreenAreaEvents>;
export const GREEN_AREA_EVENT_TYPES = eventTypesOf(GreenAreaEvents);

export type GreenAreaRegistered = EventOf<typeof GreenAreaRegistered>['data'];
export type GreenTreesRecorded = EventOf<typeof GreenTreesRecorded>['data'];
export type GreenCareRecorded = EventOf<typeof GreenCareRecorded>['data'];
