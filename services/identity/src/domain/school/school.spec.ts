import { SchoolEvent, SchoolProfile } from '@houqin/contracts';
import { CommandMetadata } from '@houqin/event-sourcing';
import { given } from '@houqin/testing';
import { schoolDecider } from './index';

const now = '2026-11-30T08:00:00.000Z';
const admin: { metadata: CommandMetadata } = { metadata: { actorId: 'root', actorRole: 'system-admin', now, occurredAt: now } };
const profile: SchoolProfile = { name: '第一实验小学', type: 'primary', address: '人民路 1 号', boarding: false, canteen: true, schoolBuses: true, floorAreaM2: 12500 };
const registered: SchoolEvent = { type: 'SchoolRegistered', data: { schoolId: 'S001', ...profile, registeredBy: 'root', registeredAt: now } };

describe('school (学校登记)', () => {
  it('is registered under its code', () => {
    given(schoolDecider, []).when({ type: 'RegisterSchool', data: { schoolId: 'S001', ...profile }, ...admin }).then([registered]);
  });

  it('is registered once', () => {
    given(schoolDecider, [registered]).when({ type: 'RegisterSchool', data: { schoolId: 'S001', ...profile }, ...admin }).thenThrows('school-exists', 'conflict');
  });

  it('never under the district code', () => {
    given(schoolDecider, []).when({ type: 'RegisterSchool', data: { schoolId: 'DISTRICT', ...profile }, ...admin }).thenThrows('school-code-reserved');
  });

  it('changes its profile; an unchanged profile is no event', () => {
    given(schoolDecider, [registered])
      .when({ type: 'ChangeSchoolProfile', data: { ...profile, boarding: true }, ...admin })
      .then([{ type: 'SchoolProfileChanged', data: { schoolId: 'S001', ...profile, boarding: true, changedBy: 'root', changedAt: now } }]);
    given(schoolDecider, [registered]).when({ type: 'ChangeSchoolProfile', data: profile, ...admin }).then([]);
  });

  it('records the counts of a school year', () => {
    const recorded: SchoolEvent = { type: 'SchoolYearFiguresRecorded', data: { schoolId: 'S001', schoolYear: '2026-2027', students: 1200, staff: 90, recordedBy: 'root', recordedAt: now } };
    given(schoolDecider, [registered]).when({ type: 'RecordSchoolYearFigures', data: { schoolYear: '2026-2027', students: 1200, staff: 90 }, ...admin }).then([recorded]);
    given(schoolDecider, [registered, recorded]).when({ type: 'RecordSchoolYearFigures', data: { schoolYear: '2026-2027', students: 1200, staff: 90 }, ...admin }).then([]);
  });

  it('refuses a school year that is not two consecutive years, and an unknown school', () => {
    given(schoolDecider, [registered]).when({ type: 'RecordSchoolYearFigures', data: { schoolYear: '2026-2028', students: 1, staff: 1 }, ...admin }).thenThrows('school-year-invalid');
    given(schoolDecider, []).when({ type: 'ChangeSchoolProfile', data: profile, ...admin }).thenThrows('school-not-found', 'not-found');
  });
});
