import { AttachmentEvent, AttachmentRemoved, AttachmentUploaded } from '@houqin/contracts';
import { unknownEvent } from '@houqin/event-sourcing';

/** An attachment is uploaded once and may be removed once (a wrong photo); its upload's data stays in the state. */
export type AttachmentState =
  | { status: 'none' }
  | ({ status: 'uploaded' } & AttachmentUploaded)
  | ({ status: 'removed'; removal: Pick<AttachmentRemoved, 'reason' | 'removedBy' | 'removedAt'> } & AttachmentUploaded);

export const initialState = (): AttachmentState => ({ status: 'none' });

export function evolve(state: AttachmentState, event: AttachmentEvent): AttachmentState {
  switch (event.type) {
    case 'AttachmentUploaded':
      return { status: 'uploaded', ...event.data };
    case 'AttachmentRemoved': {
      if (state.status !== 'uploaded') throw new Error(`AttachmentRemoved cannot follow a ${state.status} attachment`);
      const { reason, removedBy, removedAt } = event.data;
      return { ...state, status: 'removed', removal: { reason, removedBy, removedAt } };
    }
    default:
      return unknownEvent(event);
  }
}
