import { Pool } from 'pg';
import { TEST_DATABASE_URL } from '@houqin/testing';
import { percentile } from './stats';

export interface LoadResult {
  throughput: number;
  p50: number;
  p99: number;
}

/**
 * The raw baseline: single-row INSERTs that commit, from Node with `pg`, into a scratch
 * table of the same database, with a payload the size of a work order event.
 * 'transaction': BEGIN; INSERT; COMMIT (the baseline the ratio is taken against);
 * 'autocommit': the INSERT alone, committed by the server (one round trip, for reference).
 */
export async function rawInserts(schema: string, concurrency: number, seconds: number, mode: 'transaction' | 'autocommit'): Promise<LoadResult> {
  const pool = new Pool({ connectionString: TEST_DATABASE_URL, max: concurrency, options: `-c search_path=${schema}` });
  try {
    await pool.query(`CREATE TABLE IF NOT EXISTS bench_raw (id bigserial PRIMARY KEY, school_id text NOT NULL, payload jsonb NOT NULL, created_at timestamptz NOT NULL DEFAULT now())`);
    const payload = JSON.stringify(samplePayload());
    const latencies: number[] = [];
    const end = Date.now() + seconds * 1000;
    const started = process.hrtime.bigint();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        const client = await pool.connect();
        try {
          while (Date.now() < end) {
            const t = process.hrtime.bigint();
            if (mode === 'transaction') await client.query('BEGIN');
            await client.query('INSERT INTO bench_raw (school_id, payload) VALUES ($1, $2)', ['S001', payload]);
            if (mode === 'transaction') await client.query('COMMIT');
            latencies.push(Number(process.hrtime.bigint() - t) / 1e6);
          }
        } finally {
          client.release();
        }
      }),
    );
    const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
    return { throughput: latencies.length / elapsed, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
  } finally {
    await pool.end();
  }
}

export const samplePayload = () => ({
  workOrderId: '54f1381e-3dad-4739-86e0-45dca8a7c624',
  schoolId: 'S001',
  title: '三楼302教室灯管不亮',
  location: '教学楼3层302',
  category: 'electrical',
  priority: 'normal',
  reportedBy: 'bench.user',
  reportedAt: new Date().toISOString(),
  metadata: { actor: { id: 'bench.user', role: 'school-staff' }, correlationId: '852f3e32-ff5e-4fb7-9b1c-444238ffcc5d' },
  hash: 'f'.repeat(64),
  prevHash: '0'.repeat(64),
});
