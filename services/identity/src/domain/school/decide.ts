import { DISTRICT_SCOPE, SCHOOL_YEAR_PATTERN, SchoolEvent, SchoolProfile } from '@houqin/contracts';
import { Command, DomainError, unknownCommand } from '@houqin/event-sourcing';
import { SchoolState } from './state';

export type RegisterSchool = Command<'RegisterSchool', SchoolProfile & { schoolId: string }>;
export type ChangeSchoolProfile = Command<'ChangeSchoolProfile', SchoolProfile>;
export type RecordSchoolYearFigures = Command<'RecordSchoolYearFigures', { schoolYear: string; students: number; staff: number }>;
export type SchoolCommand = RegisterSchool | ChangeSchoolProfile | RecordSchoolYearFigures;

export function decide(command: SchoolCommand, state: SchoolState): SchoolEvent[] {
  switch (command.type) {
    case 'RegisterSchool':
      return register(command, state);
    case 'ChangeSchoolProfile':
      return changeProfile(command, state);
    case 'RecordSchoolYearFigures':
      return recordYear(command, state);
    default:
      return unknownCommand(command);
  }
}

function register({ data, metadata }: RegisterSchool, state: SchoolState): SchoolEvent[] {
  if (state.status !== 'none') throw new DomainError('school-exists', `School ${data.schoolId} is already registered`, `学校代码 ${data.schoolId} 已登记`, 'conflict');
  if (data.schoolId.toLowerCase() === DISTRICT_SCOPE) {
    throw new DomainError('school-code-reserved', `The code ${DISTRICT_SCOPE} is reserved for the district`, `代码 ${DISTRICT_SCOPE} 为区县保留，不能用作学校代码`, 'invalid');
  }
  return [{ type: 'SchoolRegistered', data: { ...data, registeredBy: metadata.actorId, registeredAt: metadata.now } }];
}

function changeProfile({ data, metadata }: ChangeSchoolProfile, state: SchoolState): SchoolEvent[] {
  if (state.status === 'none') throw schoolNotFound();
  const { status: _s, schoolId, registeredAt: _r, updatedAt: _u, years: _y, ...current } = state;
  if (sameProfile(current, data)) return [];
  return [{ type: 'SchoolProfileChanged', data: { schoolId, ...data, changedBy: metadata.actorId, changedAt: metadata.now } }];
}

function recordYear({ data, metadata }: RecordSchoolYearFigures, state: SchoolState): SchoolEvent[] {
  if (state.status === 'none') throw schoolNotFound();
  const match = SCHOOL_YEAR_PATTERN.exec(data.schoolYear);
  if (!match || Number(match[2]) !== Number(match[1]) + 1) {
    throw new DomainError('school-year-invalid', 'A school year is written 2026-2027 (two consecutive years)', '学年格式应为 2026-2027（相邻两年）', 'invalid');
  }
  const earlier = state.years[data.schoolYear];
  if (earlier && earlier.students === data.students && earlier.staff === data.staff) return [];
  return [{ type: 'SchoolYearFiguresRecorded', data: { schoolId: state.schoolId, ...data, recordedBy: metadata.actorId, recordedAt: metadata.now } }];
}

const PROFILE_FIELDS: (keyof SchoolProfile)[] = ['name', 'type', 'address', 'boarding', 'canteen', 'schoolBuses', 'floorAreaM2'];
const sameProfile = (a: SchoolProfile, b: SchoolProfile) => PROFILE_FIELDS.every((field) => a[field] === b[field]);

export const schoolNotFound = () => new DomainError('school-not-found', 'No such school', '学校不存在', 'not-found');
