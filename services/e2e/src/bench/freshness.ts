import { eventually, sql } from '@houqin/testing';
import { commandLoad } from './commands';
import { percentile } from './stats';

/**
 * School → bureau freshness: commands at a steady rate; for each, the time from its HTTP
 * answer (client clock) to the moment the bureau's read model first showed it
 * (`first_projected_at`, clock_timestamp() at the projection; same machine, same clock).
 */
export async function freshness(facilitiesUrl: string, token: string, bureauSchema: string, rate: number, seconds: number) {
  const answered = new Map<string, number>();
  const load = await commandLoad({
    url: facilitiesUrl,
    token,
    connections: Math.max(8, Math.ceil(rate / 50)),
    seconds,
    rate,
    onAnswer: (at, body) => {
      const id = (JSON.parse(body) as { workOrderId?: string }).workOrderId;
      if (id) answered.set(id, at);
    },
  });
  const ids = [...answered.keys()];
  await eventually(async () => {
    const [{ n }] = await sql<{ n: string }>(bureauSchema, `SELECT count(*) AS n FROM work_orders WHERE work_order_id = ANY($1)`, [ids]);
    return Number(n) === ids.length ? true : undefined;
  }, 120_000, 200);
  const rows = await sql<{ work_order_id: string; at: string }>(
    bureauSchema,
    `SELECT work_order_id, (extract(epoch FROM first_projected_at) * 1000)::float8 AS at FROM work_orders WHERE work_order_id = ANY($1)`,
    [ids],
  );
  const delays = rows.map((r) => Number(r.at) - answered.get(r.work_order_id)!);
  return { achievedRate: load.throughput, commands: ids.length, p50: percentile(delays, 50), p99: percentile(delays, 99), max: Math.max(...delays) };
}
