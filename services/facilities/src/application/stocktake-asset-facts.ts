import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { StocktakeDifference } from '@houqin/contracts';
import { DomainError } from '@houqin/event-sourcing';
import { CommandExecutor, CommandRunner, fingerprint, pgPoolOf, streamIdOf } from '@houqin/event-store';
import { ReadModels } from '@houqin/projection-store';
import { AssetCommand, assetDecider } from '../domain/asset';
import { SYSTEM_ROLE } from '../domain/work-order';
import { FollowUpProcess, OwedFollowUps } from './owed-follow-ups';
import { AssetDifference, StocktakeDifferences, stocktakeDifferenceTables } from './stocktake-differences.projection';

/** What closing did to each asset: a fact on its stream, nothing new (already so), or refused (and why). */
export interface AppliedDifference {
  kind: StocktakeDifference['kind'];
  assetId: string;
  name: string;
  command: AssetCommand['type'];
  outcome: 'recorded' | 'unchanged' | 'refused';
  reason?: { code: string; message: string; messageZh: string };
}

/** Owed: a closed stocktake with more differences on ledger assets than facts recorded for them. */
const OWED: OwedFollowUps<StocktakeDifferences> = { readModel: stocktakeDifferenceTables, owedColumn: 'owed', doneTable: 'stocktake_asset_facts' };
/** How long a close waits for its differences to reach this read model before answering without them. */
const CLOSE_WAIT_MS = 5_000;

/**
 * 盘点结果入账: the process manager from StocktakeClosed to a fact on each asset's stream (盘亏, 损坏, 找回, 调拨).
 * It runs from its own checkpointed read model (stocktake-differences): a stocktake closed just before a crash, or
 * whose answer was lost and never retried, still reaches its assets on the next tick of any replica. Each asset
 * command carries the idempotency key stocktake + kind + asset (the one the close used when it applied them itself),
 * so a repeat (two replicas, a crash after the command and before its row in stocktake_asset_facts) records nothing
 * twice. The close request asks for its own stocktake at once (applyNow) to answer the outcomes; the timer does what
 * that did not finish. The actor is the closer, the business time now (as when the close applied them).
 * FACILITIES_STOCKTAKE_ASSET_FACTS_INTERVAL_MS (default 2 s; 0: no timer, tests call tick()).
 */
@Injectable()
export class StocktakeAssetFacts extends FollowUpProcess<StocktakeDifferences> {
  constructor(
    @InjectDataSource() dataSource: DataSource,
    readModels: ReadModels,
    private readonly commands: CommandRunner,
    private readonly executor: CommandExecutor,
  ) {
    super(pgPoolOf(dataSource), readModels, { owed: OWED, intervalEnv: 'FACILITIES_STOCKTAKE_ASSET_FACTS_INTERVAL_MS', defaultIntervalMs: 2_000, counted: 'stocktake difference(s) applied to their assets' });
  }

  /** For the close's answer: applies what this stocktake still owes (once its close reached the read model) and answers every outcome. */
  async applyNow(stocktakeId: string, closePosition: string | undefined): Promise<AppliedDifference[]> {
    if (closePosition) await this.readModels.get(stocktakeDifferenceTables.definition.name).waitFor(closePosition, CLOSE_WAIT_MS);
    const { rows } = await this.pool.query<{ doc: StocktakeDifferences }>(`SELECT doc FROM stocktake_differences WHERE stocktake_id = $1`, [stocktakeId]);
    if (rows.length === 0) return [];
    await this.followUp(rows[0].doc);
    return this.outcomes(rows[0].doc);
  }

  protected async followUp(stocktake: StocktakeDifferences): Promise<number> {
    const done = new Set((await this.facts(stocktake.stocktakeId)).map((f) => `${f.kind}:${f.assetId}`));
    let recorded = 0;
    for (const difference of stocktake.differences) {
      if (done.has(`${difference.kind}:${difference.assetId}`)) continue;
      let applied: AppliedDifference;
      try {
        applied = await this.apply(stocktake, difference);
      } catch (err) {
        this.log.warn(`stocktake ${stocktake.stocktakeId} ${difference.kind} of asset ${difference.assetId}: ${(err as Error).message}`);
        continue;
      }
      const { rowCount } = await this.pool.query(
        `INSERT INTO stocktake_asset_facts (stocktake_id, kind, asset_id, command, outcome, reason) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
        [stocktake.stocktakeId, difference.kind, difference.assetId, applied.command, applied.outcome, applied.reason ? JSON.stringify(applied.reason) : null],
      );
      recorded += rowCount ?? 0;
    }
    return recorded;
  }

  /** The asset's command for a difference, run under the stocktake's idempotency key; a refusal is an outcome too. */
  private async apply(stocktake: StocktakeDifferences, difference: AssetDifference): Promise<AppliedDifference> {
    const command = await this.commandOf(stocktake, difference);
    const base = { kind: difference.kind, assetId: difference.assetId, name: difference.name, command: command.type };
    const idempotency = { scope: `${stocktake.schoolId}/stocktake`, key: `stocktake:${stocktake.stocktakeId}:${difference.kind}:${difference.assetId}`, requestHash: fingerprint(command) };
    const ctx = { actorId: stocktake.closedBy ?? SYSTEM_ROLE, role: SYSTEM_ROLE, schoolId: stocktake.schoolId, correlationId: `stocktake-${stocktake.stocktakeId}`, idempotency };
    try {
      const result = await this.commands.run(assetDecider, difference.assetId, command as never, ctx);
      return { ...base, outcome: result.events.length > 0 ? 'recorded' : 'unchanged' };
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      // The key already ran another command: an earlier pass applied it (a found asset is no longer missing, so now it would be a move).
      if (error.code === 'idempotency-key-reused') return { ...base, outcome: 'unchanged' };
      return { ...base, outcome: 'refused', reason: { code: error.code, message: error.message, messageZh: error.messageZh } };
    }
  }

  private async commandOf(stocktake: StocktakeDifferences, difference: AssetDifference) {
    const stocktakeId = stocktake.stocktakeId;
    switch (difference.kind) {
      case 'missing':
        return { type: 'ReportAssetMissing' as const, data: { stocktakeId } };
      case 'damaged':
        return { type: 'ReportAssetDamaged' as const, data: { stocktakeId, note: difference.note ?? '盘点发现损坏' } };
      case 'found-again':
        return { type: 'ReportAssetFound' as const, data: { stocktakeId } };
      case 'found-elsewhere': {
        const location = (difference.entryId && stocktake.foundAt[difference.entryId]) || stocktake.location;
        const { state } = await this.executor.load(assetDecider, streamIdOf(assetDecider, difference.assetId));
        // A missing asset comes back where it was found; any other is moved there (调拨).
        return state.status === 'missing' ? { type: 'ReportAssetFound' as const, data: { stocktakeId, location } } : { type: 'MoveAsset' as const, data: { location } };
      }
      case 'not-in-ledger':
        throw new Error('a difference not in the ledger has no asset');
      default:
        return unreachable(difference.kind);
    }
  }

  private async outcomes(stocktake: StocktakeDifferences): Promise<AppliedDifference[]> {
    const facts = new Map((await this.facts(stocktake.stocktakeId)).map((f) => [`${f.kind}:${f.assetId}`, f]));
    return stocktake.differences.flatMap((d) => {
      const fact = facts.get(`${d.kind}:${d.assetId}`);
      return fact ? [{ kind: d.kind, assetId: d.assetId, name: d.name, command: fact.command, outcome: fact.outcome, ...(fact.reason ? { reason: fact.reason } : {}) }] : [];
    });
  }

  private async facts(stocktakeId: string) {
    const { rows } = await this.pool.query<{ kind: string; asset_id: string; command: AppliedDifference['command']; outcome: AppliedDifference['outcome']; reason: AppliedDifference['reason'] | null }>(
      `SELECT kind, asset_id, command, outcome, reason FROM stocktake_asset_facts WHERE stocktake_id = $1`,
      [stocktakeId],
    );
    return rows.map((r) => ({ kind: r.kind, assetId: r.asset_id, command: r.command, outcome: r.outcome, reason: r.reason }));
  }
}

const unreachable = (kind: never): never => {
  throw new Error(`unknown stocktake difference ${String(kind)}`);
};
