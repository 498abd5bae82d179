import { Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { CommandExecutor } from '@houqin/event-store';
import { ReadModels } from '@houqin/projection-store';

/** A command's commit wakes the service's read models at once (else they look at their next poll). */
@Injectable()
export class ReadModelWakeup implements OnModuleInit, OnModuleDestroy {
  private unsubscribe?: () => void;

  constructor(
    private readonly executor: CommandExecutor,
    private readonly readModels: ReadModels,
  ) {}

  onModuleInit(): void {
    this.unsubscribe = this.executor.onCommit(() => this.readModels.notify());
  }

  onModuleDestroy(): void {
    this.unsubscribe?.();
  }
}
