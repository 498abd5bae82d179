import { HttpException, HttpStatus } from '@nestjs/common';
import { SqlPool, withConnection } from '@houqin/event-store';

export type ExclusiveKind = 'verify' | 'rebuild';

/**
 * At most one run of a kind per source, across every replica of the audit service: a
 * session advisory lock in the audit's own database, held on one connection for the run
 * and released with it (also when the connection dies). A verification rehashes its whole
 * scope and a rebuild starts fold workers: neither may pile up.
 */
export async function runExclusively<T>(pool: SqlPool, lockName: string, busy: () => Error, work: () => Promise<T>): Promise<T> {
  return withConnection(pool, async (client) => {
    const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock(hashtext($1)) AS locked', [lockName]);
    if (!rows[0]?.locked) throw busy();
    try {
      return await work();
    } finally {
      await client.query('SELECT pg_advisory_unlock(hashtext($1))', [lockName]).catch(() => undefined);
    }
  });
}

/** The lock's name: schema-qualified, so that test platforms sharing a database do not block each other. */
export const exclusiveLockName = (auditSchema: string, kind: ExclusiveKind, source: string) => `houqin-audit:${auditSchema}:${kind}:${source}`;

/** What a second run answers while one is running: 409 for a rebuild, 429 (try again shortly) for a verification. */
export function alreadyRunning(kind: ExclusiveKind, source: string): HttpException {
  const exception =
    kind === 'rebuild'
      ? new HttpException(
          {
            code: 'rebuild-running',
            message: `A rebuild of ${source} is already running; wait for it to end (see GET /audit/runs)`,
            messageZh: `${source} 的重放核对正在进行，请等待其结束后再试（见审计记录）`,
          },
          HttpStatus.CONFLICT,
        )
      : new HttpException(
          {
            code: 'verification-running',
            message: `A verification of ${source} is already running; try again in a few seconds`,
            messageZh: `${source} 的防篡改校验正在进行，请稍后再试`,
          },
          HttpStatus.TOO_MANY_REQUESTS,
        );
  return exception;
}
