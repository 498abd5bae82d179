import { useRef } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { get, post } from '../../api/client';
import { CommandKey } from '../../api/commandKey';
import { allPages, Page } from '../inspections/api';

export const AREA_KINDS = ['lawn', 'flower-bed', 'woodland', 'hedge', 'roof-garden', 'planting-garden'] as const;
export type AreaKind = (typeof AREA_KINDS)[number];
export const CARE_KINDS = ['pruning', 'watering', 'pest-control', 'fertilising', 'weeding'] as const;
export type CareKind = (typeof CARE_KINDS)[number];
/** m² as the service takes it: exact decimal text, ≤ 2 places. */
export const AREA_PATTERN = /^(0|[1-9][0-9]{0,6})(\.[0-9]{1,2})?$/;

export interface GreenArea {
  greenAreaId: string;
  schoolId: string;
  status: 'active' | 'removed';
  name: string;
  location: string;
  areaM2: string;
  kind: AreaKind;
  kindZh: string;
  trees: number;
  notableTrees: number;
  careCount: number;
  lastCare?: { kind: CareKind; caredAt: string };
  closedUntil?: string;
  version: number;
}

export interface Trees {
  treeId: string;
  species: string;
  speciesZh: string;
  count: number;
  location: string;
  plantedOn?: string;
  notable: boolean;
}

export interface Care {
  careId: string;
  greenAreaId: string;
  areaName?: string;
  kind: CareKind;
  kindZh: string;
  treeId?: string;
  performedBy: string;
  note?: string;
  pesticide?: { name: string; safetyIntervalDays: number; closedUntil: string };
  recordedBy: string;
  caredAt: string;
  late: boolean;
}

export const fetchAreas = (query: { kind?: AreaKind; q?: string; consistentWith?: string }, signal?: AbortSignal) =>
  get<{ items: GreenArea[]; nextCursor?: string }>('facilities', '/green-areas', { limit: 200, ...query }, signal);
export const fetchArea = (id: string, consistentWith?: string, signal?: AbortSignal) =>
  get<GreenArea & { trees: Trees[]; care: Care[] }>('facilities', `/green-areas/${id}`, { consistentWith }, signal);
/** The care records the filters select, every page (the service pages them by cursor), at most 5000: the table and its Excel export. */
export const fetchCare = async (query: { from?: string; to?: string; kind?: CareKind }, signal?: AbortSignal): Promise<{ items: Care[] }> => ({
  items: await allPages((page) => get<Page<Care>>('facilities', '/green-areas/care', page, signal), query, 5000),
});

/** A greening command: one Idempotency-Key per user action; the greening queries refresh. */
export function useGreeningCommand<V extends object>(path: (vars: V) => string, body: (vars: V) => object = (v) => v) {
  const client = useQueryClient();
  const key = useRef(new CommandKey());
  return useMutation({
    mutationFn: (vars: V) => post<{ id: string; position?: string }>('facilities', path(vars), withoutBlanks(body(vars)), { idempotencyKey: key.current.value }),
    onSuccess: async () => {
      key.current.settled();
      await client.invalidateQueries({ queryKey: ['greening'] });
    },
    onError: (err) => key.current.settled(err),
  });
}

const withoutBlanks = (value: object) => Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && v !== ''));
