import autocannon from 'autocannon';

/** The bureau's district dashboard query over HTTP, one client at a time: latency in ms. */
export async function dashboardQuery(bureauUrl: string, token: string, seconds: number) {
  const result = await autocannon({
    url: `${bureauUrl}/statistics/work-orders/district`,
    connections: 1,
    duration: seconds,
    headers: { authorization: `Bearer ${token}` },
  });
  return { p50: result.latency.p50, p99: result.latency.p99, throughput: result['2xx'] / seconds };
}
