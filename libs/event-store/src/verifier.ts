import { GENESIS_HASH, hashEvent } from './hash';
import { EVENT_COLUMNS, EventRow, toStoredEvent } from './rows';
import { inTransaction } from './transaction';
import { SqlClient, SqlPool, StoredEvent } from './types';

export type ChainBreakReason =
  | 'hash-mismatch' // the row's content no longer matches its hash: it was edited
  | 'prev-hash-mismatch' // the link to the previous event is broken: a row was replaced or reordered
  | 'version-gap' // versions do not run 1..n: a row was deleted or inserted
  | 'head-mismatch' // the stream head disagrees with its last event: rows were cut off or rewritten
  | 'missing-events'; // a stream head with no events at all

export interface ChainBreak {
  streamId: string;
  reason: ChainBreakReason;
  streamVersion?: number;
  globalPosition?: string;
  eventId?: string;
  detail: string;
}

export interface VerificationReport {
  ok: boolean;
  streamsChecked: number;
  eventsChecked: number;
  /** The first broken link of each broken stream, in stream-id order (at most `maxBreaks`). */
  breaks: ChainBreak[];
}

export interface VerifyScope {
  schoolId?: string;
  streamId?: string;
  pageSize?: number;
  maxBreaks?: number;
}

interface HeadRow {
  stream_id: string;
  version: number;
  last_hash: string;
}

/**
 * Verifies in one read-only snapshot, so appends committed while it runs cannot look
 * like a stream head that disagrees with its events.
 */
export const verifyHashChainsInSnapshot = (pool: SqlPool, scope: VerifyScope = {}): Promise<VerificationReport> =>
  inTransaction(pool, (client) => verifyHashChains(client, scope), 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');

/**
 * Recomputes every hash chain in stream order, one page of events at a time
 * (keyset pagination on the (stream_id, stream_version) unique index, so memory is flat).
 */
export async function verifyHashChains(client: SqlClient, scope: VerifyScope = {}): Promise<VerificationReport> {
  const report: VerificationReport = { ok: true, streamsChecked: 0, eventsChecked: 0, breaks: [] };
  const maxBreaks = scope.maxBreaks ?? 100;
  const heads = await loadHeads(client, scope);
  const pageSize = scope.pageSize ?? 5000;
  let cursor: { streamId: string; version: number } = { streamId: '', version: 0 };
  let chain: ChainWalker | undefined;

  const finish = (walker: ChainWalker | undefined) => {
    if (!walker) return;
    report.streamsChecked++;
    const brk = walker.finish(heads.get(walker.streamId));
    heads.delete(walker.streamId);
    if (brk && report.breaks.length < maxBreaks) report.breaks.push(brk);
  };

  for (;;) {
    const page = await readPage(client, scope, cursor, pageSize);
    for (const event of page) {
      if (chain?.streamId !== event.streamId) {
        finish(chain);
        chain = new ChainWalker(event.streamId);
      }
      chain.step(event);
      report.eventsChecked++;
    }
    if (page.length < pageSize) break;
    const last = page[page.length - 1];
    cursor = { streamId: last.streamId, version: last.streamVersion };
  }
  finish(chain);
  for (const [streamId, head] of heads) {
    report.streamsChecked++;
    if (report.breaks.length < maxBreaks) {
      report.breaks.push({ streamId, reason: 'missing-events', detail: `stream head at version ${head.version} has no events` });
    }
  }
  report.breaks.sort((a, b) => a.streamId.localeCompare(b.streamId));
  report.ok = report.breaks.length === 0;
  return report;
}

class ChainWalker {
  private expectedVersion = 1;
  private prevHash = GENESIS_HASH;
  private broken?: ChainBreak;

  constructor(readonly streamId: string) {}

  step(e: StoredEvent): void {
    if (this.broken) return;
    const at = { streamId: e.streamId, streamVersion: e.streamVersion, globalPosition: e.globalPosition, eventId: e.eventId };
    if (e.streamVersion !== this.expectedVersion) {
      this.broken = { ...at, reason: 'version-gap', detail: `expected version ${this.expectedVersion}, found ${e.streamVersion}` };
    } else if (e.prevHash !== this.prevHash) {
      this.broken = { ...at, reason: 'prev-hash-mismatch', detail: `prev_hash does not equal the hash of version ${e.streamVersion - 1}` };
    } else if (hashEvent(e) !== e.hash) {
      this.broken = { ...at, reason: 'hash-mismatch', detail: 'the stored content does not match its hash' };
    }
    this.expectedVersion++;
    this.prevHash = e.hash;
  }

  finish(head: HeadRow | undefined): ChainBreak | undefined {
    if (this.broken) return this.broken;
    const version = this.expectedVersion - 1;
    if (!head) return { streamId: this.streamId, reason: 'head-mismatch', detail: 'events without a stream head' };
    if (head.version !== version || head.last_hash !== this.prevHash) {
      return {
        streamId: this.streamId,
        reason: 'head-mismatch',
        streamVersion: version,
        detail: `head says version ${head.version}, events end at version ${version}${head.last_hash === this.prevHash ? '' : ' with another hash'}`,
      };
    }
    return undefined;
  }
}

async function loadHeads(client: SqlClient, scope: VerifyScope): Promise<Map<string, HeadRow>> {
  const { where, params } = filter(scope, []);
  const { rows } = await client.query<HeadRow>(`SELECT stream_id, version, last_hash FROM streams ${where}`, params);
  return new Map(rows.map((r) => [r.stream_id, r]));
}

async function readPage(client: SqlClient, scope: VerifyScope, after: { streamId: string; version: number }, limit: number) {
  const { where, params } = filter(scope, [after.streamId, after.version, limit], ['(stream_id, stream_version) > ($1, $2)']);
  const { rows } = await client.query<EventRow>(
    `SELECT ${EVENT_COLUMNS} FROM events ${where} ORDER BY stream_id, stream_version LIMIT $3`,
    params,
  );
  return rows.map(toStoredEvent);
}

function filter(scope: VerifyScope, params: unknown[], conditions: string[] = []) {
  if (scope.schoolId) conditions.push(`school_id = $${params.push(scope.schoolId)}`);
  if (scope.streamId) conditions.push(`stream_id = $${params.push(scope.streamId)}`);
  return { where: conditions.length ? `WHERE ${conditions.join(' AND ')}` : '', params };
}
