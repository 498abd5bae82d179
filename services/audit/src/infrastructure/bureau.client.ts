import { Injectable, ServiceUnavailableException } from '@nestjs/common';
import { SchoolFigures } from '@houqin/statistics';

/**
 * The bureau's public HTTP API, called with the auditor's own token: the audit sees
 * exactly what the bureau shows, through the same door.
 */
@Injectable()
export class BureauClient {
  private readonly baseUrl = process.env['BUREAU_URL'] ?? 'http://127.0.0.1:3102';

  /** Waits (bounded) until the bureau has applied at least `events`, then reads its figures. */
  async figuresOnceCaughtUp(authorization: string, events: number, timeoutMs = 15_000): Promise<{ eventsApplied: number; schools: SchoolFigures[] }> {
    const deadline = Date.now() + timeoutMs;
    let applied = await this.eventsApplied(authorization);
    while (applied < events && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 200));
      applied = await this.eventsApplied(authorization);
    }
    const { items } = await this.get<{ items: SchoolFigures[] }>('/statistics/work-orders/schools', authorization);
    return { eventsApplied: applied, schools: items };
  }

  private async eventsApplied(authorization: string): Promise<number> {
    const district = await this.get<{ projection: { eventsApplied: number } }>('/statistics/work-orders/district', authorization);
    return district.projection.eventsApplied;
  }

  private async get<T>(path: string, authorization: string): Promise<T> {
    let response: Response;
    try {
      response = await fetch(`${this.baseUrl}${path}`, { headers: { authorization }, signal: AbortSignal.timeout(10_000) });
    } catch (err) {
      throw new ServiceUnavailableException({ message: `Bureau service unreachable: ${(err as Error).message}`, messageZh: '教育局统计服务不可用' });
    }
    if (!response.ok) {
      throw new ServiceUnavailableException({ message: `Bureau service answered ${response.status}`, messageZh: `教育局统计服务返回 ${response.status}` });
    }
    return (await response.json()) as T;
  }
}
