import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Clock, Command, CommandMetadata, DomainEvent, StreamDecider } from '@houqin/event-sourcing';
import { requireOccurredAt } from '@houqin/rules';
import { CommandExecutor, CommandResult } from '../command-executor';
import { CommandContext } from './command-context';

/**
 * A command as an application sends it: type and data; the runner adds who and when.
 * `metadata.occurredAt` is the business time when the fact happened earlier than it is
 * recorded (a late entry, 补录); without it, the clock's now.
 */
export type CommandInput<C extends Command> = {
  [T in C['type']]: { type: T; data: Extract<C, { type: T }>['data']; metadata?: Pick<Partial<CommandMetadata>, 'occurredAt'> };
}[C['type']];

export interface RunOptions {
  /** The id was just made up (a new UUID): nothing to read first (see CommandRequest.newStream). */
  newStream?: boolean;
}

/**
 * What a command answers: the aggregate's id beside the executor's result, and `position`, the
 * global position of its last event (absent when nothing was appended): a list read with it waits
 * until its read model has applied the command (read-your-writes). Derived from the events, so a
 * replayed answer carries it too.
 */
export type RunResult = CommandResult & { id: string; position?: string };

/**
 * Runs one command of any aggregate: stamps it with the actor, role and the injected clock's
 * time, builds the event metadata (actor, correlation id, occurredAt) and executes it on the
 * stream `<streamType>-<id>` with the context's school, idempotency key and If-Match.
 *   runner.run(workOrderDecider, id, { type: 'AssignWorkOrder', data: { assignee } }, ctx)
 */
@Injectable()
export class CommandRunner {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly clock: Clock,
  ) {}

  async run<C extends Command, E extends DomainEvent, S>(
    decider: StreamDecider<C, E, S>,
    id: string,
    input: NoInfer<CommandInput<C>>,
    ctx: CommandContext,
    options: RunOptions = {},
  ): Promise<RunResult> {
    const now = this.clock.now().toISOString();
    // A business time the client brings (补录) is validated by the rule pack: not in the future beyond the clock
    // skew, not before the school year of now (DomainError 'invalid' → 422); canonical UTC from here on.
    const brought = input.metadata?.occurredAt;
    const occurredAt = brought === undefined ? now : requireOccurredAt(brought, { now });
    const command = { type: input.type, data: input.data, metadata: { actorId: ctx.actorId, actorRole: ctx.role, now, occurredAt } } as C;
    const result = await this.executor.execute({
      decider,
      streamId: streamIdOf(decider, id),
      streamType: decider.streamType,
      schoolId: ctx.schoolId,
      command,
      newStream: options.newStream,
      expectedVersion: ctx.expectedVersion,
      idempotency: ctx.idempotency,
      metadata: { actor: { id: ctx.actorId, role: ctx.role, ...(ctx.actorName ? { name: ctx.actorName } : {}) }, correlationId: ctx.correlationId, occurredAt },
    });
    const last = result.events[result.events.length - 1];
    return { id: result.streamId.slice(decider.streamType.length + 1), ...result, ...(last ? { position: last.globalPosition } : {}) };
  }

  /**
   * Starts a new stream under a fresh UUID, which the command may carry in its data:
   *   runner.start(workOrderDecider, (workOrderId) => ({ type: 'ReportWorkOrder', data: { workOrderId, ... } }), ctx)
   */
  start<C extends Command, E extends DomainEvent, S>(decider: StreamDecider<C, E, S>, command: (id: string) => NoInfer<CommandInput<C>>, ctx: CommandContext): Promise<RunResult> {
    const id = randomUUID();
    return this.run(decider, id, command(id), ctx, { newStream: true });
  }
}

export const streamIdOf = (decider: { streamType: string }, id: string) => `${decider.streamType}-${id}`;
