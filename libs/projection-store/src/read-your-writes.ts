import { ServiceUnavailableException } from '@nestjs/common';
import { LogCheckpoint } from '@houqin/event-store';

/** Anything that can wait for a position (a GlobalLogProjector). */
export interface PositionWaiter {
  waitFor(position: string | LogCheckpoint, timeoutMs: number): Promise<boolean>;
}

/** The response's header setter, as both Express and Fastify have it. */
export interface HeaderSink {
  header(name: string, value: string): unknown;
}

export const READ_MODEL_BEHIND = 'read-model-behind';

/**
 * Read-your-writes for a list or detail read: with the position a command answered,
 * waits (bounded) until the read model has applied it; past the bound, a 503 with
 * Retry-After so that the client asks again instead of seeing a list without its own write.
 */
export async function awaitReadModel(
  waiter: PositionWaiter,
  position: string | undefined,
  response: HeaderSink,
  { timeoutMs = 2000, retryAfterSeconds = 1 }: { timeoutMs?: number; retryAfterSeconds?: number } = {},
): Promise<void> {
  if (!position) return;
  if (await waiter.waitFor(position, timeoutMs)) return;
  response.header('Retry-After', String(retryAfterSeconds));
  throw new ServiceUnavailableException({
    message: `The list has not caught up with position ${position} yet; retry in ${retryAfterSeconds} s`,
    messageZh: `列表尚未同步到您刚才的操作，请 ${retryAfterSeconds} 秒后重试`,
    code: READ_MODEL_BEHIND,
  });
}
