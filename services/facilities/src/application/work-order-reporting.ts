import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CommandContext, CommandRunner, pgPoolOf, RunResult, SqlPool } from '@houqin/event-store';
import { AssetLastCompletion, ReportWorkOrder, workOrderDecider } from '../domain/work-order';

/** What a reporter says (the school comes from the context, the id and the asset's last repair are added here). */
export type WorkOrderReport = Omit<ReportWorkOrder['data'], 'workOrderId' | 'schoolId' | 'assetLastCompletion'>;

/**
 * 报修 from anywhere in facilities: the portal route, a QR code on an asset, a failed inspection item.
 * Looks up the asset's last completed repair (for the repeat-failure rule) in the work-order list, then
 * runs ReportWorkOrder. In-process callers: `reporting.report({ ...fields, assetId, source: { kind: 'qr-link', refId } }, ctx, occurredAt?)`.
 */
@Injectable()
export class WorkOrderReporting {
  private readonly pool: SqlPool;

  constructor(
    private readonly commands: CommandRunner,
    dataSource: DataSource,
  ) {
    this.pool = pgPoolOf(dataSource);
  }

  async report(report: WorkOrderReport, ctx: CommandContext, occurredAt?: string): Promise<RunResult> {
    const last = report.assetId ? await this.lastCompletion(ctx.schoolId, report.assetId) : undefined;
    // The asset's category from the school's ledger when the reporter named only the asset (the portal's picker), so
    // the bureau's repair costs count it under its category; an id the ledger does not hold stays unlinked.
    const assetCategory = report.assetCategory ?? (report.assetId ? await this.categoryOf(ctx.schoolId, report.assetId) : undefined);
    return this.commands.start(
      workOrderDecider,
      (workOrderId) => ({
        type: 'ReportWorkOrder',
        data: { ...report, ...(assetCategory ? { assetCategory } : {}), workOrderId, schoolId: ctx.schoolId, ...(last ? { assetLastCompletion: last } : {}) },
        metadata: { occurredAt },
      }),
      ctx,
    );
  }

  private async categoryOf(schoolId: string, assetId: string): Promise<string | undefined> {
    const { rows } = await this.pool.query<{ category: string }>(`SELECT category FROM asset_list WHERE school_id = $1 AND asset_id = $2`, [schoolId, assetId]);
    return rows[0]?.category;
  }

  /** The asset's latest completion still standing (a rejected completion is forgotten by the fold). */
  async lastCompletion(schoolId: string, assetId: string): Promise<AssetLastCompletion | undefined> {
    const { rows } = await this.pool.query<{ work_order_id: string; completed_at: string }>(
      `SELECT work_order_id, to_json(completed_at) #>> '{}' AS completed_at FROM work_order_list
        WHERE school_id = $1 AND asset_id = $2 AND completed_at IS NOT NULL ORDER BY completed_at DESC LIMIT 1`,
      [schoolId, assetId],
    );
    return rows[0] ? { workOrderId: rows[0].work_order_id, completedAt: new Date(rows[0].completed_at).toISOString() } : undefined;
  }
}
