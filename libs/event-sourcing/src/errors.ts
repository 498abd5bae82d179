/**
 * Errors that domain logic and the event store raise. They carry a kind that the
 * HTTP layer maps to a status code, and a message in English and Chinese.
 */
export type DomainErrorKind = 'invalid' | 'conflict' | 'not-found' | 'forbidden';

export class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly messageZh: string,
    readonly kind: DomainErrorKind = 'invalid',
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

/** Another writer appended to the stream first (optimistic concurrency). */
export class ConcurrencyError extends DomainError {
  constructor(
    readonly streamId: string,
    readonly expected: string,
    readonly actual?: number,
  ) {
    super(
      'concurrency-conflict',
      `Stream ${streamId} was changed by someone else (expected ${expected}${actual === undefined ? '' : `, actual ${actual}`}); reload and retry`,
      '数据已被他人修改，请刷新后重试',
      'conflict',
    );
    this.name = 'ConcurrencyError';
  }
}

/** The same idempotency key was used for a different request. */
export class IdempotencyKeyReusedError extends DomainError {
  constructor(key: string) {
    super(
      'idempotency-key-reused',
      `Idempotency-Key ${key} was already used for a different request`,
      `幂等键 ${key} 已用于另一个不同的请求`,
      'invalid',
    );
    this.name = 'IdempotencyKeyReusedError';
  }
}
