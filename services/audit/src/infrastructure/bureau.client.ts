import { Injectable, ServiceUnavailableException } from '@nestjs/common';
import { Group } from '@houqin/projections';
import { Figure } from '@houqin/statistics';

/** The bureau's generic answer for one figure (GET /statistics/figures/:figure). */
interface LiveFigure {
  eventsApplied: number;
  groups: Record<string, string | number>[];
}

/**
 * The bureau's public HTTP API, called with the auditor's own token: the audit sees
 * exactly what the bureau shows, through the same door.
 */
@Injectable()
export class BureauClient {
  private readonly baseUrl = process.env['BUREAU_URL'] ?? 'http://127.0.0.1:3102';

  /** Waits (bounded) until the bureau has applied at least `events` to the figure, then answers its live groups. */
  async figureOnceCaughtUp(authorization: string, figure: Figure, events: number, timeoutMs = 15_000): Promise<{ eventsApplied: number; groups: Group<string>[] }> {
    const deadline = Date.now() + timeoutMs;
    let live = await this.figure(authorization, figure);
    while (live.eventsApplied < events && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 200));
      live = await this.figure(authorization, figure);
    }
    const fields = figure.projection.rollup.fields;
    const groups = live.groups.map((row) => ({ key: String(row[figure.groupField]), sums: Object.fromEntries(fields.map((f) => [f, Number(row[f] ?? 0)])) }));
    return { eventsApplied: live.eventsApplied, groups };
  }

  private figure(authorization: string, figure: Figure): Promise<LiveFigure> {
    return this.get<LiveFigure>(`/statistics/figures/${encodeURIComponent(figure.name)}`, authorization);
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
