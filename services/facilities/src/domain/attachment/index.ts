import { ATTACHMENT_STREAM_TYPE, AttachmentEvent } from '@houqin/contracts';
import { StreamDecider } from '@houqin/event-sourcing';
import { AttachmentCommand, decide } from './decide';
import { AttachmentState, evolve, initialState } from './state';

export * from './decide';
export * from './limits';
export * from './state';

/** 附件: one uploaded file of a record, its bytes kept by facilities. */
export const attachmentDecider: StreamDecider<AttachmentCommand, AttachmentEvent, AttachmentState> = {
  streamType: ATTACHMENT_STREAM_TYPE,
  initialState,
  decide,
  evolve,
};
