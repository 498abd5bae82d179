import type { Trees } from './api';

/** 面积变更: the m² as exact decimal text (never a float), with its reason. */
export const resizeBody = (v: { areaM2: string; reason: string }) => ({ areaM2: v.areaM2.trim(), reason: v.reason.trim() });

/** 撤销绿地: the reason only. */
export const removeBody = (v: { reason: string }) => ({ reason: v.reason.trim() });

/** 株数变更: the stand's new count (0 when all are gone) and why. */
export const treeCountBody = (treeId: string, v: { count: number | string; reason: string }) => ({ treeId, count: Number(v.count), reason: v.reason.trim() });

/** How the count changes: the form says so beside the field (补植 / 减少), and nothing when unchanged. */
export function countChange(trees: Pick<Trees, 'count'>, next: number | string | null | undefined): 'more' | 'fewer' | 'same' | undefined {
  if (next === null || next === undefined || next === '' || !Number.isInteger(Number(next))) return undefined;
  const n = Number(next);
  return n > trees.count ? 'more' : n < trees.count ? 'fewer' : 'same';
}

/** Fewer 古树名木 is recorded by a school admin only (the service refuses anyone else): the form warns first. */
export const needsAdmin = (trees: Pick<Trees, 'count' | 'notable'>, next: number | string | null | undefined, role?: string) =>
  trees.notable && countChange(trees, next) === 'fewer' && role !== 'school-admin';
