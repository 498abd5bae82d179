import { ReportLinkEvent } from '@houqin/contracts';
import { Command, DomainError, unknownCommand } from '@houqin/event-sourcing';
import { parseInstant } from '@houqin/rules';
import { ExistingReportLink, ReportLinkState } from './state';

export type IssueReportLink = Command<'IssueReportLink', { linkId: string; schoolId: string; assetId: string; expiresAt?: string }>;
export type RevokeReportLink = Command<'RevokeReportLink', { reason?: string }>;
/** A work order was reported through the link: refused when the link is revoked or expired. */
export type RecordLinkReport = Command<'RecordLinkReport', { workOrderId: string }>;
export type ReportLinkCommand = IssueReportLink | RevokeReportLink | RecordLinkReport;

export function decide(command: ReportLinkCommand, state: ReportLinkState): ReportLinkEvent[] {
  if (command.type === 'IssueReportLink') return issue(command, state);
  if (state.status === 'none') throw notFound();
  switch (command.type) {
    case 'RevokeReportLink':
      return revoke(command, state);
    case 'RecordLinkReport':
      return recordReport(command, state);
    default:
      return unknownCommand(command);
  }
}

function issue({ data, metadata }: IssueReportLink, state: ReportLinkState): ReportLinkEvent[] {
  if (state.status !== 'none') throw refuse('report-link-exists', 'This report link exists already', '该报修二维码已存在', 'conflict');
  if (data.expiresAt !== undefined && instant(data.expiresAt) <= instant(metadata.occurredAt)) {
    throw refuse('report-link-expiry-passed', 'expiresAt must be later than the issue time', '有效期必须晚于发放时间');
  }
  const { expiresAt, ...ids } = data;
  return [{ type: 'ReportLinkIssued', data: { ...ids, issuedBy: metadata.actorId, issuedAt: metadata.occurredAt, ...(expiresAt === undefined ? {} : { expiresAt }) } }];
}

/** Revoking twice changes nothing (a retried click, two admins at once). */
function revoke({ data, metadata }: RevokeReportLink, state: ExistingReportLink): ReportLinkEvent[] {
  if (state.status === 'revoked') return [];
  const { linkId, schoolId } = state;
  return [{ type: 'ReportLinkRevoked', data: { linkId, schoolId, revokedBy: metadata.actorId, revokedAt: metadata.occurredAt, ...(data.reason ? { reason: data.reason } : {}) } }];
}

function recordReport({ data, metadata }: RecordLinkReport, state: ExistingReportLink): ReportLinkEvent[] {
  assertLinkUsable(state, metadata.occurredAt);
  return [{ type: 'ReportLinkUsed', data: { linkId: state.linkId, schoolId: state.schoolId, assetId: state.assetId, workOrderId: data.workOrderId, usedAt: metadata.occurredAt } }];
}

/** Whether a scan at `at` may report: the link exists, is not revoked and has not expired. */
export function assertLinkUsable(state: ReportLinkState, at: string): asserts state is Extract<ReportLinkState, { status: 'active' }> {
  if (state.status === 'none') throw notFound();
  if (state.status === 'revoked') throw refuse('report-link-revoked', 'This report link was revoked by the school', '该报修二维码已被学校作废', 'conflict');
  if (state.expiresAt !== undefined && instant(at) >= instant(state.expiresAt)) throw refuse('report-link-expired', 'This report link has expired', '该报修二维码已过期', 'conflict');
}

/** The refusals a public scan answers with 410 Gone (the link existed, it is no longer usable). */
export const LINK_GONE_CODES: ReadonlySet<string> = new Set(['report-link-revoked', 'report-link-expired']);

const instant = (text: string) => parseInstant(text) ?? NaN;
const refuse = (code: string, message: string, messageZh: string, kind: DomainError['kind'] = 'invalid') => new DomainError(code, message, messageZh, kind);
const notFound = () => refuse('report-link-not-found', 'Report link not found', '报修二维码不存在', 'not-found');
