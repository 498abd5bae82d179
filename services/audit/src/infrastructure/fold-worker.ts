import { parentPort } from 'node:worker_threads';
import { contracts } from '@houqin/contracts';
import { WorkOrderStatistics } from '@houqin/statistics';

/**
 * Worker thread of a replay: parses, validates (contracts) and folds the raw messages it is
 * sent, in the order sent, so the main thread's Kafka decoding runs on the other core.
 */
const stats = new WorkOrderStatistics();
let rejected = 0;
const rejections: string[] = [];

parentPort!.on('message', (message: { kind: 'batch'; values: (Uint8Array | null)[]; offsets: string[] } | { kind: 'finish' }) => {
  if (message.kind === 'finish') {
    parentPort!.postMessage({ figures: stats.figures(), applied: stats.applied, duplicates: stats.duplicates, rejected, rejections });
    return;
  }
  const decoder = new TextDecoder();
  message.values.forEach((value, i) => {
    try {
      stats.apply(contracts.parseEnvelope(JSON.parse(value ? decoder.decode(value) : 'null')));
    } catch (err) {
      rejected++;
      if (rejections.length < 20) rejections.push(`offset ${message.offsets[i]}: ${(err as Error).message}`);
    }
  });
  parentPort!.postMessage({ ack: true });
});
