import { percentile } from './stats';

/** The bureau's district dashboard query over HTTP, one request at a time, timed to the microsecond. */
export async function dashboardQuery(bureauUrl: string, token: string, seconds: number) {
  const latencies: number[] = [];
  const end = Date.now() + seconds * 1000;
  while (Date.now() < end) {
    const t = process.hrtime.bigint();
    const response = await fetch(`${bureauUrl}/statistics/work-orders/district`, { headers: { authorization: `Bearer ${token}` } });
    await response.json();
    if (!response.ok) throw new Error(`dashboard answered ${response.status}`);
    latencies.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return { p50: percentile(latencies, 50), p99: percentile(latencies, 99), throughput: latencies.length / seconds };
}
