import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { KafkaMessage } from 'kafkajs';
import { SchoolFigures } from '@houqin/statistics';

export interface FoldResult {
  figures: SchoolFigures[];
  applied: number;
  duplicates: number;
  rejected: number;
  rejections: string[];
}

/**
 * Hands batches of raw messages to the fold worker in order, with at most `window` batches
 * in flight so memory stays bounded when Kafka is faster than the fold.
 */
export class WorkerFold {
  private readonly worker = new Worker(join(__dirname, 'fold-worker.js'));
  private inFlight = 0;
  private readonly waiting: (() => void)[] = [];
  private failure?: Error;

  constructor(private readonly window = 8) {
    this.worker.on('message', (m: { ack?: boolean }) => {
      if (!m.ack) return;
      this.inFlight--;
      this.waiting.splice(0).forEach((wake) => wake());
    });
    this.worker.on('error', (err) => {
      this.failure = err;
      this.waiting.splice(0).forEach((w) => w());
    });
  }

  async push(messages: KafkaMessage[]): Promise<void> {
    if (this.failure) throw this.failure;
    while (this.inFlight >= this.window) await new Promise<void>((resolve) => this.waiting.push(resolve));
    if (this.failure) throw this.failure;
    this.inFlight++;
    this.worker.postMessage({ kind: 'batch', values: messages.map((m) => m.value), offsets: messages.map((m) => m.offset) });
  }

  /** Resolves when the worker has folded every batch pushed so far. */
  async drained(): Promise<void> {
    while (this.inFlight > 0 && !this.failure) await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  async finish(): Promise<FoldResult> {
    try {
      return await new Promise<FoldResult>((resolve, reject) => {
        this.worker.on('message', (m: FoldResult & { ack?: boolean }) => !m.ack && resolve(m));
        this.worker.once('error', reject);
        this.worker.postMessage({ kind: 'finish' });
      });
    } finally {
      await this.worker.terminate();
    }
  }
}
