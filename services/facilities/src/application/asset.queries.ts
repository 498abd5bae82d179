import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AssetCategoryCode } from '@houqin/contracts';
import { CommandExecutor, LoadedStream, pgPoolOf, SqlPool, streamIdOf, streamNotFound } from '@houqin/event-store';
import { keysetList, ListOrder, ListPage } from '@houqin/projection-store';
import { assetDecider, AssetState, ExistingAsset, LedgerStatus, PendingDisposal } from '../domain/asset';

export const ASSET_LIST_SORTS = ['registeredAt', 'purchaseDate', 'name', 'price'] as const;
export type AssetListSort = (typeof ASSET_LIST_SORTS)[number];

export interface AssetListQuery {
  /** Undefined: every school (bureau-official, auditor, system-admin). */
  schoolId?: string;
  category?: AssetCategoryCode;
  building?: string;
  status?: LedgerStatus;
  disposalStage?: PendingDisposal['stage'];
  custodian?: string;
  q?: string;
  sort: AssetListSort;
  order: ListOrder;
  limit: number;
  cursor?: string;
}

/** Each sort tied by the asset id. */
const assets = keysetList<AssetListSort>({
  table: 'asset_list',
  id: 'asset_id',
  select: ['doc', 'version'],
  sorts: {
    registeredAt: [['registered_at', 'timestamptz']],
    purchaseDate: [['purchase_date', 'date']],
    name: [['name', 'text']],
    price: [['price_fen', 'bigint']],
  },
});

/** Reads of the asset ledger: the list from the `asset-list` read model, one asset (and its history) from its stream. */
@Injectable()
export class AssetQueries {
  private readonly pool: SqlPool;

  constructor(
    private readonly executor: CommandExecutor,
    dataSource: DataSource,
  ) {
    this.pool = pgPoolOf(dataSource);
  }

  /** The asset from its stream, or not-found (also another school's asset: its existence is not leaked). */
  async get(assetId: string, canRead: (schoolId: string) => boolean): Promise<LoadedStream<ExistingAsset>> {
    const loaded = await this.executor.load(assetDecider, streamIdOf(assetDecider, assetId));
    if (loaded.state.status === 'none' || !canRead(loaded.state.schoolId)) throw streamNotFound(assetId);
    return loaded as LoadedStream<AssetState> as LoadedStream<ExistingAsset>;
  }

  list(query: AssetListQuery): Promise<ListPage<{ doc: ExistingAsset; version: number }>> {
    return assets.page(this.pool, {
      equal: { school_id: query.schoolId, category: query.category, building: query.building, status: query.status, disposal_stage: query.disposalStage, custodian: query.custodian },
      q: query.q,
      sort: query.sort,
      order: query.order,
      limit: query.limit,
      cursor: query.cursor,
    });
  }
}
