import { useRef } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { get, post } from '../../api/client';
import { CommandKey } from '../../api/commandKey';

export const GENDERS = ['male', 'female', 'mixed'] as const;
export type Gender = (typeof GENDERS)[number];
export const CHECK_ITEMS = ['lights', 'doors-locks', 'windows', 'beds', 'fire-safety', 'hygiene'] as const;
export type CheckItem = (typeof CHECK_ITEMS)[number];
/** As the service takes it: 4-32 letters, digits or '-'. */
export const STUDENT_NUMBER_PATTERN = /^[A-Za-z0-9-]{4,32}$/;

export interface BuildingSummary {
  buildingId: string;
  schoolId: string;
  name: string;
  gender: Gender;
  genderZh: string;
  rooms: number;
  beds: number;
  occupied: number;
  roomsFailingCheck: number;
  occupancy: number | null;
  version: number;
}

export interface Bed {
  bed: number;
  occupied: boolean;
  /** Only for the building's own school; the number masked to its last 4. */
  studentName?: string;
  studentNumber?: string;
  since?: string;
}

export interface Room {
  roomNumber: string;
  floor: number;
  capacity: number;
  occupied: number;
  beds: Bed[];
  lastCheck?: { checkId: string; checkedAt: string; failedItems: number; results: { item: CheckItem; itemZh: string; passed: boolean; note?: string }[] };
}

export type Building = BuildingSummary & { rooms: Room[] };

export interface Accepted {
  id: string;
  version: number;
  position?: string;
}

export const fetchBuildings = (query: { gender?: Gender; q?: string; cursor?: string; consistentWith?: string }, signal?: AbortSignal) =>
  get<{ items: BuildingSummary[]; nextCursor?: string }>('facilities', '/dormitories', { limit: 100, ...query }, signal);
export const fetchBuilding = (id: string, signal?: AbortSignal) => get<Building>('facilities', `/dormitories/${id}`, undefined, signal);

/** A dormitory command: one Idempotency-Key per user action, renewed after a success; the dormitory queries refresh. */
export function useDormitoryCommand<V extends object>(path: (vars: V) => string, body: (vars: V) => object = (v) => v) {
  const client = useQueryClient();
  const key = useRef(new CommandKey());
  return useMutation({
    mutationFn: (vars: V) => post<Accepted>('facilities', path(vars), withoutBlanks(body(vars)), { idempotencyKey: key.current.value }),
    onSuccess: async () => {
      key.current.settled();
      await client.invalidateQueries({ queryKey: ['dormitories'] });
    },
    onError: (err) => key.current.settled(err),
  });
}

export const withoutBlanks = (value: object) => Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && v !== ''));

/** Green under 80 %, amber to 100 %, red when full: the grid's and the list's occupancy colours. */
export const occupancyColour = (share: number | null) => (share === null ? '#d9d9d9' : share >= 1 ? '#cf1322' : share >= 0.8 ? '#d48806' : '#389e0d');
