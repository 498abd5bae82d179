import { randomUUID } from 'node:crypto';
import { Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AssetLocation, StocktakeExpectedAsset, StocktakeFinding } from '@houqin/contracts';
import { CommandContext, CommandExecutor, CommandRunner, LoadedStream, pgPoolOf, RunResult, SqlPool, streamIdOf, streamNotFound } from '@houqin/event-store';
import { ListPage } from '@houqin/projection-store';
import { assetDecider, ExistingAsset, ledgerStatusOf } from '../domain/asset';
import { ExistingStocktake, stocktakeDecider } from '../domain/stocktake';
import { locationText } from './linked-assets';
import { AppliedDifference, StocktakeAssetFacts } from './stocktake-asset-facts';
import { stocktakePages } from './stocktake-list.projection';

/**
 * 盘点 in the application: the expected assets come from the ledger's list when a stocktake opens; an asset found
 * but not listed is looked up in the ledger (its name, where the ledger has it); closing records the differences
 * on the stocktake, and the process manager StocktakeAssetFacts turns each into a fact on its asset's stream (from
 * its read model, so a crash or a lost answer after the close loses none); the close answers their outcomes.
 */
@Injectable()
export class Stocktakes {
  private readonly pool: SqlPool;

  constructor(
    private readonly commands: CommandRunner,
    private readonly executor: CommandExecutor,
    private readonly assetFacts: StocktakeAssetFacts,
    dataSource: DataSource,
  ) {
    this.pool = pgPoolOf(dataSource);
  }

  async open(location: AssetLocation, title: string | undefined, ctx: CommandContext): Promise<RunResult> {
    const expected = await this.expectedAt(ctx.schoolId, location);
    const data = { schoolId: ctx.schoolId, title: title ?? `${locationText(location)} 盘点`, location, expected };
    return this.commands.start(stocktakeDecider, (stocktakeId) => ({ type: 'OpenStocktake', data: { stocktakeId, ...data } }), ctx);
  }

  mark(stocktakeId: string, assetId: string, finding: StocktakeFinding, note: string | undefined, ctx: CommandContext): Promise<RunResult> {
    return this.commands.run(stocktakeDecider, stocktakeId, { type: 'MarkStocktakeItem', data: { assetId, finding, ...(note ? { note } : {}) } }, ctx);
  }

  async addUnlisted(stocktakeId: string, entry: { assetId?: string; description?: string; floor?: string; room?: string; note?: string }, ctx: CommandContext): Promise<RunResult> {
    const stocktake = await this.get(stocktakeId, ctx.schoolId);
    const place = stocktake.state.location;
    const foundLocation = { building: place.building, ...optional('floor', entry.floor ?? place.floor), ...optional('room', entry.room ?? place.room) };
    const asset = entry.assetId ? await this.ledgerAsset(entry.assetId, ctx.schoolId) : undefined;
    const name = asset?.name ?? entry.description;
    if (!name) throw new NotFoundException({ code: 'asset-not-found', message: 'Asset not found', messageZh: '资产不存在' });
    return this.commands.run(
      stocktakeDecider,
      stocktakeId,
      {
        type: 'RecordUnlistedFound',
        data: {
          entryId: randomUUID(),
          name,
          foundLocation,
          ...(asset ? { assetId: asset.assetId, ledgerLocation: asset.location, ledgerStatus: ledgerStatusOf(asset) } : {}),
          ...optional('note', entry.note),
        },
      },
      ctx,
    );
  }

  async close(stocktakeId: string, unmarkedAsMissing: boolean, ctx: CommandContext): Promise<{ result: RunResult; applied: AppliedDifference[] }> {
    const result = await this.commands.run(stocktakeDecider, stocktakeId, { type: 'CloseStocktake', data: { unmarkedAsMissing } }, ctx);
    // The differences reach the assets through the process manager; asked at once, it answers their outcomes.
    return { result, applied: await this.assetFacts.applyNow(stocktakeId, result.position) };
  }

  /** The stocktake from its stream (the marking page needs every mark at once); another school's is not found. */
  async get(stocktakeId: string, schoolId: string | undefined): Promise<LoadedStream<ExistingStocktake>> {
    const loaded = await this.executor.load(stocktakeDecider, streamIdOf(stocktakeDecider, stocktakeId));
    if (loaded.state.status === 'none' || (schoolId !== undefined && loaded.state.schoolId !== schoolId)) throw streamNotFound(stocktakeId);
    return loaded as LoadedStream<ExistingStocktake>;
  }

  list(query: { schoolId?: string; status?: string; limit: number; cursor?: string }): Promise<ListPage<{ doc: ExistingStocktake; version: number }>> {
    return stocktakePages.page(this.pool, { equal: { school_id: query.schoolId, status: query.status }, sort: 'openedAt', order: 'desc', limit: query.limit, cursor: query.cursor });
  }

  /** 盘点清单: the ledger's assets kept at the place (not disposed), from the asset list. */
  private async expectedAt(schoolId: string, place: AssetLocation): Promise<StocktakeExpectedAsset[]> {
    const { rows } = await this.pool.query<{ doc: ExistingAsset; status: string }>(
      `SELECT doc, status FROM asset_list
        WHERE school_id = $1 AND building = $2 AND status <> 'disposed'
          AND ($3::text IS NULL OR doc->'location'->>'floor' = $3) AND ($4::text IS NULL OR doc->'location'->>'room' = $4)
        ORDER BY doc->'location'->>'floor' NULLS FIRST, doc->'location'->>'room' NULLS FIRST, name, asset_id LIMIT 1001`,
      [schoolId, place.building, place.floor ?? null, place.room ?? null],
    );
    return rows.map(({ doc, status }) => ({ assetId: doc.assetId, name: doc.name, category: doc.category, ...optional('serialNumber', doc.serialNumber), location: doc.location, ledgerStatus: status }));
  }

  private async ledgerAsset(assetId: string, schoolId: string): Promise<ExistingAsset> {
    const { state } = await this.executor.load(assetDecider, streamIdOf(assetDecider, assetId));
    if (state.status === 'none' || state.schoolId !== schoolId || state.status === 'disposed') {
      throw new NotFoundException({ code: 'asset-not-found', message: `Asset ${assetId} not found in the ledger`, messageZh: '台账中没有该资产' });
    }
    return state;
  }
}

const optional = <K extends string, V>(key: K, value: V | undefined) => (value === undefined ? {} : ({ [key]: value } as Record<K, V>));
