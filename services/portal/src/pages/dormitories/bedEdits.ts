import type { Dayjs } from 'dayjs';
import { ApiError } from '../../api/errors';
import type { Room } from './api';

/** Beds per room, as the service takes them (MAX_BEDS_PER_ROOM in @houqin/contracts). */
export const MAX_BEDS_PER_ROOM = 12;

/** A bed of the building, as the move, swap and move-out commands name it. */
export interface BedRef {
  roomNumber: string;
  bed: number;
}

/** A bed offered in a picker: its key (the Select's value) and what the page already shows of it. */
export interface BedChoice {
  key: string;
  ref: BedRef;
  studentName?: string;
  /** Masked by the service (last 4). */
  studentNumber?: string;
}

/** A business time as the service takes it: Beijing wall-clock with its offset. */
export const beijing = (value?: Dayjs | null) => (value ? `${value.format('YYYY-MM-DDTHH:mm:ss')}+08:00` : undefined);

/** "bed@room": the bed is an integer, so the first '@' splits it whatever the room number holds. */
export const bedKey = (ref: BedRef) => `${ref.bed}@${ref.roomNumber}`;

export function parseBedKey(key: string): BedRef {
  const at = key.indexOf('@');
  const bed = Number(key.slice(0, at));
  if (at < 1 || !Number.isInteger(bed)) throw new Error(`Not a bed key: ${key}`);
  return { roomNumber: key.slice(at + 1), bed };
}

const same = (a: BedRef, b: BedRef) => a.roomNumber === b.roomNumber && a.bed === b.bed;

/** The rooms in the order the page shows them, the given room first (a move within the room is the usual one). */
const roomsFrom = (building: { rooms: readonly Room[] }, roomNumber: string): Room[] => [
  ...building.rooms.filter((r) => r.roomNumber === roomNumber),
  ...building.rooms.filter((r) => r.roomNumber !== roomNumber),
];

/** Where a student may move: every free bed of the building (the service refuses an occupied one: that is a swap). */
export function freeBeds(building: { rooms: readonly Room[] }, from: BedRef): BedChoice[] {
  return roomsFrom(building, from.roomNumber).flatMap((room) =>
    room.beds.filter((b) => !b.occupied && !same({ roomNumber: room.roomNumber, bed: b.bed }, from)).map((b) => choice(room, b.bed)),
  );
}

/** Whom a student may swap with: every other occupied bed of the building, shown by name and masked number. */
export function otherOccupants(building: { rooms: readonly Room[] }, self: BedRef): BedChoice[] {
  return roomsFrom(building, self.roomNumber).flatMap((room) =>
    room.beds
      .filter((b) => b.occupied && !same({ roomNumber: room.roomNumber, bed: b.bed }, self))
      .map((b) => ({ ...choice(room, b.bed), ...(b.studentName ? { studentName: b.studentName } : {}), ...(b.studentNumber ? { studentNumber: b.studentNumber } : {}) })),
  );
}

const choice = (room: Room, bed: number): BedChoice => ({ key: bedKey({ roomNumber: room.roomNumber, bed }), ref: { roomNumber: room.roomNumber, bed } });

/** The fewest beds a room may have: the service keeps every occupied bed (nobody loses a bed by a capacity change). */
export const lowestCapacity = (room: Pick<Room, 'beds'>) => Math.max(1, ...room.beds.filter((b) => b.occupied).map((b) => b.bed));

/** The picked bed is the form's `target` in both: a free bed to move to, or the other student's bed to swap with. */
export const moveBody = (from: BedRef, v: { target: string; occurredAt?: Dayjs | null }) => ({ from: { ...from }, to: parseBedKey(v.target), occurredAt: beijing(v.occurredAt) });

export const swapBody = (first: BedRef, v: { target: string; occurredAt?: Dayjs | null }) => ({ first: { ...first }, second: parseBedKey(v.target), occurredAt: beijing(v.occurredAt) });

export const capacityBody = (roomNumber: string, v: { capacity: number; reason: string }) => ({ roomNumber, capacity: v.capacity, reason: v.reason.trim() });

/**
 * A 400 whose field paths are renamed for a form: the form picks one bed as `target`, the service checks `to.bed` and
 * `to.roomNumber` (or `second.*`); renamed to the form's field, the message shows beside the picker instead of being lost.
 */
export function renameFields(error: unknown, renames: Record<string, string>): unknown {
  if (!(error instanceof ApiError) || error.status !== 400 || !error.body?.errors) return error;
  const renamed = error.body.errors.map((e) => {
    const top = e.field.split('.')[0];
    return top in renames ? { ...e, field: renames[top] } : e;
  });
  return new ApiError(error.status, { ...error.body, errors: renamed }, error.retryAfterSeconds);
}
