import { ReportLinkEvent } from '@houqin/contracts';
import { unknownEvent } from '@houqin/event-sourcing';

interface Issued {
  status: 'active';
  linkId: string;
  schoolId: string;
  assetId: string;
  issuedBy: string;
  issuedAt: string;
  expiresAt?: string;
  reports: number;
  lastUsedAt?: string;
}
type Revoked = Omit<Issued, 'status'> & { status: 'revoked'; revokedBy: string; revokedAt: string };

/** 报修二维码: active until revoked (an expiry, when set, is judged at each use). */
export type ReportLinkState = { status: 'none' } | Issued | Revoked;
export type ExistingReportLink = Exclude<ReportLinkState, { status: 'none' }>;

export const initialState = (): ReportLinkState => ({ status: 'none' });

export function evolve(state: ReportLinkState, event: ReportLinkEvent): ReportLinkState {
  switch (event.type) {
    case 'ReportLinkIssued':
      return { ...event.data, status: 'active', reports: 0 };
    case 'ReportLinkRevoked': {
      const link = existing(state, event);
      return { ...link, status: 'revoked', revokedBy: event.data.revokedBy, revokedAt: event.data.revokedAt };
    }
    case 'ReportLinkUsed': {
      const link = existing(state, event);
      return { ...link, reports: link.reports + 1, lastUsedAt: event.data.usedAt };
    }
    default:
      return unknownEvent(event);
  }
}

function existing(state: ReportLinkState, event: ReportLinkEvent): ExistingReportLink {
  if (state.status === 'none') throw new Error(`${event.type} cannot follow a link never issued`);
  return state;
}
