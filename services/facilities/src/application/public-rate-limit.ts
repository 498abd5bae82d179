import { HttpException, HttpStatus, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '@houqin/event-sourcing';
import { pgPoolOf, SqlPool } from '@houqin/event-store';

export interface RateLimit {
  /** Requests allowed per window. */
  max: number;
  windowMs: number;
}

/**
 * FACILITIES_PUBLIC_RATE_PER_LINK / _PER_IP (requests per FACILITIES_PUBLIC_RATE_WINDOW_MS, default one hour):
 * how many reports one QR link, and one client address, may send. Views (GET) count per address at 10×.
 */
export function publicRateLimitsFrom(env: NodeJS.ProcessEnv = process.env): { perLink: RateLimit; perIp: RateLimit } {
  const int = (name: string, fallback: number) => {
    const raw = env[name];
    const value = raw === undefined || raw === '' ? fallback : Number(raw);
    if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive whole number, not ${raw}`);
    return value;
  };
  const windowMs = int('FACILITIES_PUBLIC_RATE_WINDOW_MS', 3_600_000);
  return { perLink: { max: int('FACILITIES_PUBLIC_RATE_PER_LINK', 10), windowMs }, perIp: { max: int('FACILITIES_PUBLIC_RATE_PER_IP', 20), windowMs } };
}

/**
 * Fixed-window counters in PostgreSQL (table public_rate_limits): one upsert per check, so every replica of
 * facilities counts against the same numbers (an in-process limiter such as @fastify/rate-limit's memory store
 * would allow the limit once per replica, and the platform has no Redis). Windows follow the injected clock.
 */
@Injectable()
export class PublicRateLimiter {
  private readonly pool: SqlPool;

  constructor(
    dataSource: DataSource,
    private readonly clock: Clock,
  ) {
    this.pool = pgPoolOf(dataSource);
  }

  /** Counts one request in each bucket; 429 with Retry-After (seconds to the window's end) once any is over its limit. */
  async hit(buckets: { bucket: string; limit: RateLimit }[]): Promise<void> {
    const now = this.clock.now().getTime();
    for (const { bucket, limit } of buckets) {
      const windowStart = now - (now % limit.windowMs);
      const { rows } = await this.pool.query<{ hits: number }>(
        `INSERT INTO public_rate_limits (bucket, window_start, hits) VALUES ($1, $2, 1)
         ON CONFLICT (bucket, window_start) DO UPDATE SET hits = public_rate_limits.hits + 1 RETURNING hits`,
        [bucket, new Date(windowStart).toISOString()],
      );
      if (rows[0].hits > limit.max) throw tooManyRequests(Math.ceil((windowStart + limit.windowMs - now) / 1000));
    }
    // Old windows are forgotten now and then, by whoever passes (no timer of its own).
    if (now % 97 === 0) await this.pool.query(`DELETE FROM public_rate_limits WHERE window_start < $1`, [new Date(now - 86_400_000).toISOString()]);
  }
}

export class TooManyRequestsError extends HttpException {
  constructor(readonly retryAfterSeconds: number) {
    super(
      {
        statusCode: 429,
        error: 'Too Many Requests',
        code: 'rate-limited',
        message: `Too many reports from this code or this device; try again in ${retryAfterSeconds} s`,
        messageZh: `提交过于频繁，请 ${Math.ceil(retryAfterSeconds / 60)} 分钟后再试`,
        retryAfterSeconds,
      },
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }
}
const tooManyRequests = (seconds: number) => new TooManyRequestsError(Math.max(1, seconds));
