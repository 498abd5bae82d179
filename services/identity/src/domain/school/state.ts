import { SchoolEvent, SchoolProfile } from '@houqin/contracts';
import { unknownEvent } from '@houqin/event-sourcing';

export interface YearFigures {
  students: number;
  staff: number;
  recordedAt: string;
}

interface Registered extends SchoolProfile {
  status: 'registered';
  schoolId: string;
  registeredAt: string;
  updatedAt: string;
  /** 学年 → counts; a later record of a year replaces the earlier. */
  years: Record<string, YearFigures>;
}

export type SchoolState = { status: 'none' } | Registered;
export type RegisteredSchool = Registered;

export const initialState = (): SchoolState => ({ status: 'none' });

export function evolve(state: SchoolState, event: SchoolEvent): SchoolState {
  switch (event.type) {
    case 'SchoolRegistered': {
      const { registeredBy: _by, registeredAt, ...profile } = event.data;
      return { status: 'registered', ...profile, registeredAt, updatedAt: registeredAt, years: {} };
    }
    case 'SchoolProfileChanged': {
      const { changedBy: _by, changedAt, ...profile } = event.data;
      return { ...registered(state), ...profile, updatedAt: changedAt };
    }
    case 'SchoolYearFiguresRecorded': {
      const { schoolYear, students, staff, recordedAt } = event.data;
      const before = registered(state);
      return { ...before, updatedAt: recordedAt, years: { ...before.years, [schoolYear]: { students, staff, recordedAt } } };
    }
    default:
      return unknownEvent(event);
  }
}

function registered(state: SchoolState): Registered {
  if (state.status !== 'registered') throw new Error('School event on a school that was never registered');
  return state;
}
