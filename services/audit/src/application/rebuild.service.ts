import { Inject, Injectable, Logger, NotFoundException, ServiceUnavailableException } from '@nestjs/common';
import { Kafka } from 'kafkajs';
import { topicName, KafkaConfig } from '@houqin/messaging';
import { compareGroups, Group } from '@houqin/projections';
import { Figure, figureNamed, figureRows, figureTotal, SchoolFigures, WORK_ORDER_FIGURE_FIELDS } from '@houqin/statistics';
import { EventSources } from '../infrastructure/event-sources';
import { replayTopic } from '../infrastructure/topic-replay';
import { WorkerFold } from '../infrastructure/worker-fold';
import { AUDIT_KAFKA, AUDIT_KAFKA_CONFIG } from '../infrastructure/kafka.providers';
import { BureauClient } from '../infrastructure/bureau.client';
import { AuditService } from './audit.service';
import { ProgressReporter } from './progress';

export const DEFAULT_FIGURE = 'work-order-figures';

/**
 * Rebuilds a figure of the statistics lib from the first event in Kafka and compares it,
 * field by field, with the bureau's live read model. Generic over the figure: the replay
 * folds the figure's own definition, so a figure added to the lib needs no code here.
 */
@Injectable()
export class RebuildService {
  private readonly log = new Logger(RebuildService.name);

  constructor(
    @Inject(AUDIT_KAFKA) private readonly kafka: Kafka,
    @Inject(AUDIT_KAFKA_CONFIG) private readonly kafkaConfig: KafkaConfig,
    private readonly sources: EventSources,
    private readonly bureau: BureauClient,
    private readonly audit: AuditService,
  ) {}

  /**
   * Replays the figure's source topic into fresh sums: this thread reads Kafka, worker
   * threads parse, validate and fold (the same contracts and definition as the bureau).
   */
  async replay(figure: Figure, progress?: ProgressReporter) {
    const topic = topicName(this.kafkaConfig, this.audit.source(figure.source).topic);
    const fold = new WorkerFold(figure);
    const report = progress && ((done: number, total: number) => (progress.total(total), progress.done(done)));
    const result = await replayTopic(this.kafka, topic, (messages) => fold.push(messages), () => fold.drained(), report).catch(async (err) => {
      await fold.finish().catch(() => undefined); // stops the workers
      throw isKafkaUnreachable(err)
        ? new ServiceUnavailableException({ message: `Kafka unreachable, nothing replayed: ${(err as Error).message}`, messageZh: 'Kafka 不可用，未能重放' })
        : err;
    });
    if (result.topicMissing) this.log.warn(`replay: topic ${topic} does not exist (nothing published yet, or deleted)`);
    const folded = await fold.finish();
    for (const rejection of folded.rejections) this.log.warn(`replay skipped ${rejection}`);
    return { applied: folded.applied, duplicates: folded.duplicates, groups: folded.groups, rejected: folded.rejected, ...result };
  }

  /** Replay only, without asking the bureau: for benchmarks and for a bureau that is down. */
  async rebuildOnly(actor: string, name = DEFAULT_FIGURE, progress?: ProgressReporter) {
    const figure = known(name);
    return this.audit.exclusively('rebuild', figure.source, () => this.replayAndRecord(figure, actor, progress).finally(() => progress?.finish()));
  }

  /** Compares with the bureau's live figure; one rebuild per source at a time (409 for another). */
  async rebuildAndCompare(authorization: string, actor: string, name = DEFAULT_FIGURE, progress?: ProgressReporter) {
    const figure = known(name);
    return this.audit.exclusively('rebuild', figure.source, () => this.replayAndCompare(figure, authorization, actor, progress).finally(() => progress?.finish()));
  }

  private async replayAndRecord(figure: Figure, actor: string, progress?: ProgressReporter) {
    const started = this.audit.now();
    const replay = await this.replay(figure, progress);
    const report = { ...summary(figure, replay), [figure.groupsName]: figureRows(figure, replay.groups) };
    await this.audit.record(`replay-${figure.name}`, figure.source, actor, {}, replay.rejected === 0, report, started);
    return report;
  }

  private async replayAndCompare(figure: Figure, authorization: string, actor: string, progress?: ProgressReporter) {
    const started = this.audit.now();
    const replay = await this.replay(figure, progress);
    const live = await this.bureau.figureOnceCaughtUp(authorization, figure, replay.applied);
    const differences = compareGroups(figure.projection.rollup.fields, replay.groups, live.groups).map(({ key, ...d }) => ({ [figure.groupField]: key, ...d }));
    const report = {
      matches: differences.length === 0 && live.eventsApplied === replay.applied,
      ...summary(figure, replay),
      liveEventsApplied: live.eventsApplied,
      differences,
    };
    await this.audit.record(`rebuild-${figure.name}`, figure.source, actor, {}, report.matches, report, started);
    return report;
  }
}

function known(name: string): Figure {
  const figure = figureNamed(name);
  if (!figure) throw new NotFoundException({ message: `No figure ${name}`, messageZh: `没有统计项 ${name}` });
  return figure;
}

type Replay = Awaited<ReturnType<RebuildService['replay']>>;

const summary = (figure: Figure, { applied, duplicates, groups, rejected, messages, durationMs, topicMissing }: Replay) => ({
  figure: figure.name,
  topicMissing,
  messagesReplayed: messages,
  eventsApplied: applied,
  duplicatesAbsorbed: duplicates,
  rejected,
  durationMs,
  eventsPerSecond: durationMs > 0 ? Math.round((messages * 1000) / durationMs) : null,
  replayed: figureTotal(figure, groups),
});

/** The work-order figures compared school by school (the generic comparison, named as before). */
export function compare(replayed: SchoolFigures[], live: SchoolFigures[]) {
  const groups = (figures: SchoolFigures[]): Group<string>[] => figures.map(({ schoolId, ...sums }) => ({ key: schoolId, sums }));
  return compareGroups(WORK_ORDER_FIGURE_FIELDS, groups(replayed), groups(live)).map(({ key, ...d }) => ({ schoolId: key, ...d }));
}

/** kafkajs gave up reaching the brokers (as opposed to a fault of the replay itself). */
const isKafkaUnreachable = (err: unknown): boolean =>
  ['KafkaJSConnectionError', 'KafkaJSNumberOfRetriesExceeded', 'KafkaJSBrokerNotFound', 'KafkaJSRequestTimeoutError'].includes((err as Error)?.name);
