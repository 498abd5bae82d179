import { stopSharedStack } from './shared-stack';

/** Stops the journeys' shared stack and removes its schemas and topics, also after a failed journey. */
export default function globalTeardown(): Promise<void> {
  return stopSharedStack();
}
