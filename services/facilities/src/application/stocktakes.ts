import { randomUUID } from 'node:crypto';
import { Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AssetLocation, StocktakeDifference, StocktakeExpectedAsset, StocktakeFinding } from '@houqin/contracts';
import { DomainError } from '@houqin/event-sourcing';
import { CommandContext, CommandExecutor, CommandRunner, fingerprint, LoadedStream, pgPoolOf, RunResult, SqlPool, streamIdOf, streamNotFound } from '@houqin/event-store';
import { ListPage } from '@houqin/projection-store';
import { assetDecider, AssetCommand, ExistingAsset, ledgerStatusOf } from '../domain/asset';
import { ExistingStocktake, stocktakeDecider, StocktakeState } from '../domain/stocktake';
import { locationText } from './linked-assets';
import { stocktakePages } from './stocktake-list.projection';

/** What closing did to each asset: a fact on its stream, nothing new (already so), or refused (and why). */
export interface AppliedDifference {
  kind: StocktakeDifference['kind'];
  assetId: string;
  name: string;
  command: AssetCommand['type'];
  outcome: 'recorded' | 'unchanged' | 'refused';
  reason?: { code: string; message: string; messageZh: string };
}

/**
 * 盘点 in the application: the expected assets come from the ledger's list when a stocktake opens; an asset found
 * but not listed is looked up in the ledger (its name, where the ledger has it); closing records the differences
 * on the stocktake, then each becomes a fact on its asset's stream, keyed by the stocktake, asset and kind, so a
 * close sent again re-applies what a crash left undone and nothing twice.
 */
@Injectable()
export class Stocktakes {
  private readonly pool: SqlPool;

  constructor(
    private readonly commands: CommandRunner,
    private readonly executor: CommandExecutor,
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
    const { state } = await this.get(stocktakeId, ctx.schoolId);
    if (state.status !== 'closed') throw new Error(`stocktake ${stocktakeId} did not close`);
    const applied: AppliedDifference[] = [];
    for (const difference of state.differences) {
      const command = await this.assetCommandOf(difference, state);
      if (!command || !difference.assetId) continue;
      applied.push(await this.apply(state, difference, difference.assetId, command, ctx));
    }
    return { result, applied };
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

  /** The asset stream's command for a difference (none for something not in the ledger). */
  private async assetCommandOf(difference: StocktakeDifference, stocktake: Extract<StocktakeState, { status: 'closed' }>) {
    const stocktakeId = stocktake.stocktakeId;
    switch (difference.kind) {
      case 'missing':
        return { type: 'ReportAssetMissing' as const, data: { stocktakeId } };
      case 'damaged':
        return { type: 'ReportAssetDamaged' as const, data: { stocktakeId, note: difference.note ?? '盘点发现损坏' } };
      case 'found-again':
        return { type: 'ReportAssetFound' as const, data: { stocktakeId } };
      case 'found-elsewhere': {
        const entry = stocktake.unlisted.find((u) => u.entryId === difference.entryId);
        const location = entry?.foundLocation ?? stocktake.location;
        const { state } = await this.executor.load(assetDecider, streamIdOf(assetDecider, difference.assetId!));
        // A missing asset comes back where it was found; any other is moved there (调拨).
        return state.status === 'missing' ? { type: 'ReportAssetFound' as const, data: { stocktakeId, location } } : { type: 'MoveAsset' as const, data: { location } };
      }
      case 'not-in-ledger':
        return undefined;
      default:
        return undefined;
    }
  }

  private async apply(stocktake: ExistingStocktake, difference: StocktakeDifference, assetId: string, command: NonNullable<Awaited<ReturnType<Stocktakes['assetCommandOf']>>>, ctx: CommandContext): Promise<AppliedDifference> {
    const base = { kind: difference.kind, assetId, name: difference.name, command: command.type };
    const idempotency = { scope: `${ctx.schoolId}/stocktake`, key: `stocktake:${stocktake.stocktakeId}:${difference.kind}:${assetId}`, requestHash: fingerprint(command) };
    try {
      const result = await this.commands.run(assetDecider, assetId, command as never, { ...ctx, idempotency });
      return { ...base, outcome: result.events.length > 0 ? 'recorded' : 'unchanged' };
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return { ...base, outcome: 'refused', reason: { code: error.code, message: error.message, messageZh: error.messageZh } };
    }
  }
}

const optional = <K extends string, V>(key: K, value: V | undefined) => (value === undefined ? {} : ({ [key]: value } as Record<K, V>));
