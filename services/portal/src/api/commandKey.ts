import { newKey } from './client';
import { ApiError } from './errors';

/**
 * One Idempotency-Key per user action. The services record a command's outcome under its key, refusals included,
 * and replay it to every retry. So the key is kept only while the outcome is unknown (no answer, a 5xx: the retry
 * must replay, never run twice), and renewed once an answer settled it: after a success, and after a 4xx (else
 * the corrected form, or the same one after a refresh, would only get the recorded refusal again).
 */
export class CommandKey {
  private key = newKey();

  get value(): string {
    return this.key;
  }

  /** The answer came: `error` undefined for a success. */
  settled(error?: unknown): void {
    if (error === undefined || (error instanceof ApiError && error.status >= 400 && error.status < 500)) this.key = newKey();
  }
}
