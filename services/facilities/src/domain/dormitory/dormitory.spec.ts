import { DormitoryEvent, ROOM_CHECK_ITEMS } from '@houqin/contracts';
import { CommandMetadata, UnknownEventError } from '@houqin/event-sourcing';
import { given } from '@houqin/testing';
import { DormitoryCommand, dormitoryDecider } from './index';

const ids = { buildingId: 'b-1', schoolId: 'S002' };
const onTime = { late: false, lateByMs: 0 };
const manager = 'su.guan';
const at = (time: string) => `2026-09-01T${time}:00.000Z`;
const by = (time: string, now = at(time)): { metadata: CommandMetadata } => ({ metadata: { actorId: manager, actorRole: 'school-staff', now, occurredAt: at(time) } });

const registered: DormitoryEvent = { type: 'DormitoryBuildingRegistered', data: { ...ids, name: '1号楼', gender: 'female', registeredBy: manager, registeredAt: at('08:00') } };
const room101: DormitoryEvent = { type: 'DormitoryRoomAdded', data: { ...ids, roomNumber: '101', floor: 1, capacity: 2, addedBy: manager, addedAt: at('08:00') } };
const room102: DormitoryEvent = { type: 'DormitoryRoomAdded', data: { ...ids, roomNumber: '102', floor: 1, capacity: 4, addedBy: manager, addedAt: at('08:00') } };
const assigned = (roomNumber: string, bed: number, studentNumber: string, studentName: string, time = '09:00'): DormitoryEvent => ({
  type: 'DormitoryBedAssigned',
  data: { ...ids, roomNumber, bed, studentNumber, studentName, assignedBy: manager, assignedAt: at(time), ...onTime },
});
const lin = assigned('101', 1, '20260001', '林晓');
const zhou = assigned('101', 2, '20260002', '周雨');
const building = [registered, room101, room102];

const assign = (roomNumber: string, studentNumber: string, studentName: string, bed?: number): DormitoryCommand => ({
  type: 'AssignBed',
  data: { roomNumber, studentNumber, studentName, ...(bed === undefined ? {} : { bed }) },
  ...by('09:00'),
});

describe('dormitory beds (宿舍床位)', () => {
  it('registers a building and its rooms', () => {
    given(dormitoryDecider, [])
      .when({ type: 'RegisterDormitoryBuilding', data: { ...ids, name: '1号楼', gender: 'female' }, ...by('08:00') })
      .then([registered]);
    given(dormitoryDecider, [registered]).when({ type: 'AddDormitoryRoom', data: { roomNumber: '101', floor: 1, capacity: 2 }, ...by('08:00') }).then([room101]);
    given(dormitoryDecider, building).when({ type: 'AddDormitoryRoom', data: { roomNumber: '101', floor: 1, capacity: 6 }, ...by('08:00') }).thenThrows('room-exists', 'conflict');
  });

  it('assigns the lowest free bed when none is named, or the bed named', () => {
    given(dormitoryDecider, building).when(assign('101', '20260001', '林晓')).then([lin]);
    given(dormitoryDecider, [...building, lin]).when(assign('101', '20260002', '周雨')).then([zhou]);
    given(dormitoryDecider, building).when(assign('102', '20260003', '王芳', 3)).then([assigned('102', 3, '20260003', '王芳')]);
  });

  it('refuses a bed over capacity: a full room, and a bed the room does not have', () => {
    given(dormitoryDecider, [...building, lin, zhou]).when(assign('101', '20260003', '王芳')).thenThrows('room-full', 'conflict');
    given(dormitoryDecider, building).when(assign('101', '20260003', '王芳', 3)).thenThrows('bed-over-capacity', 'invalid');
  });

  it('refuses a taken bed', () => {
    given(dormitoryDecider, [...building, lin]).when(assign('101', '20260003', '王芳', 1)).thenThrows('bed-occupied', 'conflict');
  });

  it('refuses a student already on a bed a second one; the same assignment again changes nothing', () => {
    given(dormitoryDecider, [...building, lin]).when(assign('102', '20260001', '林晓')).thenThrows('student-already-housed', 'conflict');
    given(dormitoryDecider, [...building, lin]).when(assign('101', '20260001', '林晓', 1)).then([]);
  });

  it('frees the bed when the student moves out, so it can be taken again', () => {
    const vacated: DormitoryEvent = {
      type: 'DormitoryBedVacated',
      data: { ...ids, roomNumber: '101', bed: 1, studentNumber: '20260001', reason: 'moved-out', vacatedBy: manager, vacatedAt: at('10:00'), ...onTime },
    };
    given(dormitoryDecider, [...building, lin]).when({ type: 'VacateBed', data: { roomNumber: '101', bed: 1 }, ...by('10:00') }).then([vacated]);
    given(dormitoryDecider, [...building, lin, vacated]).when(assign('101', '20260003', '王芳')).then([assigned('101', 1, '20260003', '王芳')]);
    given(dormitoryDecider, [...building, lin, vacated]).when(assign('102', '20260001', '林晓')).then([assigned('102', 1, '20260001', '林晓')]);
    given(dormitoryDecider, building).when({ type: 'VacateBed', data: { roomNumber: '101', bed: 1 }, ...by('10:00') }).thenThrows('bed-empty', 'conflict');
  });

  it('moves a student to a free bed of the building, and swaps two students', () => {
    given(dormitoryDecider, [...building, lin])
      .when({ type: 'MoveStudent', data: { from: { roomNumber: '101', bed: 1 }, to: { roomNumber: '102', bed: 2 } }, ...by('11:00') })
      .then([
        { type: 'DormitoryBedVacated', data: { ...ids, roomNumber: '101', bed: 1, studentNumber: '20260001', reason: 'moved-within-building', vacatedBy: manager, vacatedAt: at('11:00'), ...onTime } },
        assigned('102', 2, '20260001', '林晓', '11:00'),
      ]);
    given(dormitoryDecider, [...building, lin, zhou])
      .when({ type: 'MoveStudent', data: { from: { roomNumber: '101', bed: 1 }, to: { roomNumber: '101', bed: 2 } }, ...by('11:00') })
      .thenThrows('bed-occupied');
    const swapped: DormitoryEvent = {
      type: 'DormitoryBedsSwapped',
      data: {
        ...ids,
        first: { roomNumber: '101', bed: 1, studentNumber: '20260001' },
        second: { roomNumber: '101', bed: 2, studentNumber: '20260002' },
        swappedBy: manager,
        swappedAt: at('11:00'),
        ...onTime,
      },
    };
    given(dormitoryDecider, [...building, lin, zhou]).when({ type: 'SwapBeds', data: { first: { roomNumber: '101', bed: 1 }, second: { roomNumber: '101', bed: 2 } }, ...by('11:00') }).then([swapped]);
    const state = [...building, lin, zhou, swapped].reduce(dormitoryDecider.evolve, dormitoryDecider.initialState());
    expect(state.status === 'registered' && state.students).toEqual({ '20260001': { roomNumber: '101', bed: 2 }, '20260002': { roomNumber: '101', bed: 1 } });
  });

  it('never lowers a room below its highest occupied bed', () => {
    given(dormitoryDecider, [...building, lin, zhou]).when({ type: 'ChangeRoomCapacity', data: { roomNumber: '101', capacity: 1, reason: '拆床' }, ...by('12:00') }).thenThrows('capacity-below-occupied', 'conflict');
    given(dormitoryDecider, [...building, lin])
      .when({ type: 'ChangeRoomCapacity', data: { roomNumber: '101', capacity: 1, reason: '拆除上铺' }, ...by('12:00') })
      .then([{ type: 'DormitoryRoomCapacityChanged', data: { ...ids, roomNumber: '101', from: 2, to: 1, reason: '拆除上铺', changedBy: manager, changedAt: at('12:00') } }]);
  });

  it('marks a bed change entered more than 24 h after it happened as a late entry (补录)', () => {
    const late = { type: 'AssignBed', data: { roomNumber: '101', studentNumber: '20260001', studentName: '林晓' }, ...by('09:00', '2026-09-02T10:00:00.000Z') } as DormitoryCommand;
    given(dormitoryDecider, building).when(late).then([{ ...lin, data: { ...lin.data, late: true, lateByMs: 3_600_000 } } as DormitoryEvent]);
  });

  it('refuses commands on a building that does not exist, and rooms it does not have', () => {
    given(dormitoryDecider, []).when(assign('101', '20260001', '林晓')).thenThrows('dormitory-building-not-found', 'not-found');
    given(dormitoryDecider, building).when(assign('909', '20260001', '林晓')).thenThrows('room-not-found', 'invalid');
  });
});

describe('room facility checks (宿舍设施检查)', () => {
  const allPass = ROOM_CHECK_ITEMS.map((item) => ({ item, passed: true }));
  const checkWith = (results: { item: (typeof ROOM_CHECK_ITEMS)[number]; passed: boolean; note?: string }[]): DormitoryCommand => ({
    type: 'CheckRoom',
    data: { checkId: 'c-1', roomNumber: '101', results },
    ...by('20:00'),
  });

  it('must answer every item', () => {
    given(dormitoryDecider, building).when(checkWith(allPass.slice(1))).thenThrows('check-incomplete', 'invalid');
    given(dormitoryDecider, building).when(checkWith([...allPass, { item: 'lights', passed: false, note: 'x' }])).thenThrows('check-item-twice');
  });

  it('needs a note on a failed item, and counts the failures', () => {
    const failed = allPass.map((r) => (r.item === 'doors-locks' ? { item: r.item, passed: false } : r));
    given(dormitoryDecider, building).when(checkWith(failed)).thenThrows('failed-item-needs-note', 'invalid');
    const explained = allPass.map((r) => (r.item === 'doors-locks' ? { item: r.item, passed: false, note: ' 门锁损坏 ' } : r)).reverse();
    given(dormitoryDecider, building)
      .when(checkWith(explained))
      .then([
        {
          type: 'DormitoryRoomChecked',
          data: {
            ...ids,
            checkId: 'c-1',
            roomNumber: '101',
            results: ROOM_CHECK_ITEMS.map((item) => (item === 'doors-locks' ? { item, passed: false, note: '门锁损坏' } : { item, passed: true })),
            failedItems: 1,
            checkedBy: manager,
            checkedAt: at('20:00'),
            ...onTime,
          },
        },
      ]);
  });
});

describe('dormitory state', () => {
  it('fails loudly on an unknown stored event or an impossible history', () => {
    const fold = (events: DormitoryEvent[]) => events.reduce(dormitoryDecider.evolve, dormitoryDecider.initialState());
    expect(() => fold([registered, { type: 'DormitoryDemolished', data: ids } as unknown as DormitoryEvent])).toThrow(UnknownEventError);
    expect(() => fold([room101])).toThrow(/cannot follow a none/);
  });
});
