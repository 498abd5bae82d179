import { REPORT_LINK_STREAM_TYPE, ReportLinkEvent } from '@houqin/contracts';
import { StreamDecider } from '@houqin/event-sourcing';
import { decide, ReportLinkCommand } from './decide';
import { evolve, initialState, ReportLinkState } from './state';

export * from './decide';
export * from './state';

/** 报修二维码: issued per asset, used by anonymous reporters, revoked by the school. */
export const reportLinkDecider: StreamDecider<ReportLinkCommand, ReportLinkEvent, ReportLinkState> = {
  streamType: REPORT_LINK_STREAM_TYPE,
  initialState,
  decide,
  evolve,
};
