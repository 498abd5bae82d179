import { DormitoryEvent, DormitoryGender, RoomCheckResult } from '@houqin/contracts';
import { unknownEvent } from '@houqin/event-sourcing';

/** Who sleeps in a bed. */
export interface Occupant {
  studentNumber: string;
  studentName: string;
  since: string;
}

export interface LastCheck {
  checkId: string;
  checkedAt: string;
  failedItems: number;
  results: RoomCheckResult[];
}

export interface Room {
  roomNumber: string;
  floor: number;
  capacity: number;
  /** Occupied beds by number (1..capacity); a free bed has no entry. */
  beds: Record<string, Occupant>;
  lastCheck?: LastCheck;
}

export interface Building {
  status: 'registered';
  buildingId: string;
  schoolId: string;
  name: string;
  gender: DormitoryGender;
  rooms: Record<string, Room>;
  /** Where each student of the building sleeps: one bed per student, by construction. */
  students: Record<string, { roomNumber: string; bed: number }>;
}

export type DormitoryState = { status: 'none' } | Building;

export const initialState = (): DormitoryState => ({ status: 'none' });

export function evolve(state: DormitoryState, event: DormitoryEvent): DormitoryState {
  switch (event.type) {
    case 'DormitoryBuildingRegistered': {
      const { buildingId, schoolId, name, gender } = event.data;
      return { status: 'registered', buildingId, schoolId, name, gender, rooms: {}, students: {} };
    }
    case 'DormitoryRoomAdded': {
      const b = existing(state, event);
      const { roomNumber, floor, capacity } = event.data;
      return { ...b, rooms: { ...b.rooms, [roomNumber]: { roomNumber, floor, capacity, beds: {} } } };
    }
    case 'DormitoryRoomCapacityChanged':
      return withRoom(existing(state, event), event.data.roomNumber, (room) => ({ ...room, capacity: event.data.to }));
    case 'DormitoryBedAssigned': {
      const { roomNumber, bed, studentNumber, studentName, assignedAt } = event.data;
      return occupy(existing(state, event), roomNumber, bed, { studentNumber, studentName, since: assignedAt });
    }
    case 'DormitoryBedVacated':
      return free(existing(state, event), event.data.roomNumber, event.data.bed);
    case 'DormitoryBedsSwapped': {
      const { first, second } = event.data;
      const b = existing(state, event);
      const a = b.rooms[first.roomNumber]?.beds[first.bed];
      const c = b.rooms[second.roomNumber]?.beds[second.bed];
      if (!a || !c) throw outOfOrder(state, event);
      const at = event.data.swappedAt;
      const emptied = free(free(b, first.roomNumber, first.bed), second.roomNumber, second.bed);
      return occupy(occupy(emptied, first.roomNumber, first.bed, { ...c, since: at }), second.roomNumber, second.bed, { ...a, since: at });
    }
    case 'DormitoryRoomChecked': {
      const { checkId, checkedAt, failedItems, results } = event.data;
      return withRoom(existing(state, event), event.data.roomNumber, (room) => ({ ...room, lastCheck: { checkId, checkedAt, failedItems, results } }));
    }
    default:
      return unknownEvent(event);
  }
}

function occupy(b: Building, roomNumber: string, bed: number, occupant: Occupant): Building {
  const next = withRoom(b, roomNumber, (room) => ({ ...room, beds: { ...room.beds, [bed]: occupant } }));
  return { ...next, students: { ...next.students, [occupant.studentNumber]: { roomNumber, bed } } };
}

function free(b: Building, roomNumber: string, bed: number): Building {
  const occupant = b.rooms[roomNumber]?.beds[bed];
  const next = withRoom(b, roomNumber, (room) => {
    const { [bed]: _gone, ...beds } = room.beds;
    return { ...room, beds };
  });
  if (!occupant) return next;
  const { [occupant.studentNumber]: _left, ...students } = next.students;
  return { ...next, students };
}

function withRoom(b: Building, roomNumber: string, change: (room: Room) => Room): Building {
  const room = b.rooms[roomNumber];
  if (!room) throw new Error(`room ${roomNumber} of building ${b.buildingId} was never added`);
  return { ...b, rooms: { ...b.rooms, [roomNumber]: change(room) } };
}

// A stored history in an impossible order fails loudly instead of folding into nonsense.
function existing(state: DormitoryState, event: DormitoryEvent): Building {
  if (state.status === 'none') throw outOfOrder(state, event);
  return state;
}
const outOfOrder = (state: DormitoryState, event: DormitoryEvent) => new Error(`${event.type} cannot follow a ${state.status} dormitory building`);

/** Beds taken in a room. */
export const occupiedBeds = (room: Room): number => Object.keys(room.beds).length;
