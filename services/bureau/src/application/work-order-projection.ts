import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { EventEnvelope } from '@houqin/contracts';
import { pgPoolOf } from '@houqin/event-store';
import { BatchProjector, Prepared } from '@houqin/projection-store';
import { workOrderFigures } from '@houqin/statistics';
import { BUREAU_FIGURE_TABLES } from './figure-tables';

/**
 * The bureau's figures, kept live from batches of facilities events: every figure in ONE
 * transaction per batch, each stream's version as checkpoint (see BatchProjector), so a
 * redelivered event is absorbed and a crash before commit redelivers the whole batch.
 */
@Injectable()
export class WorkOrderProjection {
  private readonly projector: BatchProjector;

  constructor(@InjectDataSource() dataSource: DataSource) {
    this.projector = new BatchProjector(pgPoolOf(dataSource), [...BUREAU_FIGURE_TABLES.values()]);
  }

  /** Status rows; a figure whose version changed is emptied, to be projected from the first event again. */
  prepare(): Promise<Map<string, Prepared>> {
    return this.projector.prepare();
  }

  /** Applies a batch to every figure; answers the work-order figures' counts. */
  async apply(batch: EventEnvelope[]): Promise<{ applied: number; duplicates: number }> {
    const counts = await this.projector.apply(batch);
    return counts.get(workOrderFigures.name) ?? { applied: 0, duplicates: 0 };
  }
}
