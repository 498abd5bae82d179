import { ReportLinkEvent } from '@houqin/contracts';
import { CommandMetadata } from '@houqin/event-sourcing';
import { given } from '@houqin/testing';
import { reportLinkDecider, ReportLinkCommand } from './index';

const assetId = '6f1c2b9e-2a4d-4c8e-9f3a-1b2c3d4e5f60';
const ids = { linkId: 'link-1', schoolId: 'S001' };
const at = (time: string, actorId = 'admin.wang', actorRole = 'school-admin'): { metadata: CommandMetadata } => {
  const instant = `2026-11-24T${time}:00.000Z`;
  return { metadata: { actorId, actorRole, now: instant, occurredAt: instant } };
};
const scan = (time: string) => at(time, 'link:link-1', 'report-link');

const issued: ReportLinkEvent = { type: 'ReportLinkIssued', data: { ...ids, assetId, issuedBy: 'admin.wang', issuedAt: '2026-11-24T08:00:00.000Z' } };
const revoked: ReportLinkEvent = { type: 'ReportLinkRevoked', data: { ...ids, revokedBy: 'admin.wang', revokedAt: '2026-11-24T09:00:00.000Z' } };
const report = (time: string): ReportLinkCommand => ({ type: 'RecordLinkReport', data: { workOrderId: 'wo-1' }, ...scan(time) });

describe('report link 报修二维码', () => {
  it('is issued for an asset by a school admin', () => {
    given(reportLinkDecider, []).when({ type: 'IssueReportLink', data: { ...ids, assetId }, ...at('08:00') }).then([issued]);
  });

  it('refuses an expiry that is not after the issue time, and a second issue of the same link', () => {
    given(reportLinkDecider, []).when({ type: 'IssueReportLink', data: { ...ids, assetId, expiresAt: '2026-11-24T08:00:00.000Z' }, ...at('08:00') }).thenThrows('report-link-expiry-passed', 'invalid');
    given(reportLinkDecider, [issued]).when({ type: 'IssueReportLink', data: { ...ids, assetId }, ...at('08:30') }).thenThrows('report-link-exists', 'conflict');
  });

  it('records a report made through an active link, attributed to the link', () => {
    given(reportLinkDecider, [issued])
      .when(report('08:30'))
      .then([{ type: 'ReportLinkUsed', data: { ...ids, assetId, workOrderId: 'wo-1', usedAt: '2026-11-24T08:30:00.000Z' } }]);
  });

  it('refuses a revoked link', () => {
    given(reportLinkDecider, [issued, revoked]).when(report('09:30')).thenThrows('report-link-revoked', 'conflict');
  });

  it('refuses a link at and after its expiry', () => {
    const expiring: ReportLinkEvent = { type: 'ReportLinkIssued', data: { ...issued.data, expiresAt: '2026-11-24T10:00:00.000Z' } } as ReportLinkEvent;
    given(reportLinkDecider, [expiring]).when(report('09:59')).then([{ type: 'ReportLinkUsed', data: { ...ids, assetId, workOrderId: 'wo-1', usedAt: '2026-11-24T09:59:00.000Z' } }]);
    given(reportLinkDecider, [expiring]).when(report('10:00')).thenThrows('report-link-expired');
  });

  it('revokes once: revoking again changes nothing', () => {
    given(reportLinkDecider, [issued]).when({ type: 'RevokeReportLink', data: {}, ...at('09:00') }).then([revoked]);
    given(reportLinkDecider, [issued, revoked]).when({ type: 'RevokeReportLink', data: {}, ...at('09:10') }).then([]);
  });

  it('knows no link that was never issued', () => {
    given(reportLinkDecider, []).when(report('08:30')).thenThrows('report-link-not-found', 'not-found');
  });
});
