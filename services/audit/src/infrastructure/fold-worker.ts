import { parentPort, workerData } from 'node:worker_threads';
import { contracts } from '@houqin/contracts';
import { MemoryProjection } from '@houqin/projections';
import { figureNamed } from '@houqin/statistics';

/**
 * Worker thread of a replay: parses, validates (contracts) and folds the raw messages it is
 * sent, in the order sent, so the main thread's Kafka decoding runs on the other core. It
 * folds the figure named in its workerData with the very definition the bureau runs live.
 */
/** Message values end to end in `bytes` (value i ends at ends[i]; empty = no value), with their Kafka offsets. */
export interface FoldBatch {
  kind: 'batch';
  bytes: Uint8Array<ArrayBuffer>;
  ends: Uint32Array<ArrayBuffer>;
  offsets: Float64Array<ArrayBuffer>;
}

export interface FoldWorkerData {
  figure: string;
}

const figure = figureNamed((workerData as FoldWorkerData).figure);
if (!figure) throw new Error(`No figure ${(workerData as FoldWorkerData).figure}`);
const projection = new MemoryProjection(figure.projection);
const decoder = new TextDecoder();
let rejected = 0;
const rejections: string[] = [];

parentPort!.on('message', (message: FoldBatch | { kind: 'finish' }) => {
  if (message.kind === 'finish') {
    parentPort!.postMessage({ groups: projection.groupSums(), applied: projection.applied, duplicates: projection.duplicates, rejected, rejections });
    return;
  }
  const { bytes, ends, offsets } = message;
  for (let i = 0, start = 0; i < ends.length; start = ends[i++]) {
    try {
      const text = ends[i] > start ? decoder.decode(bytes.subarray(start, ends[i])) : 'null';
      projection.apply(contracts.parseEnvelope(JSON.parse(text)));
    } catch (err) {
      rejected++;
      if (rejections.length < 20) rejections.push(`offset ${offsets[i]}: ${(err as Error).message}`);
    }
  }
  parentPort!.postMessage({ ack: true });
});
