import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { EventEnvelope } from '@houqin/contracts';
import { pgPoolOf } from '@houqin/event-store';
import { ApplyCounts, BatchProjector, Prepared } from '@houqin/projection-store';
import { schoolRegister } from '@houqin/statistics';
import { schoolRegisterTables } from './school-register-tables';

/**
 * The district's school register, kept live from batches of identity events (its own consumer
 * group): one transaction per batch, each school stream's version as checkpoint, so a redelivered
 * event is absorbed; account events (the same topic) are left out.
 */
@Injectable()
export class SchoolRegisterProjection {
  private readonly projector: BatchProjector;

  constructor(@InjectDataSource() dataSource: DataSource) {
    this.projector = new BatchProjector(pgPoolOf(dataSource), [schoolRegisterTables]);
  }

  /** Its status row; emptied when the definition's version changed, to be fed from identity's first event again. */
  prepare(): Promise<Map<string, Prepared>> {
    return this.projector.prepare();
  }

  async apply(batch: EventEnvelope[]): Promise<ApplyCounts> {
    return (await this.projector.apply(batch)).get(schoolRegister.name) ?? { applied: 0, duplicates: 0 };
  }
}
