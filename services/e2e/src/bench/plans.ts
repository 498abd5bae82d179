import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { globalLogQuery, LogCheckpoint, RELAY_CHECKPOINT, SqlQuery } from '@houqin/event-store';
import { TEST_DATABASE_URL } from '@houqin/testing';

/** What EXPLAIN (ANALYZE, BUFFERS) says about one query: its plan nodes, pages touched, time. */
export interface QueryPlan {
  query: string;
  /** Plan nodes, outermost first, e.g. "Index Scan using events_stream_version_uq on events". */
  nodes: string[];
  /** Shared buffers hit + read: the pages the query touched. */
  buffers: number;
  executionMs: number;
  /** A sequential scan of a table that grows with history. */
  scansHistory: boolean;
}

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Shared Hit Blocks'?: number;
  'Shared Read Blocks'?: number;
  Plans?: PlanNode[];
}

const HISTORY_TABLES = new Set(['events', 'streams', 'idempotency_keys', 'work_orders']);

/**
 * The hot queries of a command, of the relay and of the dashboard, explained on the live
 * stores: with 10× the history each must touch about as many pages as before (index look-ups
 * by key), never scan a table that grows with history. Writes run in a rolled-back transaction.
 */
export async function queryPlans(facilitiesSchema: string, bureauSchema: string): Promise<QueryPlan[]> {
  const facilities = await connect(facilitiesSchema);
  const bureau = await connect(bureauSchema);
  try {
    const { rows } = await facilities.query<{ stream_id: string; version: number; last_hash: string }>(
      `SELECT stream_id, version, last_hash FROM streams WHERE stream_type = 'WorkOrder' ORDER BY created_at DESC LIMIT 1`,
    );
    const head = rows[0];
    const [checkpoint] = (
      await facilities.query<LogCheckpoint>(
        `SELECT transaction_id::text AS "transactionId", global_position::text AS "globalPosition" FROM relay_checkpoints WHERE name = '${RELAY_CHECKPOINT}'`,
      )
    ).rows;
    const key = `plan-${randomUUID()}`;
    return [
      await explain(facilities, 'command read: the stream and the idempotency key', `
        SELECT k.request_hash, e.* FROM (VALUES ('actor', '${key}')) AS q (scope, key)
          LEFT JOIN idempotency_keys k ON k.scope = q.scope AND k.key = q.key
          LEFT JOIN LATERAL (SELECT * FROM events WHERE stream_id = '${head.stream_id}' AND k.scope IS NULL) e ON true
         ORDER BY e.stream_version`),
      await explain(facilities, 'command write: claim the idempotency key', `
        INSERT INTO idempotency_keys (scope, key, request_hash) VALUES ('actor', '${key}', 'h') ON CONFLICT DO NOTHING`, true),
      await explain(facilities, 'command write: compare-and-set the stream head', `
        UPDATE streams SET version = version + 1 WHERE stream_id = '${head.stream_id}' AND version = ${head.version} AND last_hash = '${head.last_hash}'`, true),
      await explain(facilities, 'relay: the next page of the global log', globalLogQuery(checkpoint, 500)),
      await explain(facilities, 'operators: count of relay_backlog()', { text: 'SELECT count(*) FROM relay_backlog()' }),
      await explain(bureau, 'dashboard: figures of every school', `SELECT * FROM school_figures ORDER BY school_id`),
    ];
  } finally {
    await facilities.end();
    await bureau.end();
  }
}

async function connect(schema: string): Promise<Client> {
  const client = new Client({ connectionString: TEST_DATABASE_URL, options: `-c search_path=${schema}` });
  await client.connect();
  return client;
}

async function explain(client: Client, query: string, statement: string | SqlQuery, write = false): Promise<QueryPlan> {
  const { text, values } = typeof statement === 'string' ? { text: statement, values: [] } : statement;
  if (write) await client.query('BEGIN');
  try {
    const { rows } = await client.query<{ 'QUERY PLAN': [{ Plan: PlanNode; 'Execution Time': number }] }>(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${text}`, values);
    const [{ Plan: plan, 'Execution Time': executionMs }] = rows[0]['QUERY PLAN'];
    const nodes = flatten(plan);
    return {
      query,
      nodes: nodes.map(describe),
      buffers: (plan['Shared Hit Blocks'] ?? 0) + (plan['Shared Read Blocks'] ?? 0),
      executionMs,
      scansHistory: nodes.some((n) => n['Node Type'] === 'Seq Scan' && HISTORY_TABLES.has(n['Relation Name'] ?? '')),
    };
  } finally {
    if (write) await client.query('ROLLBACK');
  }
}

const flatten = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).flatMap(flatten)];

const describe = (n: PlanNode) =>
  `${n['Node Type']}${n['Index Name'] ? ` using ${n['Index Name']}` : ''}${n['Relation Name'] ? ` on ${n['Relation Name']}` : ''}`;
