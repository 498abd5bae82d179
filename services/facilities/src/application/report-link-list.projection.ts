import { REPORT_LINK_STREAM_TYPE, ReportLinkEvent } from '@houqin/contracts';
import { defineProjection } from '@houqin/projections';
import { storedProjection } from '@houqin/projection-store';
import { evolve, ExistingReportLink, initialState } from '../domain/report-link';

/**
 * 报修二维码列表: one row per link, folded by the domain's `evolve`. The public scan reads it first (a
 * revoked link is refused without touching the stream); the report itself is checked on the stream.
 */
export const reportLinkListDefinition = defineProjection<ExistingReportLink>({
  name: 'report-link-list',
  version: 1,
  streamType: REPORT_LINK_STREAM_TYPE,
  streamKey: (event) => String(event.payload['linkId']),
  evolve: (doc, event) => {
    const next = evolve(doc ?? initialState(), { type: event.type, data: event.payload } as ReportLinkEvent);
    return next.status === 'none' ? null : next;
  },
});

export const reportLinkList = storedProjection<ExistingReportLink>({
  definition: reportLinkListDefinition,
  documents: {
    table: 'report_link_list',
    keyColumn: 'link_id',
    versionColumn: 'version',
    columns: {
      school_id: 'text',
      asset_id: 'text',
      status: 'text',
      issued_at: 'timestamptz',
      expires_at: 'timestamptz',
      reports: 'integer',
      last_used_at: 'timestamptz',
      doc: 'jsonb',
    },
    toRow: (link) => ({
      school_id: link.schoolId,
      asset_id: link.assetId,
      status: link.status,
      issued_at: link.issuedAt,
      expires_at: link.expiresAt ?? null,
      reports: link.reports,
      last_used_at: link.lastUsedAt ?? null,
      doc: link,
    }),
    fromRow: (row) => row['doc'] as ExistingReportLink,
    touchedAt: 'updated_at',
  },
});
