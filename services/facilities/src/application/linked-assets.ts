import { Injectable } from '@nestjs/common';
import { ASSET_CATEGORIES, ASSET_STREAM_TYPE, AssetLocation, WorkOrderCategory } from '@houqin/contracts';
import { CommandExecutor, streamIdOf } from '@houqin/event-store';
import { evolve, initialState } from '../domain/asset/state';

/** What a QR label and the public report page show of an asset. */
export interface LinkedAsset {
  assetId: string;
  schoolId: string;
  name: string;
  category: string;
  categoryZh?: string;
  model?: string;
  location: AssetLocation;
  /** False once disposed (报废): a label on it reports nothing any more. */
  inLedger: boolean;
}

/** The asset from its stream (always current; one small stream per scan). Undefined when there is none. */
@Injectable()
export class LinkedAssets {
  constructor(private readonly executor: CommandExecutor) {}

  async find(assetId: string): Promise<LinkedAsset | undefined> {
    const reader = { initialState, evolve, decide: () => [] };
    const { state } = await this.executor.load(reader, streamIdOf({ streamType: ASSET_STREAM_TYPE }, assetId));
    if (state.status === 'none') return undefined;
    return {
      assetId: state.assetId,
      schoolId: state.schoolId,
      name: state.name,
      category: state.category,
      categoryZh: ASSET_CATEGORIES.find((c) => c.code === state.category)?.zh,
      ...(state.model ? { model: state.model } : {}),
      location: state.location,
      inLedger: state.status !== 'disposed',
    };
  }
}

/** 楼宇 3F 302 */
export const locationText = (l: AssetLocation) => [l.building, l.floor, l.room].filter(Boolean).join(' ');

/** The repair trade an asset's ledger category usually needs (the school re-categorises when it assigns). */
export function repairCategoryOf(assetCategory: string): WorkOrderCategory {
  if (assetCategory.startsWith('10')) return 'building';
  if (assetCategory.startsWith('201') || assetCategory === '2080000' || assetCategory === '2090000') return 'network';
  if (assetCategory === '2050000') return 'hvac';
  if (assetCategory === '2060000') return 'electrical';
  if (assetCategory.startsWith('60')) return 'furniture';
  return 'other';
}
