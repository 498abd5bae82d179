import { AttachmentEvent, AttachmentUploaded } from '@houqin/contracts';
import { unknownEvent } from '@houqin/event-sourcing';

/** An attachment is uploaded once and never changes (a wrong photo is a new upload; removal would be a new event). */
export type AttachmentState = { status: 'none' } | ({ status: 'uploaded' } & AttachmentUploaded);

/** `type` is `never` once every case is handled (the compile-time check); the value is what the default reports. */
export const exhausted = <T>(_type: never, value: T): never => value as never;

export const initialState = (): AttachmentState => ({ status: 'none' });

export function evolve(state: AttachmentState, event: AttachmentEvent): AttachmentState {
  switch (event.type) {
    case 'AttachmentUploaded':
      return { status: 'uploaded', ...event.data };
    default:
      return unknownEvent(exhausted(event.type, event));
  }
}
