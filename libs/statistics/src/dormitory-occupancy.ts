/**
 * The bureau's dormitory occupancy (宿舍入住率), per school: buildings, rooms, beds and occupied beds, by the
 * building's gender (男/女/混合). A pure projection of facilities' dormitory events: the bureau keeps it live
 * and the audit replays it. Figures only: no student reaches it (a bed counts, never who sleeps in it).
 */
import { DORMITORY_GENDERS, DORMITORY_STREAM_TYPE, DormitoryGender } from '@houqin/contracts';
import { defineProjection, Group, ProjectedEvent, ProjectionGapError, zeroSums } from '@houqin/projections';

export interface DormitoryBuildingFacts {
  buildingId: string;
  schoolId: string;
  gender: DormitoryGender;
  /** Per room: its beds and how many are taken. */
  rooms: Record<string, { capacity: number; occupied: number }>;
}

type GenderField = `${DormitoryGender}Beds` | `${DormitoryGender}Occupied`;
export const DORMITORY_OCCUPANCY_FIELDS = ['buildings', 'rooms', 'beds', 'occupied', ...DORMITORY_GENDERS.flatMap((g): GenderField[] => [`${g}Beds`, `${g}Occupied`])] as const;
export type DormitoryOccupancyField = (typeof DORMITORY_OCCUPANCY_FIELDS)[number];

function contribution(b: DormitoryBuildingFacts): Record<DormitoryOccupancyField, number> {
  const sums = zeroSums<DormitoryOccupancyField>(DORMITORY_OCCUPANCY_FIELDS);
  const rooms = Object.values(b.rooms);
  sums.buildings = 1;
  sums.rooms = rooms.length;
  sums.beds = rooms.reduce((n, r) => n + r.capacity, 0);
  sums.occupied = rooms.reduce((n, r) => n + r.occupied, 0);
  sums[`${b.gender}Beds`] = sums.beds;
  sums[`${b.gender}Occupied`] = sums.occupied;
  return sums;
}

function evolve(b: DormitoryBuildingFacts | null, event: ProjectedEvent): DormitoryBuildingFacts {
  const p = event.payload;
  if (!b) {
    if (event.type !== 'DormitoryBuildingRegistered') throw new ProjectionGapError(event, String(p['buildingId']), 1, 'DormitoryBuildingRegistered');
    return { buildingId: String(p['buildingId']), schoolId: event.schoolId, gender: p['gender'] as DormitoryGender, rooms: {} };
  }
  const room = String(p['roomNumber']);
  const change = (capacity: number, occupiedBy: number) => {
    const before = b.rooms[room] ?? { capacity: 0, occupied: 0 };
    return { ...b, rooms: { ...b.rooms, [room]: { capacity, occupied: before.occupied + occupiedBy } } };
  };
  switch (event.type) {
    case 'DormitoryRoomAdded':
      return change(Number(p['capacity']), 0);
    case 'DormitoryRoomCapacityChanged':
      return change(Number(p['to']), 0);
    case 'DormitoryBedAssigned':
      return change(b.rooms[room]?.capacity ?? 0, 1);
    case 'DormitoryBedVacated':
      return change(b.rooms[room]?.capacity ?? 0, -1);
    default:
      return b; // swaps and checks move nobody in or out
  }
}

export const dormitoryOccupancy = defineProjection<DormitoryBuildingFacts, DormitoryOccupancyField>({
  name: 'dormitory-occupancy',
  version: 1,
  streamType: DORMITORY_STREAM_TYPE,
  streamKey: (event) => String(event.payload['buildingId']),
  evolve,
  rollup: { fields: DORMITORY_OCCUPANCY_FIELDS, groupBy: (b) => b.schoolId, contribution },
});

/** Share of beds taken, 4 decimals (null without beds). */
export const occupancyRate = (occupied: number, beds: number): number | null => (beds === 0 ? null : Math.round((occupied / beds) * 10_000) / 10_000);

/** The district: sums, boarding schools (with beds), and the occupancy overall and by gender. */
export function districtOccupancy(groups: Group<DormitoryOccupancyField>[]) {
  const sums = zeroSums<DormitoryOccupancyField>(DORMITORY_OCCUPANCY_FIELDS);
  for (const g of groups) for (const f of DORMITORY_OCCUPANCY_FIELDS) sums[f] += g.sums[f];
  return {
    boardingSchools: groups.filter((g) => g.sums.beds > 0).length,
    ...sums,
    occupancy: occupancyRate(sums.occupied, sums.beds),
    byGender: Object.fromEntries(DORMITORY_GENDERS.map((g) => [g, { beds: sums[`${g}Beds`], occupied: sums[`${g}Occupied`], occupancy: occupancyRate(sums[`${g}Occupied`], sums[`${g}Beds`]) }])),
  };
}
