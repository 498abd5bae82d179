import { BadRequestException } from '@nestjs/common';
import { Request } from 'express';
import { fingerprint, IdempotencyKey } from '@houqin/event-store';
import { Principal } from '@houqin/auth';

const KEY_PATTERN = /^[A-Za-z0-9._:-]{8,128}$/;

/**
 * `Idempotency-Key` is required on every command: a retry with the same key gets the
 * first answer. Keys are scoped per actor; the fingerprint covers route and body.
 */
export function idempotencyOf(request: Request, principal: Principal): IdempotencyKey {
  const key = request.header('idempotency-key');
  if (!key || !KEY_PATTERN.test(key)) {
    // A key that is there but malformed (10 kB, latin1 text) is not "missing": say which.
    const error = key
      ? { constraint: 'matches', message: 'Idempotency-Key must be 8-128 characters of A-Z a-z 0-9 . _ : -', messageZh: '幂等键必须是 8 至 128 位字母、数字或 . _ : -' }
      : { constraint: 'isDefined', message: 'Idempotency-Key is required', messageZh: '缺少幂等键' };
    throw new BadRequestException({
      message: 'Header Idempotency-Key is required: 8-128 characters of A-Z a-z 0-9 . _ : -',
      messageZh: '必须提供请求头 Idempotency-Key：8 至 128 位字母、数字或 . _ : -',
      errors: [{ field: 'Idempotency-Key', ...error }],
    });
  }
  return {
    scope: `${principal.schoolId ?? '-'}/${principal.sub}`,
    key,
    requestHash: fingerprint({ method: request.method, path: request.path, body: request.body ?? null }),
  };
}

/** Optional `If-Match: <version>` (or an ETag `"3"` / `W/"3"`): the command applies only to that version. */
export function expectedVersionOf(request: Request): number | undefined {
  const header = request.header('if-match');
  if (header === undefined) return undefined;
  const match = /^(?:W\/)?"?(\d{1,9})"?$/.exec(header.trim());
  if (!match) {
    throw new BadRequestException({
      message: 'If-Match must be a version number',
      messageZh: 'If-Match 必须是版本号',
      errors: [{ field: 'If-Match', constraint: 'isInt', message: 'If-Match must be a version number', messageZh: 'If-Match 必须是版本号' }],
    });
  }
  return Number(match[1]);
}
