import { MemoryProjection, ProjectedEvent } from '@houqin/projections';
import { districtOccupancy, dormitoryOccupancy } from './dormitory-occupancy';
import { districtGreening, greeningFigures, hundredthsOf } from './greening-figures';

const building = (schoolId: string, buildingId: string) => {
  let version = 0;
  return (type: string, payload: Record<string, unknown> = {}): ProjectedEvent => ({
    type,
    streamType: 'DormitoryBuilding',
    streamVersion: ++version,
    schoolId,
    payload: { buildingId, schoolId, ...payload },
  });
};

describe('dormitory occupancy', () => {
  it('counts beds and occupied beds per school and by the building gender; a swap moves nobody, a move-out frees a bed', () => {
    const girls = building('S002', 'b-1');
    const boys = building('S002', 'b-2');
    const projection = new MemoryProjection(dormitoryOccupancy);
    for (const e of [
      girls('DormitoryBuildingRegistered', { gender: 'female' }),
      girls('DormitoryRoomAdded', { roomNumber: '101', capacity: 4 }),
      girls('DormitoryBedAssigned', { roomNumber: '101', bed: 1 }),
      girls('DormitoryBedAssigned', { roomNumber: '101', bed: 2 }),
      girls('DormitoryBedsSwapped', {}),
      girls('DormitoryBedVacated', { roomNumber: '101', bed: 2 }),
      boys('DormitoryBuildingRegistered', { gender: 'male' }),
      boys('DormitoryRoomAdded', { roomNumber: '201', capacity: 6 }),
      boys('DormitoryBedAssigned', { roomNumber: '201', bed: 1 }),
      boys('DormitoryRoomCapacityChanged', { roomNumber: '201', to: 8 }),
      boys('DormitoryRoomChecked', { roomNumber: '201' }),
    ])
      projection.apply(e);
    const [school] = projection.groupSums();
    expect(school).toEqual({
      key: 'S002',
      sums: { buildings: 2, rooms: 2, beds: 12, occupied: 2, maleBeds: 8, maleOccupied: 1, femaleBeds: 4, femaleOccupied: 1, mixedBeds: 0, mixedOccupied: 0 },
    });
    expect(districtOccupancy(projection.groupSums())).toMatchObject({ boardingSchools: 1, occupancy: 0.1667, byGender: { female: { occupancy: 0.25 }, mixed: { occupancy: null } } });
  });
});

describe('greening figure', () => {
  it('sums exact m² of areas in use, their trees and 古树名木, and care records (a removed area keeps its care history)', () => {
    let v = 0;
    const e = (type: string, payload: Record<string, unknown> = {}): ProjectedEvent => ({ type, streamType: 'GreenArea', streamVersion: ++v, schoolId: 'S001', payload: { greenAreaId: 'g-1', schoolId: 'S001', ...payload } });
    const projection = new MemoryProjection(greeningFigures);
    projection.apply(e('GreenAreaRegistered', { areaM2: '1200.5' }));
    projection.apply(e('GreenTreesRecorded', { treeId: 't', count: 3, notable: true }));
    projection.apply(e('GreenTreeCountChanged', { treeId: 't', to: 2 }));
    projection.apply(e('GreenCareRecorded', { kind: 'pest-control', late: true }));
    projection.apply(e('GreenAreaResized', { toM2: '1100.05' }));
    expect(projection.groupSums()[0].sums).toEqual({ areas: 1, areaHundredths: 110005, trees: 2, notableTrees: 2, careRecords: 1, pestControls: 1, lateCareRecords: 1 });
    expect(districtGreening(projection.groupSums())).toMatchObject({ schools: 1, areaM2: '1100.05' });
    projection.apply(e('GreenAreaRemoved', { reason: 'x' }));
    expect(projection.groupSums()[0].sums).toMatchObject({ areas: 0, areaHundredths: 0, trees: 0, careRecords: 1 });
    expect(hundredthsOf('0.5')).toBe(50);
  });
});
