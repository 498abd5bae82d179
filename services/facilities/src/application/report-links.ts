import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '@houqin/event-sourcing';
import { maskPhone } from '@houqin/contracts';
import { CommandContext, CommandRunner, IdempotencyKey, pgPoolOf, RunResult, SqlPool } from '@houqin/event-store';
import { ExistingReportLink, reportLinkDecider } from '../domain/report-link';
import { LinkedAsset, LinkedAssets, locationText } from './linked-assets';
import { REPORT_LINK_SIGNER, ReportLinkSigner } from './report-link-token';

/** A link as the school sees it: its token and page path (the portal prefixes its own origin). */
export type ReportLinkView = ExistingReportLink & { token: string; path: string };
export type LabelView = ReportLinkView & { asset: { name: string; category: string; categoryZh?: string; locationText: string } };

/**
 * The school's side of QR report links: issue one per asset (or a label sheet for many: an asset that has
 * an active link keeps it, so reprinting a sheet does not void the labels already stuck on), list, revoke.
 */
@Injectable()
export class ReportLinks {
  private readonly pool: SqlPool;

  constructor(
    @Inject(REPORT_LINK_SIGNER) private readonly signer: ReportLinkSigner,
    private readonly commands: CommandRunner,
    private readonly assets: LinkedAssets,
    private readonly clock: Clock,
    dataSource: DataSource,
  ) {
    this.pool = pgPoolOf(dataSource);
  }

  view(link: ExistingReportLink): ReportLinkView {
    const token = this.signer.sign(link.linkId);
    return { ...link, token, path: `/r/${token}` };
  }

  async issue(assetId: string, expiresAt: string | undefined, ctx: CommandContext): Promise<RunResult & { token: string; path: string }> {
    await this.assetOfSchool(assetId, ctx.schoolId);
    const result = await this.commands.start(reportLinkDecider, (linkId) => ({ type: 'IssueReportLink', data: { linkId, schoolId: ctx.schoolId, assetId, ...(expiresAt ? { expiresAt } : {}) } }), ctx);
    const token = this.signer.sign(result.id);
    return { ...result, token, path: `/r/${token}` };
  }

  /** 打印标签: one label per asset, in the order asked. Every asset must be the school's (404 naming none otherwise). */
  async labelSheet(assetIds: string[], ctx: CommandContext): Promise<{ school: { schoolId: string; name: string }; labels: LabelView[]; position?: string }> {
    const assets = await Promise.all(assetIds.map((id) => this.assetOfSchool(id, ctx.schoolId)));
    const active = await this.activeLinks(ctx.schoolId, assetIds);
    const labels: LabelView[] = [];
    let position: string | undefined;
    for (const asset of assets) {
      let link = active.get(asset.assetId);
      if (!link) {
        const issued = await this.commands.start(reportLinkDecider, (linkId) => ({ type: 'IssueReportLink', data: { linkId, schoolId: ctx.schoolId, assetId: asset.assetId } }), { ...ctx, idempotency: NO_KEY });
        position = issued.position ?? position;
        link = { status: 'active', linkId: issued.id, schoolId: ctx.schoolId, assetId: asset.assetId, issuedBy: ctx.actorId, issuedAt: this.clock.now().toISOString(), reports: 0 };
      }
      labels.push({ ...this.view(link), asset: { name: asset.name, category: asset.category, ...(asset.categoryZh ? { categoryZh: asset.categoryZh } : {}), locationText: locationText(asset.location) } });
    }
    const { rows } = await this.pool.query<{ name: string }>(`SELECT name FROM school_names WHERE school_id = $1`, [ctx.schoolId]);
    return { school: { schoolId: ctx.schoolId, name: rows[0]?.name ?? ctx.schoolId }, labels, ...(position ? { position } : {}) };
  }

  revoke(linkId: string, reason: string | undefined, ctx: CommandContext): Promise<RunResult> {
    return this.commands.run(reportLinkDecider, linkId, { type: 'RevokeReportLink', data: reason ? { reason } : {} }, ctx);
  }

  async list(schoolId: string | undefined, filter: { assetId?: string; status?: string }): Promise<ReportLinkView[]> {
    const { rows } = await this.pool.query<{ doc: ExistingReportLink }>(
      `SELECT doc FROM report_link_list WHERE ($1::text IS NULL OR school_id = $1) AND ($2::text IS NULL OR asset_id = $2) AND ($3::text IS NULL OR status = $3)
        ORDER BY issued_at DESC, link_id LIMIT 500`,
      [schoolId ?? null, filter.assetId ?? null, filter.status ?? null],
    );
    return rows.map((r) => this.view(r.doc));
  }

  /**
   * The reports made through a link, with what the reporter left to be called back: the phone in full to the school's
   * admin (who calls back), masked to anyone else.
   */
  async reports(linkId: string, schoolId: string | undefined, phoneInFull: boolean) {
    const { rows } = await this.pool.query<{ work_order_id: string; reporter_name: string | null; reporter_phone: string | null; reported_at: Date }>(
      `SELECT work_order_id, reporter_name, reporter_phone, reported_at FROM public_report_contacts WHERE link_id = $1 AND ($2::text IS NULL OR school_id = $2) ORDER BY reported_at DESC LIMIT 200`,
      [linkId, schoolId ?? null],
    );
    return rows.map((r) => ({
      workOrderId: r.work_order_id,
      reportedAt: r.reported_at.toISOString(),
      ...(r.reporter_name ? { reporterName: r.reporter_name } : {}),
      ...(r.reporter_phone ? { reporterPhone: phoneInFull ? r.reporter_phone : maskPhone(r.reporter_phone) } : {}),
    }));
  }

  async get(linkId: string, schoolId: string | undefined): Promise<ReportLinkView> {
    const { rows } = await this.pool.query<{ doc: ExistingReportLink }>(`SELECT doc FROM report_link_list WHERE link_id = $1 AND ($2::text IS NULL OR school_id = $2)`, [linkId, schoolId ?? null]);
    if (!rows[0]) throw linkNotFound();
    return this.view(rows[0].doc);
  }

  private async assetOfSchool(assetId: string, schoolId: string): Promise<LinkedAsset> {
    const asset = await this.assets.find(assetId);
    if (!asset || asset.schoolId !== schoolId) throw new NotFoundException({ code: 'asset-not-found', message: `Asset ${assetId} not found`, messageZh: '资产不存在' });
    return asset;
  }

  private async activeLinks(schoolId: string, assetIds: string[]): Promise<Map<string, ExistingReportLink>> {
    const { rows } = await this.pool.query<{ doc: ExistingReportLink }>(
      `SELECT DISTINCT ON (asset_id) doc FROM report_link_list WHERE school_id = $1 AND asset_id = ANY($2::text[]) AND status = 'active'
         AND (expires_at IS NULL OR expires_at > $3) ORDER BY asset_id, issued_at DESC`,
      [schoolId, assetIds, this.clock.now().toISOString()],
    );
    return new Map(rows.map((r) => [r.doc.assetId, r.doc]));
  }
}

/** A sheet issues one link per asset, each its own command (a key would name the sheet, not a link). */
const NO_KEY = undefined as unknown as IdempotencyKey;
const linkNotFound = () => new NotFoundException({ code: 'report-link-not-found', message: 'Report link not found', messageZh: '报修二维码不存在' });
