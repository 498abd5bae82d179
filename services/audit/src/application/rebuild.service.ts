import { Inject, Injectable, Logger, ServiceUnavailableException } from '@nestjs/common';
import { Kafka } from 'kafkajs';
import { topicName, KafkaConfig } from '@houqin/messaging';
import { districtFigures, SchoolFigures } from '@houqin/statistics';
import { EventSources } from '../infrastructure/event-sources';
import { replayTopic } from '../infrastructure/topic-replay';
import { WorkerFold } from '../infrastructure/worker-fold';
import { AUDIT_KAFKA, AUDIT_KAFKA_CONFIG } from '../infrastructure/kafka.providers';
import { BureauClient } from '../infrastructure/bureau.client';
import { AuditService } from './audit.service';

const FIELDS: (keyof SchoolFigures)[] = ['reported', 'open', 'completed', 'verified', 'completionCount', 'completionMsTotal'];

export interface FigureDifference {
  schoolId: string;
  field: keyof SchoolFigures | 'missing-in-live' | 'missing-in-replay';
  replayed?: number;
  live?: number;
}

/**
 * Rebuilds the bureau's work-order figures from the first event in Kafka and compares
 * them with the bureau's live read model.
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
   * Replays the facilities topic into fresh figures: this thread reads Kafka, a worker
   * thread parses, validates and folds (the same contracts and reducer as the bureau).
   */
  async replay() {
    const topic = topicName(this.kafkaConfig, this.audit.source('facilities').topic);
    const fold = new WorkerFold();
    const result = await replayTopic(this.kafka, topic, (messages) => fold.push(messages), () => fold.drained()).catch(async (err) => {
      await fold.finish().catch(() => undefined); // stops the worker
      throw isKafkaUnreachable(err)
        ? new ServiceUnavailableException({ message: `Kafka unreachable, nothing replayed: ${(err as Error).message}`, messageZh: 'Kafka 不可用，未能重放' })
        : err;
    });
    if (result.topicMissing) this.log.warn(`replay: topic ${topic} does not exist (nothing published yet, or deleted)`);
    const folded = await fold.finish();
    for (const rejection of folded.rejections) this.log.warn(`replay skipped ${rejection}`);
    const stats = { applied: folded.applied, duplicates: folded.duplicates, figures: () => folded.figures };
    return { stats, rejected: folded.rejected, ...result };
  }

  /** Replay only, without asking the bureau: for benchmarks and for a bureau that is down. */
  async rebuildOnly(actor: string) {
    return this.audit.exclusively('rebuild', 'facilities', () => this.replayAndRecord(actor));
  }

  /** Compares with the bureau's live figures; one rebuild per source at a time (409 for another). */
  async rebuildAndCompare(authorization: string, actor: string) {
    return this.audit.exclusively('rebuild', 'facilities', () => this.replayAndCompare(authorization, actor));
  }

  private async replayAndRecord(actor: string) {
    const started = new Date();
    const replay = await this.replay();
    const report = { ...summary(replay), schools: replay.stats.figures() };
    await this.audit.record('replay-work-order-figures', 'facilities', actor, {}, replay.rejected === 0, report, started);
    return report;
  }

  private async replayAndCompare(authorization: string, actor: string) {
    const started = new Date();
    const replay = await this.replay();
    const live = await this.bureau.figuresOnceCaughtUp(authorization, replay.stats.applied);
    const differences = compare(replay.stats.figures(), live.schools);
    const report = {
      matches: differences.length === 0 && live.eventsApplied === replay.stats.applied,
      ...summary(replay),
      liveEventsApplied: live.eventsApplied,
      differences,
    };
    await this.audit.record('rebuild-work-order-figures', 'facilities', actor, {}, report.matches, report, started);
    return report;
  }
}

type Replay = Awaited<ReturnType<RebuildService['replay']>>;

const summary = ({ stats, rejected, messages, durationMs, topicMissing }: Replay) => ({
  topicMissing,
  messagesReplayed: messages,
  eventsApplied: stats.applied,
  duplicatesAbsorbed: stats.duplicates,
  rejected,
  durationMs,
  eventsPerSecond: durationMs > 0 ? Math.round((messages * 1000) / durationMs) : null,
  replayed: districtFigures(stats.figures()),
});

export function compare(replayed: SchoolFigures[], live: SchoolFigures[]): FigureDifference[] {
  const differences: FigureDifference[] = [];
  const liveBySchool = new Map(live.map((s) => [s.schoolId, s]));
  for (const r of replayed) {
    const l = liveBySchool.get(r.schoolId);
    liveBySchool.delete(r.schoolId);
    if (!l) {
      differences.push({ schoolId: r.schoolId, field: 'missing-in-live' });
      continue;
    }
    for (const field of FIELDS) {
      if (r[field] !== l[field]) differences.push({ schoolId: r.schoolId, field, replayed: Number(r[field]), live: Number(l[field]) });
    }
  }
  for (const l of liveBySchool.values()) {
    if (FIELDS.some((f) => Number(l[f]) !== 0)) differences.push({ schoolId: l.schoolId, field: 'missing-in-replay' });
  }
  return differences;
}

/** kafkajs gave up reaching the brokers (as opposed to a fault of the replay itself). */
const isKafkaUnreachable = (err: unknown): boolean =>
  ['KafkaJSConnectionError', 'KafkaJSNumberOfRetriesExceeded', 'KafkaJSBrokerNotFound', 'KafkaJSRequestTimeoutError'].includes((err as Error)?.name);
