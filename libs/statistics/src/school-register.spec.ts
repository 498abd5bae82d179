import { MemoryProjection, ProjectedEvent, ProjectionGapError } from '@houqin/projections';
import { schoolRegister, schoolTypeLabel, schoolYearsOf } from './school-register';

const profile = { name: '实验小学', type: 'primary', address: '和平路1号', boarding: false, canteen: true, schoolBuses: false, floorAreaM2: 12500.5 };
const ev = (type: string, streamVersion: number, payload: Record<string, unknown>, schoolId = 'S001'): ProjectedEvent => ({
  type,
  streamType: 'School',
  streamVersion,
  schoolId,
  payload: { schoolId, ...payload },
});
const registered = () => ev('SchoolRegistered', 1, { ...profile, registeredBy: 'admin', registeredAt: '2026-09-01T00:00:00.000Z' });

describe('the school register (identity events → bureau)', () => {
  it('keeps the profile as registered, then as changed, and the counts per school year', () => {
    const register = new MemoryProjection(schoolRegister);
    register.apply(registered());
    register.apply(ev('SchoolYearFiguresRecorded', 2, { schoolYear: '2025-2026', students: 800, staff: 60, recordedBy: 'admin', recordedAt: '2026-09-02T00:00:00.000Z' }));
    register.apply(ev('SchoolYearFiguresRecorded', 3, { schoolYear: '2026-2027', students: 820, staff: 61, recordedBy: 'admin', recordedAt: '2026-09-03T00:00:00.000Z' }));
    register.apply(ev('SchoolProfileChanged', 4, { ...profile, type: 'nine-year', boarding: true, changedBy: 'admin', changedAt: '2026-09-04T00:00:00.000Z' }));
    register.apply(ev('SchoolYearFiguresRecorded', 5, { schoolYear: '2026-2027', students: 830, staff: 62, recordedBy: 'admin', recordedAt: '2026-09-05T00:00:00.000Z' }));

    const school = register.document('S001')!;
    expect(school.version).toBe(5);
    expect(school.doc).toMatchObject({ name: '实验小学', type: 'nine-year', boarding: true, canteen: true, floorAreaM2: 12500.5, registeredAt: '2026-09-01T00:00:00.000Z', changedAt: '2026-09-05T00:00:00.000Z' });
    expect(schoolYearsOf(school.doc!.years)).toEqual([
      { schoolYear: '2026-2027', students: 830, staff: 62 },
      { schoolYear: '2025-2026', students: 800, staff: 60 },
    ]);
    expect(schoolTypeLabel(school.doc!.type)).toBe('九年一贯制');
  });

  it('absorbs a redelivery, refuses a school whose registration is missing, and ignores account streams', () => {
    const register = new MemoryProjection(schoolRegister);
    register.apply(registered());
    register.apply(registered());
    expect(register.duplicates).toBe(1);
    expect(() => register.apply(ev('SchoolProfileChanged', 1, { ...profile, changedBy: 'a', changedAt: '2026-09-04T00:00:00.000Z' }, 'S002'))).toThrow(ProjectionGapError);
    register.apply({ ...ev('AccountCreated', 1, {}), streamType: 'Account' });
    expect(register.applied).toBe(1);
  });
});
