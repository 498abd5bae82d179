import { z } from 'zod';
import { defineEvent, EventOf, EventsOf, eventGroup, eventTypesOf } from '../define-event';
import { Topics } from '../topics';

/**
 * 报修二维码: a link a school issues for one asset (printed as a QR label on it). Anyone at the school
 * who scans it reports a fault for that asset without logging in; the report is attributed to the link.
 * The school revokes a link (a label torn off, abused); a revoked or expired link is refused.
 */
export const REPORT_LINK_STREAM_TYPE = 'ReportLink';

const id = z.string().min(1).max(64);
const at = z.string().datetime({ offset: true });
const reportLink = { streamType: REPORT_LINK_STREAM_TYPE, topic: Topics.facilitiesEvents } as const;

/** 发放二维码 — a school admin issues a report link for an asset. */
export const ReportLinkIssued = defineEvent({
  type: 'ReportLinkIssued',
  version: 1,
  ...reportLink,
  schema: z.object({ linkId: id, schoolId: id, assetId: z.string().uuid(), issuedBy: id, issuedAt: at, expiresAt: at.optional() }),
});

/** 作废二维码 — the school revokes it: every later scan is refused. */
export const ReportLinkRevoked = defineEvent({
  type: 'ReportLinkRevoked',
  version: 1,
  ...reportLink,
  schema: z.object({ linkId: id, schoolId: id, revokedBy: id, revokedAt: at, reason: z.string().max(200).optional() }),
});

/** 扫码报修 — a work order was reported through the link (the link's count of reports, its last use). */
export const ReportLinkUsed = defineEvent({
  type: 'ReportLinkUsed',
  version: 1,
  ...reportLink,
  schema: z.object({ linkId: id, schoolId: id, assetId: z.string().uuid(), workOrderId: id, usedAt: at }),
});

export const ReportLinkEvents = eventGroup([ReportLinkIssued, ReportLinkRevoked, ReportLinkUsed]);
export type ReportLinkEvent = EventsOf<typeof ReportLinkEvents>;
export const REPORT_LINK_EVENT_TYPES = eventTypesOf(ReportLinkEvents);

export type ReportLinkIssued = EventOf<typeof ReportLinkIssued>['data'];
export type ReportLinkRevoked = EventOf<typeof ReportLinkRevoked>['data'];
export type ReportLinkUsed = EventOf<typeof ReportLinkUsed>['data'];
