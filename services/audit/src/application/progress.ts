import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Clock } from '@houqin/event-sourcing';
import { DataSource } from 'typeorm';

/** Reports a run's progress: `total` once known, `done` as it goes. Writes at most every `everyMs` (and at the end). */
export interface ProgressReporter {
  total(total: number): void;
  done(done: number): void;
  finish(): Promise<void>;
}

const NONE: ProgressReporter = { total: () => undefined, done: () => undefined, finish: async () => undefined };

/** The share done of long runs, in the audit's own table (polled by the portal while the run's request is open). */
@Injectable()
export class AuditProgress {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /** A reporter for the run the client named `progressId` (none without an id); an id in use is refused (409). */
  async start(progressId: string | undefined, kind: string, source: string, actor: string, everyMs = 300): Promise<ProgressReporter> {
    if (!progressId) return NONE;
    const inserted = await this.dataSource.query(`INSERT INTO audit_progress (progress_id, kind, source, actor) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING progress_id`, [progressId, kind, source, actor]);
    if (inserted.length === 0) throw new ConflictException({ code: 'progress-id-used', message: 'This progressId was already used; send a new one', messageZh: '进度编号已被使用，请更换' });
    let state = { done: 0, total: null as number | null };
    let written = 0;
    let writing: Promise<unknown> = Promise.resolve();
    const write = (finished: boolean) => {
      const { done, total } = state;
      writing = writing.then(() => this.dataSource.query(`UPDATE audit_progress SET done = $2, total = $3, finished = $4, updated_at = now() WHERE progress_id = $1`, [progressId, done, total, finished])).catch(() => undefined);
      return writing;
    };
    const maybeWrite = () => {
      const now = this.clock.now().getTime();
      if (now - written >= everyMs) {
        written = now;
        void write(false);
      }
    };
    return {
      total: (total) => {
        state = { ...state, total };
        written = 0;
        maybeWrite();
      },
      done: (done) => {
        state = { ...state, done };
        maybeWrite();
      },
      finish: async () => {
        await write(true);
      },
    };
  }

  async get(progressId: string) {
    const [row] = await this.dataSource.query(
      `SELECT progress_id AS "progressId", kind, source, actor, done::int AS done, total::int AS total, finished, started_at AS "startedAt", updated_at AS "updatedAt" FROM audit_progress WHERE progress_id = $1`,
      [progressId],
    );
    if (!row) throw new NotFoundException({ message: `No run ${progressId}`, messageZh: '没有该运行记录' });
    const share = row.finished ? 1 : row.total ? Math.min(1, row.done / row.total) : null;
    return { ...row, share };
  }
}
