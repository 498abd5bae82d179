import { GoneException, Inject, Injectable, Logger, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DomainError, Clock } from '@houqin/event-sourcing';
import { CommandContext, CommandExecutor, CommandRunner, IdempotencyKey, pgPoolOf, SqlPool, streamIdOf, fingerprint } from '@houqin/event-store';
import { assertLinkUsable, ExistingReportLink, LINK_GONE_CODES, reportLinkDecider, ReportLinkState } from '../domain/report-link';
import { LinkedAsset, LinkedAssets, locationText, repairCategoryOf } from './linked-assets';
import { PublicRateLimiter, publicRateLimitsFrom, RateLimit } from './public-rate-limit';
import { REPORT_LINK_SIGNER, ReportLinkSigner } from './report-link-token';
import { WorkOrderReporting } from './work-order-reporting';

/** The role of a report sent through a QR link (no user token carries it). */
export const REPORT_LINK_ROLE = 'report-link';
export const linkActorOf = (linkId: string) => `link:${linkId}`;

export interface PublicReport {
  title: string;
  description?: string;
  reporterName?: string;
  reporterPhone?: string;
}

/** Who scans: the client's address for the per-address limit, and an Idempotency-Key the page may send. */
export interface Scanner {
  ip: string;
  idempotencyKey?: string;
  correlationId: string;
}

/** What the public page shows: the asset and its school, nothing personal. */
export interface PublicLinkView {
  asset: { name: string; category: string; categoryZh?: string; model?: string; location: LinkedAsset['location']; locationText: string };
  school: { schoolId: string; name: string };
}

/**
 * 扫码报修 without a login: the token's signature names the link; the link must be issued, not revoked and
 * not expired; each report is counted per link and per address in PostgreSQL (429 past the limit). The work
 * order is reported by the link (actor `link:<id>`, role report-link, source qr-link), then the link records
 * the use, which its stream refuses if the link was revoked meanwhile. The reporter's name and phone stay out of
 * the events (personal data in an append-only log could never be erased): they are kept beside, in
 * public_report_contacts, and read masked.
 */
@Injectable()
export class PublicReports {
  private readonly log = new Logger('PublicReports');
  private readonly pool: SqlPool;
  private readonly limits = publicRateLimitsFrom();

  constructor(
    @Inject(REPORT_LINK_SIGNER) private readonly signer: ReportLinkSigner,
    private readonly executor: CommandExecutor,
    private readonly commands: CommandRunner,
    private readonly reporting: WorkOrderReporting,
    private readonly assets: LinkedAssets,
    private readonly limiter: PublicRateLimiter,
    private readonly clock: Clock,
    dataSource: DataSource,
  ) {
    this.pool = pgPoolOf(dataSource);
  }

  async view(token: string, scanner: Scanner): Promise<PublicLinkView> {
    await this.limiter.hit([{ bucket: `view-ip:${scanner.ip}`, limit: times(this.limits.perIp, 10) }]);
    const { asset } = await this.usableLink(token);
    return { asset: publicAsset(asset), school: { schoolId: asset.schoolId, name: await this.schoolName(asset.schoolId) } };
  }

  async report(token: string, report: PublicReport, scanner: Scanner): Promise<{ workOrderId: string; reportedAt: string }> {
    const linkId = this.linkIdOf(token);
    await this.limiter.hit([
      { bucket: `report-link:${linkId}`, limit: this.limits.perLink },
      { bucket: `report-ip:${scanner.ip}`, limit: this.limits.perIp },
    ]);
    const { link, asset } = await this.usableLink(token);
    const ctx = this.contextOf(link, scanner, report);
    const reported = await this.reporting.report(
      {
        title: report.title,
        location: locationText(asset.location).slice(0, 100),
        category: repairCategoryOf(asset.category),
        priority: 'normal',
        description: describe(asset, report.description),
        assetId: asset.assetId,
        assetCategory: asset.category,
        source: { kind: 'qr-link', refId: link.linkId },
      },
      ctx,
    );
    const workOrderId = reported.id;
    await this.rememberContact(link, workOrderId, report);
    try {
      await this.commands.run(reportLinkDecider, link.linkId, { type: 'RecordLinkReport', data: { workOrderId } }, { ...ctx, idempotency: keyed(ctx.idempotency, 'use') });
    } catch (error) {
      // Revoked between the check and now: the report stands (it was made while the link was valid).
      if (!(error instanceof DomainError)) throw error;
      this.log.warn(`report ${workOrderId} through link ${link.linkId} not counted: ${error.code}`);
    }
    return { workOrderId, reportedAt: this.clock.now().toISOString() };
  }

  /** The link a token names, usable now, and its asset; 404 for a bad token or unknown link, 410 once revoked or expired. */
  private async usableLink(token: string): Promise<{ link: ExistingReportLink; asset: LinkedAsset }> {
    const linkId = this.linkIdOf(token);
    const link = (await this.linkOf(linkId)) ?? { status: 'none' };
    try {
      assertLinkUsable(link, this.clock.now().toISOString());
    } catch (error) {
      if (error instanceof DomainError && LINK_GONE_CODES.has(error.code)) throw new GoneException({ code: error.code, message: error.message, messageZh: error.messageZh });
      throw notFound();
    }
    const asset = await this.assets.find(link.assetId);
    if (!asset || !asset.inLedger || asset.schoolId !== link.schoolId) {
      throw new GoneException({ code: 'report-link-asset-gone', message: 'The asset of this code is no longer in the ledger', messageZh: '该二维码对应的资产已不在台账中' });
    }
    return { link, asset };
  }

  private linkIdOf(token: string): string {
    const linkId = this.signer.verify(token);
    if (!linkId) throw notFound();
    return linkId;
  }

  /** From the list (revocations show there within a poll); a link issued a moment ago, from its stream. */
  private async linkOf(linkId: string): Promise<ReportLinkState | undefined> {
    const { rows } = await this.pool.query<{ doc: ExistingReportLink }>(`SELECT doc FROM report_link_list WHERE link_id = $1`, [linkId]);
    if (rows[0]) return rows[0].doc;
    const { state } = await this.executor.load(reportLinkDecider, streamIdOf(reportLinkDecider, linkId));
    return state.status === 'none' ? undefined : state;
  }

  private contextOf(link: ExistingReportLink, scanner: Scanner, body: PublicReport): CommandContext {
    const idempotency = scanner.idempotencyKey
      ? { scope: `${link.schoolId}/${linkActorOf(link.linkId)}`, key: scanner.idempotencyKey, requestHash: fingerprint({ path: `/public/report-links/${link.linkId}/reports`, body }) }
      : (undefined as unknown as IdempotencyKey);
    return { actorId: linkActorOf(link.linkId), role: REPORT_LINK_ROLE, schoolId: link.schoolId, correlationId: scanner.correlationId, idempotency };
  }

  private async rememberContact(link: ExistingReportLink, workOrderId: string, report: PublicReport): Promise<void> {
    if (!report.reporterName && !report.reporterPhone) return;
    await this.pool.query(
      `INSERT INTO public_report_contacts (work_order_id, link_id, school_id, reporter_name, reporter_phone, reported_at)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (work_order_id) DO NOTHING`,
      [workOrderId, link.linkId, link.schoolId, report.reporterName ?? null, report.reporterPhone ?? null, this.clock.now().toISOString()],
    );
  }

  /** The school's name as the ledger's owner knows it (school_names, learnt from identity); its code otherwise. */
  private async schoolName(schoolId: string): Promise<string> {
    const { rows } = await this.pool.query<{ name: string }>(`SELECT name FROM school_names WHERE school_id = $1`, [schoolId]);
    return rows[0]?.name ?? schoolId;
  }
}

const notFound = () => new NotFoundException({ code: 'report-link-not-found', message: 'This code is not a report link of any school', messageZh: '无效的报修二维码' });
const times = (limit: RateLimit, factor: number): RateLimit => ({ ...limit, max: limit.max * factor });
const keyed = (key: IdempotencyKey, suffix: string): IdempotencyKey => (key ? { ...key, key: `${key.key}:${suffix}`.slice(0, 128) } : key);
const publicAsset = (a: LinkedAsset): PublicLinkView['asset'] => ({
  name: a.name,
  category: a.category,
  ...(a.categoryZh ? { categoryZh: a.categoryZh } : {}),
  ...(a.model ? { model: a.model } : {}),
  location: a.location,
  locationText: locationText(a.location),
});
/** The description names the asset, so the repairer reading the order knows what to bring. */
const describe = (asset: LinkedAsset, text?: string) => [`【扫码报修】${asset.name}${asset.model ? `（${asset.model}）` : ''}`, text].filter(Boolean).join('\n').slice(0, 1000);
