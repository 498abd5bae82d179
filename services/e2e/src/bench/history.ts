import { sql } from '@houqin/testing';

/**
 * Adds `count` more work orders of history straight into the stores (one reported event
 * each in facilities, behind the relay's checkpoint as if published long ago; one row
 * each in the bureau's read model), for the cost-growth measurement. Their hashes are
 * placeholders: these rows only add weight. Reported an hour ago, within every SLA, so that the SLA scheduler does not
 * raise an overdue for each (a day old, it raised 1.3M events of its own). The facilities service must be stopped
 * meanwhile, so that its relay cannot publish them before the checkpoint moves past.
 */
export async function addHistory(facilitiesSchema: string, bureauSchema: string, count: number, tag: string): Promise<void> {
  await sql(
    facilitiesSchema,
    `INSERT INTO streams (stream_id, stream_type, school_id, version, last_hash)
     SELECT 'WorkOrder-${tag}-' || g, 'WorkOrder', 'H' || lpad((g % 100)::text, 3, '0'), 1, md5(g::text) || md5(g::text)
       FROM generate_series(1, $1) g`,
    [count],
  );
  await sql(
    facilitiesSchema,
    `WITH e AS (
       INSERT INTO events (event_id, stream_id, stream_type, stream_version, school_id, type, schema_version, data, metadata, prev_hash, hash)
       SELECT gen_random_uuid(), 'WorkOrder-${tag}-' || g, 'WorkOrder', 1, 'H' || lpad((g % 100)::text, 3, '0'), 'WorkOrderReported', 1,
              jsonb_build_object('workOrderId', '${tag}-' || g, 'schoolId', 'H' || lpad((g % 100)::text, 3, '0'), 'title', '历史报修',
                                 'location', '教学楼', 'category', 'other', 'priority', 'normal', 'reportedBy', 'history',
                                 'reportedAt', now() - interval '1 hour'),
              jsonb_build_object('actor', jsonb_build_object('id', 'history', 'role', 'school-staff'), 'correlationId', 'history',
                                 'occurredAt', now() - interval '1 hour'),
              repeat('0', 64), md5(g::text) || md5(g::text)
         FROM generate_series(1, $1) g
       RETURNING transaction_id, global_position)
     UPDATE relay_checkpoints SET (transaction_id, global_position) = (SELECT transaction_id, max(global_position) FROM e GROUP BY transaction_id)`,
    [count],
  );
  await sql(
    bureauSchema,
    `INSERT INTO work_orders (work_order_id, school_id, status, reported_at, last_version)
     SELECT '${tag}-' || g, 'H' || lpad((g % 100)::text, 3, '0'), 'open', now() - interval '1 hour', 1 FROM generate_series(1, $1) g`,
    [count],
  );
  await sql(facilitiesSchema, 'ANALYZE');
  await sql(bureauSchema, 'ANALYZE');
}

export async function countEvents(facilitiesSchema: string): Promise<number> {
  const [{ n }] = await sql<{ n: string }>(facilitiesSchema, `SELECT count(*) AS n FROM events`);
  return Number(n);
}
