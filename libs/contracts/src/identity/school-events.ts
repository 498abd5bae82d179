import { z } from 'zod';
import { defineEvent, EventOf, EventsOf, eventGroup, eventTypesOf } from '../define-event';
import { Topics } from '../topics';

/** 学校类型: values in English, labels in Chinese (SCHOOL_TYPE_ZH). */
export const SCHOOL_TYPES = ['primary', 'junior-secondary', 'nine-year', 'senior-secondary', 'complete-secondary', 'special-education'] as const;
export type SchoolType = (typeof SCHOOL_TYPES)[number];
export const SCHOOL_TYPE_ZH: Record<SchoolType, string> = {
  primary: '小学',
  'junior-secondary': '初中',
  'nine-year': '九年一贯制',
  'senior-secondary': '高中',
  'complete-secondary': '完全中学',
  'special-education': '特殊教育',
};

export const SCHOOL_STREAM_TYPE = 'School';

/** A school's code is its stable id (`schoolId` in every event and token): letters, digits, `_` and `-`. */
export const SCHOOL_CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
/** 学年 such as `2026-2027` (the second year follows the first). */
export const SCHOOL_YEAR_PATTERN = /^(\d{4})-(\d{4})$/;

const id = z.string().min(1).max(64);
const at = z.string().datetime({ offset: true });
const school = { streamType: SCHOOL_STREAM_TYPE, topic: Topics.identityEvents } as const;

/** The profile of a school, as registered and as changed (PUT: the whole profile). */
const profile = {
  name: z.string().min(1).max(100),
  type: z.enum(SCHOOL_TYPES),
  address: z.string().min(1).max(200),
  /** 寄宿 */
  boarding: z.boolean(),
  /** 食堂 */
  canteen: z.boolean(),
  /** 校车 */
  schoolBuses: z.boolean(),
  /** Building floor area (建筑面积), m². */
  floorAreaM2: z.number().min(0).max(10_000_000),
};

/** 学校登记 — the bureau's system admin registers a school of the district. */
export const SchoolRegistered = defineEvent({
  type: 'SchoolRegistered',
  version: 1,
  ...school,
  schema: z.object({ schoolId: id, ...profile, registeredBy: id, registeredAt: at }),
});

/** 学校信息变更 — the whole profile after the change. */
export const SchoolProfileChanged = defineEvent({
  type: 'SchoolProfileChanged',
  version: 1,
  ...school,
  schema: z.object({ schoolId: id, ...profile, changedBy: id, changedAt: at }),
});

/** 学年师生数 — student and staff counts of one school year (a later record of the same year replaces it). */
export const SchoolYearFiguresRecorded = defineEvent({
  type: 'SchoolYearFiguresRecorded',
  version: 1,
  ...school,
  schema: z.object({
    schoolId: id,
    schoolYear: z.string().regex(SCHOOL_YEAR_PATTERN),
    students: z.number().int().min(0).max(100_000),
    staff: z.number().int().min(0).max(10_000),
    recordedBy: id,
    recordedAt: at,
  }),
});

export const SchoolEvents = eventGroup([SchoolRegistered, SchoolProfileChanged, SchoolYearFiguresRecorded]);
export type SchoolEvent = EventsOf<typeof SchoolEvents>;
export const SCHOOL_EVENT_TYPES = eventTypesOf(SchoolEvents);

export type SchoolRegistered = EventOf<typeof SchoolRegistered>['data'];
export type SchoolProfileChanged = EventOf<typeof SchoolProfileChanged>['data'];
export type SchoolYearFiguresRecorded = EventOf<typeof SchoolYearFiguresRecorded>['data'];
export type SchoolProfile = Omit<SchoolRegistered, 'schoolId' | 'registeredBy' | 'registeredAt'>;
