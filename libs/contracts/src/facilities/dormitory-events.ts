import { z } from 'zod';
import { defineEvent, EventOf, EventsOf, eventGroup, eventTypesOf } from '../define-event';
import { Topics } from '../topics';

/**
 * 宿舍: one stream per dormitory building. The building holds its rooms, their beds and who sleeps in
 * each, so capacity and "one bed per student" within the building are decided on one stream under its
 * optimistic concurrency (across buildings, facilities keeps a per-school reservation of each student).
 */
export const DORMITORY_STREAM_TYPE = 'DormitoryBuilding';

/** 男 / 女 / 混合 */
export const DORMITORY_GENDERS = ['male', 'female', 'mixed'] as const;
export type DormitoryGender = (typeof DORMITORY_GENDERS)[number];

/** 宿舍检查项: 灯具、门锁、门窗、床铺、消防、卫生 */
export const ROOM_CHECK_ITEMS = ['lights', 'doors-locks', 'windows', 'beds', 'fire-safety', 'hygiene'] as const;
export type RoomCheckItem = (typeof ROOM_CHECK_ITEMS)[number];

/** Most beds a room may have (a dormitory room holds 4-8; 12 bounds typos, not policy). */
export const MAX_BEDS_PER_ROOM = 12;

const id = z.string().min(1).max(64);
const at = z.string().datetime({ offset: true });
const roomNumber = z.string().min(1).max(20);
const bed = z.number().int().min(1).max(MAX_BEDS_PER_ROOM);
/** 学籍号/学号: personal data, kept in the store, masked in every answer and log. */
const studentNumber = z.string().min(1).max(32);
const studentName = z.string().min(1).max(50);
const lateEntry = { late: z.boolean(), lateByMs: z.number().int().min(0) };
const building = { streamType: DORMITORY_STREAM_TYPE, topic: Topics.facilitiesEvents } as const;
const ids = { buildingId: id, schoolId: id };

/** 宿舍楼登记 */
export const DormitoryBuildingRegistered = defineEvent({
  type: 'DormitoryBuildingRegistered',
  version: 1,
  ...building,
  schema: z.object({ ...ids, name: z.string().min(1).max(50), gender: z.enum(DORMITORY_GENDERS), registeredBy: id, registeredAt: at }),
});

/** 房间登记: a room and its beds, numbered 1..capacity. */
export const DormitoryRoomAdded = defineEvent({
  type: 'DormitoryRoomAdded',
  version: 1,
  ...building,
  schema: z.object({ ...ids, roomNumber, floor: z.number().int().min(-3).max(60), capacity: bed, addedBy: id, addedAt: at }),
});

/** 床位数变更: never below the highest occupied bed. */
export const DormitoryRoomCapacityChanged = defineEvent({
  type: 'DormitoryRoomCapacityChanged',
  version: 1,
  ...building,
  schema: z.object({ ...ids, roomNumber, from: bed, to: bed, reason: z.string().min(1).max(200), changedBy: id, changedAt: at }),
});

/** 入住: a boarding student takes a bed. */
export const DormitoryBedAssigned = defineEvent({
  type: 'DormitoryBedAssigned',
  version: 1,
  ...building,
  schema: z.object({ ...ids, roomNumber, bed, studentNumber, studentName, assignedBy: id, assignedAt: at, ...lateEntry }),
});

/** 退宿 (or the first half of a move to another bed of the building). */
export const DormitoryBedVacated = defineEvent({
  type: 'DormitoryBedVacated',
  version: 1,
  ...building,
  schema: z.object({
    ...ids,
    roomNumber,
    bed,
    studentNumber,
    reason: z.enum(['moved-out', 'moved-within-building']),
    note: z.string().max(200).optional(),
    vacatedBy: id,
    vacatedAt: at,
    ...lateEntry,
  }),
});

const place = z.object({ roomNumber, bed, studentNumber }).strict();

/** 调换床位: two students of the building exchange beds. */
export const DormitoryBedsSwapped = defineEvent({
  type: 'DormitoryBedsSwapped',
  version: 1,
  ...building,
  schema: z.object({ ...ids, first: place, second: place, swappedBy: id, swappedAt: at, ...lateEntry }),
});

const checkResult = z.object({ item: z.enum(ROOM_CHECK_ITEMS), passed: z.boolean(), note: z.string().max(200).optional() }).strict();

/** 宿舍设施检查: every item answered, pass or fail with a note. */
export const DormitoryRoomChecked = defineEvent({
  type: 'DormitoryRoomChecked',
  version: 1,
  ...building,
  schema: z.object({
    ...ids,
    checkId: id,
    roomNumber,
    results: z.array(checkResult).length(ROOM_CHECK_ITEMS.length),
    failedItems: z.number().int().min(0).max(ROOM_CHECK_ITEMS.length),
    checkedBy: id,
    checkedAt: at,
    ...lateEntry,
  }),
});

export const DormitoryEvents = eventGroup([
  DormitoryBuildingRegistered,
  DormitoryRoomAdded,
  DormitoryRoomCapacityChanged,
  DormitoryBedAssigned,
  DormitoryBedVacated,
  DormitoryBedsSwapped,
  DormitoryRoomChecked,
]);
export type DormitoryEvent = EventsOf<typeof DormitoryEvents>;
export const DORMITORY_EVENT_TYPES = eventTypesOf(DormitoryEvents);

export type DormitoryBuildingRegistered = EventOf<typeof DormitoryBuildingRegistered>['data'];
export type DormitoryRoomAdded = EventOf<typeof DormitoryRoomAdded>['data'];
export type DormitoryBedAssigned = EventOf<typeof DormitoryBedAssigned>['data'];
export type DormitoryBedVacated = EventOf<typeof DormitoryBedVacated>['data'];
export type DormitoryRoomChecked = EventOf<typeof DormitoryRoomChecked>['data'];
export type RoomCheckResult = z.infer<typeof checkResult>;
