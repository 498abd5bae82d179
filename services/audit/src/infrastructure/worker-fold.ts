import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { KafkaMessage } from 'kafkajs';
import { Group, mergeGroups } from '@houqin/projections';
import { Figure } from '@houqin/statistics';
import type { FoldBatch, FoldWorkerData } from './fold-worker';

export interface FoldResult {
  groups: Group<string>[];
  applied: number;
  duplicates: number;
  rejected: number;
  rejections: string[];
}

/** One fold worker thread, with at most `window` batches in flight so memory stays bounded. */
class FoldThread {
  private readonly worker: Worker;
  private inFlight = 0;
  private readonly waiting: (() => void)[] = [];
  private failure?: Error;

  constructor(
    figure: string,
    private readonly window: number,
  ) {
    this.worker = new Worker(join(__dirname, 'fold-worker.js'), { workerData: { figure } satisfies FoldWorkerData });
    this.worker.on('message', (m: { ack?: boolean }) => {
      if (!m.ack) return;
      this.inFlight--;
      this.waiting.splice(0).forEach((wake) => wake());
    });
    this.worker.on('error', (err) => this.fail(err));
    this.worker.on('exit', (code) => this.fail(new Error(`fold worker exited (code ${code})`)));
  }

  private fail(err: Error): void {
    this.failure ??= err;
    this.waiting.splice(0).forEach((w) => w());
    this.finished?.reject(this.failure);
  }

  private finished?: { reject(err: Error): void };

  async push(messages: KafkaMessage[]): Promise<void> {
    if (this.failure) throw this.failure;
    while (this.inFlight >= this.window) await new Promise<void>((resolve) => this.waiting.push(resolve));
    if (this.failure) throw this.failure;
    this.inFlight++;
    const batch = pack(messages);
    this.worker.postMessage(batch, [batch.bytes.buffer, batch.ends.buffer, batch.offsets.buffer]);
  }

  async drained(): Promise<void> {
    while (this.inFlight > 0 && !this.failure) await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  async finish(): Promise<FoldResult> {
    try {
      return await new Promise<FoldResult>((resolve, reject) => {
        if (this.failure) return reject(this.failure); // an earlier failure, or the worker is gone
        this.finished = { reject };
        this.worker.on('message', (m: FoldResult & { ack?: boolean }) => !m.ack && resolve(m));
        this.worker.postMessage({ kind: 'finish' });
      });
    } finally {
      this.worker.removeAllListeners('exit');
      await this.worker.terminate();
    }
  }
}

/**
 * Folds a replay of one figure on worker threads while the calling thread reads Kafka. Each
 * stream belongs to one worker (chosen by the message key, the stream id), so every worker
 * sees its streams' events in order and the workers' group sums, over disjoint streams, add
 * up (mergeGroups). AUDIT_REPLAY_WORKERS, default: one per core but the one reading Kafka.
 */
export class WorkerFold {
  private readonly threads: FoldThread[];

  constructor(
    private readonly figure: Figure,
    workers = replayWorkers(),
    window = 8,
  ) {
    this.threads = Array.from({ length: workers }, () => new FoldThread(figure.name, window));
  }

  async push(messages: KafkaMessage[]): Promise<void> {
    const n = this.threads.length;
    if (n === 1) return this.threads[0].push(messages);
    const parts: KafkaMessage[][] = this.threads.map(() => []);
    for (const m of messages) parts[m.key ? keyHash(m.key) % n : 0].push(m);
    for (let i = 0; i < n; i++) if (parts[i].length > 0) await this.threads[i].push(parts[i]);
  }

  /** Resolves when every batch pushed so far is folded. */
  async drained(): Promise<void> {
    await Promise.all(this.threads.map((t) => t.drained()));
  }

  async finish(): Promise<FoldResult> {
    const results = await Promise.all(this.threads.map((t) => t.finish()));
    return {
      groups: mergeGroups(this.figure.projection.rollup.fields, results.map((r) => r.groups)),
      applied: sum(results.map((r) => r.applied)),
      duplicates: sum(results.map((r) => r.duplicates)),
      rejected: sum(results.map((r) => r.rejected)),
      rejections: results.flatMap((r) => r.rejections).slice(0, 20),
    };
  }
}

/**
 * The batch as three transferable arrays: posting thousands of small Buffers would have the
 * structured clone walk each one; one copy into a fresh buffer and a transfer costs far less.
 */
function pack(messages: KafkaMessage[]): FoldBatch {
  let total = 0;
  for (const m of messages) total += m.value?.length ?? 0;
  const bytes = new Uint8Array(total);
  const ends = new Uint32Array(messages.length);
  const offsets = new Float64Array(messages.length);
  let at = 0;
  messages.forEach((m, i) => {
    if (m.value) {
      bytes.set(m.value, at);
      at += m.value.length;
    }
    ends[i] = at;
    offsets[i] = Number(m.offset);
  });
  return { kind: 'batch', bytes, ends, offsets };
}

/** AUDIT_REPLAY_WORKERS if it is a positive integer, else one per core but the Kafka reader's. */
function replayWorkers(): number {
  const configured = Number(process.env['AUDIT_REPLAY_WORKERS']);
  return Number.isInteger(configured) && configured >= 1 ? configured : Math.max(1, availableParallelism() - 1);
}

/** FNV-1a over the key's bytes: spreads stream ids evenly over any number of workers. */
function keyHash(key: Buffer): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key[i], 0x01000193);
  return h >>> 0;
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
