import dayjs from 'dayjs';
import { ApiError, asErrorBody, fieldErrorsFor } from '../../api/errors';
import type { Bed, Room } from './api';
import { bedKey, capacityBody, freeBeds, lowestCapacity, moveBody, otherOccupants, parseBedKey, renameFields, swapBody } from './bedEdits';

const room = (roomNumber: string, beds: Bed[]): Room => ({ roomNumber, floor: 1, capacity: beds.length, occupied: beds.filter((b) => b.occupied).length, beds });
const free = (bed: number): Bed => ({ bed, occupied: false });
const taken = (bed: number, studentName: string, studentNumber: string): Bed => ({ bed, occupied: true, studentName, studentNumber });

// Given a building as the page shows it: room 101 full but bed 3, room 102 with one student; numbers masked by the service.
const building = {
  rooms: [
    room('101', [taken(1, '林晓', '****0001'), taken(2, '周雨', '****0002'), free(3)]),
    room('102', [free(1), taken(2, '王芳', '****0003')]),
  ],
};

describe('the beds offered for a move', () => {
  it('are the free beds of the building, the student’s own room first', () => {
    expect(freeBeds(building, { roomNumber: '102', bed: 2 }).map((c) => c.key)).toEqual(['1@102', '3@101']);
    expect(freeBeds(building, { roomNumber: '101', bed: 1 }).map((c) => c.ref)).toEqual([{ roomNumber: '101', bed: 3 }, { roomNumber: '102', bed: 1 }]);
  });

  it('are none when the building is full', () => {
    expect(freeBeds({ rooms: [room('201', [taken(1, '甲', '****1111'), taken(2, '乙', '****2222')])] }, { roomNumber: '201', bed: 1 })).toEqual([]);
  });
});

describe('the students offered for a swap', () => {
  it('are every other occupant, by bed, name and masked number: nothing to type', () => {
    expect(otherOccupants(building, { roomNumber: '101', bed: 1 })).toEqual([
      { key: '2@101', ref: { roomNumber: '101', bed: 2 }, studentName: '周雨', studentNumber: '****0002' },
      { key: '2@102', ref: { roomNumber: '102', bed: 2 }, studentName: '王芳', studentNumber: '****0003' },
    ]);
  });
});

describe('a bed key', () => {
  it('round-trips whatever the room number holds', () => {
    for (const ref of [{ roomNumber: '302', bed: 4 }, { roomNumber: 'A@3#1', bed: 12 }]) expect(parseBedKey(bedKey(ref))).toEqual(ref);
    expect(() => parseBedKey('302')).toThrow();
  });
});

describe('the request bodies', () => {
  it('move: from the bed, to the picked bed, a late entry at Beijing time', () => {
    expect(moveBody({ roomNumber: '101', bed: 1 }, { target: '1@102' })).toEqual({ from: { roomNumber: '101', bed: 1 }, to: { roomNumber: '102', bed: 1 }, occurredAt: undefined });
    expect(moveBody({ roomNumber: '101', bed: 1 }, { target: '3@101', occurredAt: dayjs('2026-11-30T21:15:00') }).occurredAt).toBe('2026-11-30T21:15:00+08:00');
  });

  it('swap: the bed and the picked student’s bed', () => {
    expect(swapBody({ roomNumber: '101', bed: 1 }, { target: '2@102' })).toEqual({ first: { roomNumber: '101', bed: 1 }, second: { roomNumber: '102', bed: 2 }, occurredAt: undefined });
  });

  it('capacity: the room, the beds and the trimmed reason', () => {
    expect(capacityBody('101', { capacity: 4, reason: ' 加床 ' })).toEqual({ roomNumber: '101', capacity: 4, reason: '加床' });
  });
});

describe('the fewest beds a room may have', () => {
  it('is its highest occupied bed, or 1 when empty', () => {
    expect(lowestCapacity(building.rooms[0])).toBe(2);
    expect(lowestCapacity(building.rooms[1])).toBe(2);
    expect(lowestCapacity(room('103', [free(1), free(2)]))).toBe(1);
  });
});

describe('a 400 on a nested bed', () => {
  const error = new ApiError(400, asErrorBody({
    statusCode: 400,
    error: 'Bad Request',
    message: 'Validation failed',
    messageZh: '请求参数校验失败',
    errors: [
      { field: 'to.bed', message: 'bed must not be greater than 12', messageZh: '床号不能大于 12', constraint: 'max' },
      { field: 'from.roomNumber', message: 'roomNumber is too long', messageZh: '房间号过长', constraint: 'maxLength' },
    ],
  }));

  it('shows beside the picker, and the rest above the form', () => {
    const { fields, rest } = fieldErrorsFor(renameFields(error, { to: 'target' }), ['target', 'occurredAt'], 'zh-CN');
    expect(fields).toEqual([{ name: ['target'], errors: ['床号不能大于 12'] }]);
    expect(rest).toEqual(['from.roomNumber: 房间号过长']);
  });

  it('leaves any other failure as it was', () => {
    const conflict = new ApiError(409);
    expect(renameFields(conflict, { to: 'target' })).toBe(conflict);
  });
});
