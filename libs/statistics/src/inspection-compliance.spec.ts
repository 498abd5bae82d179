import { MemoryProjection, ProjectedEvent } from '@houqin/projections';
import { figureNamed, figureTotal } from './figures';
import { districtInspectionCompliance, inspectionCompliance, inspectionComplianceOf } from './inspection-compliance';

const ev = (type: string, streamVersion: number, payload: Record<string, unknown> = {}, planId = 'plan-1', schoolId = 'S001'): ProjectedEvent => ({
  type,
  streamType: 'InspectionPlan',
  streamVersion,
  schoolId,
  payload: { planId, schoolId, ...payload },
});
const created = (planId: string, kind = 'fire-extinguisher', schoolId = 'S001') => ev('InspectionPlanCreated', 1, { kind, late: false }, planId, schoolId);
const recorded = (planId: string, v: number, onTime: boolean, late = false) => ev('InspectionRecorded', v, { onTime, late }, planId);
const overdue = (planId: string, v: number) => ev('InspectionOverdue', v, { dueAt: 'x', raisedAt: 'y' }, planId);

const run = (events: ProjectedEvent[]) => {
  const p = new MemoryProjection(inspectionCompliance);
  events.forEach((e) => p.apply(e));
  return p.groupSums();
};

describe('inspection compliance figure', () => {
  it('counts due inspections done on time, late (closing an overdue) and missed, by kind', () => {
    const [s] = run([
      created('a'), recorded('a', 2, true), overdue('a', 3), recorded('a', 4, false), // on time, then late
      created('b', 'elevator'), overdue('b', 2), // missed, still open
    ]);
    const c = inspectionComplianceOf(s.sums);
    expect(c.byKind['fire-extinguisher']).toEqual({ onTime: 1, late: 1, missed: 0, rate: 0.5 });
    expect(c.byKind.elevator).toEqual({ onTime: 0, late: 0, missed: 1, rate: 0 });
    expect(c.byKind.library).toEqual({ onTime: 0, late: 0, missed: 0, rate: null });
    expect(c.all).toEqual({ onTime: 1, late: 1, missed: 1, rate: 0.3333 });
  });

  it('keeps a plan retired while overdue as missed, and counts late entries (补录)', () => {
    const [s] = run([created('a'), overdue('a', 2), ev('InspectionPlanRetired', 3, { reason: 'x' }, 'a'), created('b'), recorded('b', 2, true, true)]);
    expect(inspectionComplianceOf(s.sums)).toMatchObject({ all: { missed: 1, onTime: 1 }, lateEntries: 1 });
  });

  it('adds the schools up for the district, and is a registered figure', () => {
    const groups = run([created('a'), recorded('a', 2, true), created('c', 'library', 'S002')]);
    expect(districtInspectionCompliance(groups)).toMatchObject({ schools: 2, all: { onTime: 1, rate: 1 } });
    expect(figureTotal(figureNamed('inspection-compliance')!, groups)).toEqual(districtInspectionCompliance(groups));
  });
});
