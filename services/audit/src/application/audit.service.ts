import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock, DomainError } from '@houqin/event-sourcing';
import { PLATFORM_EVENTS } from '@houqin/contracts';
import { formatCheckpoint, inTransaction, LogFilter, parseCheckpoint, pgPoolOf, readGlobalLog, SqlClient, StoredEvent, verifyHashChains, VerifyScope } from '@houqin/event-store';
import { databaseSettingsFromEnv } from '@houqin/platform';
import { EventSource, EventSources } from '../infrastructure/event-sources';
import { HistoryFilter, readFilteredHistory } from '../infrastructure/history-query';
import { ProgressReporter } from './progress';
import { alreadyRunning, ExclusiveKind, exclusiveLockName, runExclusively } from './exclusive-run';
import { maskPersonalData } from './personal-data';

/**
 * One line of history as auditors read it: who did what, when, to which record. Personal data in the
 * payload (phones, ID numbers, health) is masked (personal-data.ts); the hashes are those of the stored event.
 */
export const historyLine = (e: StoredEvent) => ({
  position: e.globalPosition,
  recordedAt: e.recordedAt.toISOString(),
  occurredAt: e.metadata.occurredAt,
  actor: e.metadata.actor,
  correlationId: e.metadata.correlationId,
  type: e.type,
  schemaVersion: e.schemaVersion,
  streamId: e.streamId,
  streamVersion: e.streamVersion,
  schoolId: e.schoolId,
  payload: maskPersonalData(e.data),
  hash: e.hash,
  prevHash: e.prevHash,
});

@Injectable()
export class AuditService {
  constructor(
    private readonly sources: EventSources,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /** When a run starts, by the injected clock. */
  now(): Date {
    return this.clock.now();
  }

  source(name: string): EventSource {
    const source = this.sources.get(name);
    if (!source) throw new DomainError('unknown-source', `Unknown event source ${name}`, `未知的数据来源 ${name}`, 'not-found');
    return source;
  }

  /** The audit's sources, each with the event types its topic carries (for the auditors' type filter). */
  listSources() {
    return this.sources.names().map((name) => {
      const topic = this.source(name).topic;
      return { name, topic, eventTypes: PLATFORM_EVENTS.filter((e) => e.topic === topic).map((e) => e.type).sort() };
    });
  }

  async history(sourceName: string, filter: LogFilter & Omit<HistoryFilter, keyof LogFilter>, after: string | undefined, limit: number) {
    let checkpoint;
    try {
      checkpoint = parseCheckpoint(after);
    } catch {
      throw new DomainError('invalid-cursor', 'Invalid cursor', '游标格式不正确', 'invalid');
    }
    const source = this.source(sourceName);
    if (filter.actor || filter.types?.length || filter.from || filter.to) {
      const page = await storeOf(sourceName, () => readFilteredHistory(source.pool, checkpoint, limit, filter, HISTORY_SCAN_LIMIT));
      return { items: page.events.map(historyLine), next: formatCheckpoint(page.next), scanned: page.scanned, complete: page.complete };
    }
    const page = await storeOf(sourceName, () => readGlobalLog(source.pool, checkpoint, limit, filter));
    return { items: page.events.map(historyLine), next: formatCheckpoint(page.next) };
  }

  /** One verification per source at a time (429 for another meanwhile). */
  async verify(sourceName: string, scope: VerifyScope, actor: string, progress?: ProgressReporter) {
    const source = this.source(sourceName);
    return this.exclusively('verify', sourceName, async () => {
      const started = this.clock.now();
      const report = await storeOf(sourceName, () => verifyWithProgress(source.pool, scope, progress)).finally(() => progress?.finish());
      await this.record('verify-hash-chains', sourceName, actor, scope, report.ok, report, started);
      return { source: sourceName, scope, ...report };
    });
  }

  /** Runs `work` unless a run of this kind on this source is under way anywhere (see runExclusively). */
  exclusively<T>(kind: ExclusiveKind, sourceName: string, work: () => Promise<T>): Promise<T> {
    const lock = exclusiveLockName(databaseSettingsFromEnv('audit').schema, kind, sourceName);
    return runExclusively(pgPoolOf(this.dataSource), lock, () => alreadyRunning(kind, sourceName), work);
  }

  async record(kind: string, source: string, actor: string, scope: object, ok: boolean, result: object, started: Date) {
    await this.dataSource.query(
      `INSERT INTO audit_runs (kind, source, actor, scope, ok, result, started_at) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [kind, source, actor, JSON.stringify(scope), ok, JSON.stringify(result), started],
    );
  }

  async runs(limit: number) {
    return this.dataSource.query(
      `SELECT id, kind, source, actor, scope, ok, started_at AS "startedAt", finished_at AS "finishedAt" FROM audit_runs ORDER BY id DESC LIMIT $1`,
      [limit],
    );
  }
}

/** A source whose schema holds no event store (that service never ran on this database) is a 404, not a 500. */
async function storeOf<T>(sourceName: string, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if ((error as { code?: string }).code === '42P01') {
      throw new DomainError('source-not-found', `The event store of ${sourceName} is not in its database yet`, `${sourceName} 的事件库尚未建立`, 'not-found');
    }
    throw error;
  }
}

/** At most this many events are looked at per filtered history page (see readFilteredHistory). */
export const HISTORY_SCAN_LIMIT = 20_000;

/**
 * The lib's verification in one read-only snapshot, reporting progress: the events in scope are counted first (the
 * total), then every page the verifier reads adds its rows to `done`.
 */
function verifyWithProgress(pool: Parameters<typeof inTransaction>[0], scope: VerifyScope, progress?: ProgressReporter) {
  return inTransaction(
    pool,
    async (client) => {
      if (!progress) return verifyHashChains(client, scope);
      const { rows } = await client.query<{ n: string }>(
        `SELECT count(*) AS n FROM events WHERE ($1::text IS NULL OR school_id = $1) AND ($2::text IS NULL OR stream_id = $2)`,
        [scope.schoolId ?? null, scope.streamId ?? null],
      );
      progress.total(Number(rows[0].n));
      let done = 0;
      const counting: SqlClient = {
        query: (async (...args: Parameters<SqlClient['query']>) => {
          const result = await (client.query as (...a: unknown[]) => Promise<{ rows: Record<string, unknown>[]; rowCount: number | null }>)(...args);
          if (result.rows[0] && 'prev_hash' in result.rows[0]) progress.done((done += result.rows.length));
          return result;
        }) as SqlClient['query'],
      };
      return verifyHashChains(counting, scope);
    },
    'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY',
  );
}
