import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';
import { LoadResult } from './raw-inserts';

export const REPORT_BODY = JSON.stringify({ title: '三楼302教室灯管不亮', location: '教学楼3层302', category: 'electrical', priority: 'normal' });

/** A second aggregate of facilities: registering a ledger asset (校产台账), a bigger payload and another decider. */
export const ASSET_COMMAND = {
  path: '/assets',
  body: JSON.stringify({ category: '2010104', name: '学生用台式计算机', model: 'ThinkCentre M730', purchaseDate: '2025-09-01', priceFen: 459_900, fundingSource: 'fiscal', location: { building: '实验楼', floor: '3', room: '301' }, custodian: '王老师' }),
};

export interface CommandLoadOptions {
  url: string;
  token: string;
  connections: number;
  seconds: number;
  /** Fixed total rate (commands/s) instead of as fast as possible. */
  rate?: number;
  /** Called with each answer's time and body (freshness). */
  onAnswer?: (answeredAt: number, body: string) => void;
  /** Another command than reporting a work order (ASSET_COMMAND). */
  command?: { path: string; body: string };
}

/**
 * The report-a-work-order command (or `command`) over HTTP with autocannon: the real path
 * (validation, auth, decide, append with expected version, outbox, hash chain),
 * each request with a fresh Idempotency-Key.
 */
export async function commandLoad(options: CommandLoadOptions): Promise<LoadResult & { non2xx: number; errors: number; sent: number }> {
  const result = await autocannon({
    url: `${options.url}${options.command?.path ?? '/work-orders'}`,
    method: 'POST',
    connections: options.connections,
    duration: options.seconds,
    ...(options.rate ? { overallRate: options.rate } : {}),
    headers: { authorization: `Bearer ${options.token}`, 'content-type': 'application/json' },
    body: options.command?.body ?? REPORT_BODY,
    requests: [
      {
        setupRequest: (request) => ({ ...request, headers: { ...request.headers, 'idempotency-key': `bench-${randomUUID()}` } }),
        onResponse: (_status, body) => options.onAnswer?.(Date.now(), body),
      },
    ],
  });
  const ok = result['2xx'];
  return {
    throughput: ok / options.seconds,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
    sent: result.requests.sent,
  };
}
