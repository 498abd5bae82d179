import { DormitoryEvent, DormitoryGender, ROOM_CHECK_ITEMS, RoomCheckItem } from '@houqin/contracts';
import { Command, CommandMetadata, DomainError, unknownCommand } from '@houqin/event-sourcing';
import { houqinRules, lateness, LogbookLateEntry, RuleLookup } from '@houqin/rules';
import { ITEM_ZH } from './labels';
import { Building, DormitoryState, Room } from './state';

/** The rules dormitory records are judged by (houqinRules in production). */
export type DormitoryRules = RuleLookup<{ 'facilities.logbook.lateEntry': LogbookLateEntry }>;

export interface BedRef {
  roomNumber: string;
  bed: number;
}

export type RegisterDormitoryBuilding = Command<'RegisterDormitoryBuilding', { buildingId: string; schoolId: string; name: string; gender: DormitoryGender }>;
export type AddDormitoryRoom = Command<'AddDormitoryRoom', { roomNumber: string; floor: number; capacity: number }>;
export type ChangeRoomCapacity = Command<'ChangeRoomCapacity', { roomNumber: string; capacity: number; reason: string }>;
/** Without `bed`, the lowest free bed of the room. */
export type AssignBed = Command<'AssignBed', { roomNumber: string; bed?: number; studentNumber: string; studentName: string }>;
export type VacateBed = Command<'VacateBed', BedRef & { note?: string }>;
export type MoveStudent = Command<'MoveStudent', { from: BedRef; to: BedRef }>;
export type SwapBeds = Command<'SwapBeds', { first: BedRef; second: BedRef }>;
export type CheckRoom = Command<'CheckRoom', { checkId: string; roomNumber: string; results: { item: RoomCheckItem; passed: boolean; note?: string }[] }>;
export type DormitoryCommand = RegisterDormitoryBuilding | AddDormitoryRoom | ChangeRoomCapacity | AssignBed | VacateBed | MoveStudent | SwapBeds | CheckRoom;

/** 宿舍楼: rooms, beds and who sleeps where, decided on the building's one stream. */
export function decideWith(rules: DormitoryRules) {
  return function decide(command: DormitoryCommand, state: DormitoryState): DormitoryEvent[] {
    if (command.type === 'RegisterDormitoryBuilding') return register(command, state);
    if (state.status === 'none') throw refuse('dormitory-building-not-found', 'Dormitory building not found', '宿舍楼不存在', 'not-found');
    const mark = () => lateMark(command.metadata, rules);
    switch (command.type) {
      case 'AddDormitoryRoom':
        return addRoom(command, state);
      case 'ChangeRoomCapacity':
        return changeCapacity(command, state);
      case 'AssignBed':
        return assign(command, state, mark());
      case 'VacateBed':
        return vacate(command, state, mark());
      case 'MoveStudent':
        return move(command, state, mark());
      case 'SwapBeds':
        return swap(command, state, mark());
      case 'CheckRoom':
        return check(command, state, mark());
      default:
        return unknownCommand(command);
    }
  };
}

export const decide = decideWith(houqinRules);

type Late = { late: boolean; lateByMs: number };

function register({ data, metadata }: RegisterDormitoryBuilding, state: DormitoryState): DormitoryEvent[] {
  if (state.status !== 'none') throw refuse('dormitory-building-exists', 'Dormitory building already registered', '宿舍楼已登记', 'conflict');
  return [{ type: 'DormitoryBuildingRegistered', data: { ...data, registeredBy: metadata.actorId, registeredAt: metadata.occurredAt } }];
}

function addRoom({ data, metadata }: AddDormitoryRoom, b: Building): DormitoryEvent[] {
  if (b.rooms[data.roomNumber]) throw refuse('room-exists', `Room ${data.roomNumber} already exists`, `房间 ${data.roomNumber} 已存在`, 'conflict');
  return [{ type: 'DormitoryRoomAdded', data: { ...ids(b), ...data, addedBy: metadata.actorId, addedAt: metadata.occurredAt } }];
}

/** Fewer beds only down to the highest occupied one: nobody loses a bed by a capacity change. */
function changeCapacity({ data, metadata }: ChangeRoomCapacity, b: Building): DormitoryEvent[] {
  const room = roomOf(b, data.roomNumber);
  if (room.capacity === data.capacity) return [];
  const highest = Math.max(0, ...Object.keys(room.beds).map(Number));
  if (data.capacity < highest) {
    throw refuse('capacity-below-occupied', `Bed ${highest} of room ${room.roomNumber} is occupied`, `房间 ${room.roomNumber} 的 ${highest} 号床有人入住，床位数不能少于 ${highest}`, 'conflict');
  }
  return [
    {
      type: 'DormitoryRoomCapacityChanged',
      data: { ...ids(b), roomNumber: room.roomNumber, from: room.capacity, to: data.capacity, reason: data.reason, changedBy: metadata.actorId, changedAt: metadata.occurredAt },
    },
  ];
}

function assign({ data, metadata }: AssignBed, b: Building, late: Late): DormitoryEvent[] {
  const room = roomOf(b, data.roomNumber);
  const housed = b.students[data.studentNumber];
  if (housed && housed.roomNumber === room.roomNumber && (data.bed === undefined || housed.bed === data.bed)) return []; // already there: a repeat changes nothing
  if (housed) throw alreadyHoused(housed);
  const bed = data.bed ?? firstFreeBed(room);
  assertFree(room, bed);
  return [
    {
      type: 'DormitoryBedAssigned',
      data: { ...ids(b), roomNumber: room.roomNumber, bed, studentNumber: data.studentNumber, studentName: data.studentName, assignedBy: metadata.actorId, assignedAt: metadata.occurredAt, ...late },
    },
  ];
}

function vacate({ data, metadata }: VacateBed, b: Building, late: Late): DormitoryEvent[] {
  const occupant = occupantOf(b, data);
  return [
    {
      type: 'DormitoryBedVacated',
      data: {
        ...ids(b),
        roomNumber: data.roomNumber,
        bed: data.bed,
        studentNumber: occupant.studentNumber,
        reason: 'moved-out',
        ...(data.note === undefined ? {} : { note: data.note }),
        vacatedBy: metadata.actorId,
        vacatedAt: metadata.occurredAt,
        ...late,
      },
    },
  ];
}

/** To a free bed of the building: vacated and assigned in one decision (an occupied target is a swap). */
function move({ data, metadata }: MoveStudent, b: Building, late: Late): DormitoryEvent[] {
  const occupant = occupantOf(b, data.from);
  const target = roomOf(b, data.to.roomNumber);
  if (data.from.roomNumber === data.to.roomNumber && data.from.bed === data.to.bed) return [];
  assertFree(target, data.to.bed);
  const at = metadata.occurredAt;
  return [
    {
      type: 'DormitoryBedVacated',
      data: { ...ids(b), ...data.from, studentNumber: occupant.studentNumber, reason: 'moved-within-building', vacatedBy: metadata.actorId, vacatedAt: at, ...late },
    },
    {
      type: 'DormitoryBedAssigned',
      data: { ...ids(b), ...data.to, studentNumber: occupant.studentNumber, studentName: occupant.studentName, assignedBy: metadata.actorId, assignedAt: at, ...late },
    },
  ];
}

function swap({ data, metadata }: SwapBeds, b: Building, late: Late): DormitoryEvent[] {
  const first = occupantOf(b, data.first);
  const second = occupantOf(b, data.second);
  if (first.studentNumber === second.studentNumber) throw refuse('swap-same-bed', 'A bed cannot be swapped with itself', '不能与同一床位调换', 'invalid');
  return [
    {
      type: 'DormitoryBedsSwapped',
      data: {
        ...ids(b),
        first: { ...data.first, studentNumber: first.studentNumber },
        second: { ...data.second, studentNumber: second.studentNumber },
        swappedBy: metadata.actorId,
        swappedAt: metadata.occurredAt,
        ...late,
      },
    },
  ];
}

/** A check answers every item once, in the contract's order; a failed item says what is wrong. */
function check({ data, metadata }: CheckRoom, b: Building, late: Late): DormitoryEvent[] {
  const room = roomOf(b, data.roomNumber);
  const byItem = new Map(data.results.map((r) => [r.item, r]));
  if (byItem.size !== data.results.length) throw refuse('check-item-twice', 'An item is answered twice', '检查项重复', 'invalid');
  const missing = ROOM_CHECK_ITEMS.filter((item) => !byItem.has(item));
  if (missing.length > 0) {
    throw refuse('check-incomplete', `Every item must be answered; missing: ${missing.join(', ')}`, `每个检查项都须填写，缺少：${missing.map((i) => ITEM_ZH[i]).join('、')}`, 'invalid');
  }
  const unexplained = data.results.filter((r) => !r.passed && !r.note?.trim()).map((r) => r.item);
  if (unexplained.length > 0) {
    throw refuse('failed-item-needs-note', `A failed item needs a note: ${unexplained.join(', ')}`, `不合格项须说明情况：${unexplained.map((i) => ITEM_ZH[i]).join('、')}`, 'invalid');
  }
  const results = ROOM_CHECK_ITEMS.map((item) => {
    const { passed, note } = byItem.get(item)!;
    return { item, passed, ...(note?.trim() ? { note: note.trim() } : {}) };
  });
  return [
    {
      type: 'DormitoryRoomChecked',
      data: {
        ...ids(b),
        checkId: data.checkId,
        roomNumber: room.roomNumber,
        results,
        failedItems: results.filter((r) => !r.passed).length,
        checkedBy: metadata.actorId,
        checkedAt: metadata.occurredAt,
        ...late,
      },
    },
  ];
}

/** 补录: judged by the allowance in force when the fact occurred. */
function lateMark(metadata: CommandMetadata, rules: DormitoryRules): Late {
  const allowance = rules.ruleAt('facilities.logbook.lateEntry', metadata.occurredAt).value.dormitory;
  const { late, byMs } = lateness(metadata.occurredAt, metadata.now, allowance);
  return { late, lateByMs: byMs };
}

function roomOf(b: Building, roomNumber: string): Room {
  const room = b.rooms[roomNumber];
  if (!room) throw refuse('room-not-found', `Room ${roomNumber} is not in this building`, `本楼没有房间 ${roomNumber}`, 'invalid');
  return room;
}

function occupantOf(b: Building, { roomNumber, bed }: BedRef) {
  const occupant = roomOf(b, roomNumber).beds[bed];
  if (!occupant) throw refuse('bed-empty', `Bed ${bed} of room ${roomNumber} is empty`, `${roomNumber} 房 ${bed} 号床无人入住`, 'conflict');
  return occupant;
}

/** Never over capacity: a bed beyond the room's beds does not exist; a taken bed is refused. */
function assertFree(room: Room, bed: number): void {
  if (bed < 1 || bed > room.capacity) {
    throw refuse('bed-over-capacity', `Room ${room.roomNumber} has ${room.capacity} beds; there is no bed ${bed}`, `${room.roomNumber} 房只有 ${room.capacity} 个床位，没有 ${bed} 号床`, 'invalid');
  }
  if (room.beds[bed]) throw refuse('bed-occupied', `Bed ${bed} of room ${room.roomNumber} is taken`, `${room.roomNumber} 房 ${bed} 号床已有人入住`, 'conflict');
}

function firstFreeBed(room: Room): number {
  for (let bed = 1; bed <= room.capacity; bed++) if (!room.beds[bed]) return bed;
  throw refuse('room-full', `Room ${room.roomNumber} is full (${room.capacity} beds)`, `${room.roomNumber} 房已住满（${room.capacity} 个床位）`, 'conflict');
}

const alreadyHoused = (where: BedRef) =>
  refuse('student-already-housed', `The student already has bed ${where.bed} of room ${where.roomNumber}`, `该学生已住在 ${where.roomNumber} 房 ${where.bed} 号床`, 'conflict');

const ids = (b: Building) => ({ buildingId: b.buildingId, schoolId: b.schoolId });
const refuse = (code: string, message: string, messageZh: string, kind: DomainError['kind']) => new DomainError(code, message, messageZh, kind);
