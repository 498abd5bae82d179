import { useRef } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { get, newKey, post } from '../../api/client';
import type { MessageKey } from '../../i18n/messages';

/** The ledger's categories (GB/T 14885 layout, as the facilities contract lists them). */
export const ASSET_CATEGORY_CODES = [
  '1010000', '1020100', '1020200', '1020300', '1020400', '1030000', '2010104', '2010105', '2010199', '2020000', '2030000', '2040000', '2050000', '2060000',
  '2080000', '2090000', '2100000', '3210000', '3400000', '3600000', '3220000', '3230000', '3240000', '4000000', '5000000', '6010000', '6020000',
] as const;
export const FUNDING_SOURCES = ['fiscal', 'self-raised', 'donation', 'transfer', 'other'] as const;
export const DISPOSAL_METHODS = ['scrapped', 'sold', 'donated', 'transferred', 'written-off'] as const;
export const LEDGER_STATUSES = ['in-use', 'lent', 'missing', 'damaged', 'disposal-requested', 'disposed'] as const;
export const ASSET_SORTS = ['registeredAt', 'purchaseDate', 'name', 'price'] as const;
/** The district default of facilities.asset.disposalBureauApproval (the request records the rule it was judged by). */
export const BUREAU_THRESHOLD_FEN = 5_000_000;

export type LedgerStatus = (typeof LEDGER_STATUSES)[number];
export const categoryKey = (code: string) => `assets.cat.${code}` as MessageKey;

export interface AssetLocation {
  building: string;
  floor?: string;
  room?: string;
}

export interface Asset {
  assetId: string;
  schoolId: string;
  status: 'in-use' | 'lent' | 'missing' | 'disposed';
  ledgerStatus: LedgerStatus;
  category: string;
  categoryZh?: string;
  name: string;
  model?: string;
  serialNumber?: string;
  purchaseDate: string;
  priceFen: number;
  supplier?: string;
  fundingSource: (typeof FUNDING_SOURCES)[number];
  location: AssetLocation;
  custodian?: string;
  warrantyEndsOn?: string;
  usefulLifeYears?: number;
  registeredAt: string;
  netBookValueFen: number;
  loan?: { borrower: string; dueBackOn: string };
  damage?: { note: string };
  disposal?: { stage: 'requested' | 'awaiting-bureau' | 'approved'; method: string; reason: string; bureauApprovalRequired: boolean; requestedAt: string };
  residualValueFen?: number;
  disposedOn?: string;
  version: number;
}

export interface BookValue {
  on: string;
  monthsCharged: number;
  accumulatedFen: number;
  netBookValueFen: number;
  fullyDepreciated: boolean;
}

export interface AssetDetail extends Asset {
  bookValueToday: BookValue;
  bookValueAt?: BookValue;
  history: { type: string; version: number; occurredAt: string; actor: { id: string; role: string; name?: string }; data: Record<string, unknown> }[];
}

export interface AssetAccepted {
  assetId: string;
  version: number;
  position?: string;
}

export interface AssetPage {
  asOf: string;
  items: Asset[];
  nextCursor?: string;
}

export const fetchAssets = (query: Record<string, string | number | undefined>, signal?: AbortSignal) => get<AssetPage>('facilities', '/assets', query, signal);
export const fetchAsset = (assetId: string, at?: string, signal?: AbortSignal) => get<AssetDetail>('facilities', `/assets/${assetId}`, { at }, signal);

/** ¥ with two decimals from integer fen (exact: no float division). */
export function yuan(fen?: number | null): string {
  if (fen === undefined || fen === null) return '—';
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const whole = Math.floor(abs / 100).toLocaleString('en-US');
  return `${sign}${whole}.${String(abs % 100).padStart(2, '0')}`;
}

/** 万元 with two decimals, for dashboards. */
export const tenThousandYuan = (fen: number): number => Math.round(fen / 10_000) / 100;

export const YUAN_PATTERN = /^\d{1,10}(\.\d{1,2})?$/;
/** '6000.5' → 600050 fen, from the text (no float multiplication). */
export function fenOf(text: string): number {
  const [whole, cents = ''] = text.trim().split('.');
  return Number(whole) * 100 + Number(cents.padEnd(2, '0'));
}

export const locationText = (l?: AssetLocation) => (l ? [l.building, l.floor, l.room].filter(Boolean).join(' ') : '—');

/** An asset command: one Idempotency-Key per user action (renewed after a success); the asset lists are refreshed. */
export function useAssetCommand<V extends object>(path: (vars: V) => string) {
  const client = useQueryClient();
  const key = useRef(newKey());
  return useMutation({
    mutationFn: (vars: V) => post<AssetAccepted>('facilities', path(vars), withoutBlanks(vars), { idempotencyKey: key.current }),
    onSuccess: async () => {
      key.current = newKey();
      await client.invalidateQueries({ queryKey: ['assets'] });
    },
  });
}

const withoutBlanks = (value: object) => Object.fromEntries(Object.entries(value).filter(([k, v]) => v !== undefined && v !== '' && k !== 'id'));
