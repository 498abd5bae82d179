import { MeterEvent, MeterKind } from '@houqin/contracts';
import { Command, CommandMetadata, DomainError, unknownCommand } from '@houqin/event-sourcing';
import { houqinRules, judgeLateEntry, LateEntry, MeterJumpThreshold, parseInstant, refOf, RuleLookup } from '@houqin/rules';
import { judgeJump } from './jump';
import { ActiveMeter, MeterState } from './state';

/** The rules a meter is judged by (houqinRules in production; a derived pack in tests). */
export type MeterRules = RuleLookup<{ 'energy.meter.jumpThreshold': MeterJumpThreshold; 'time.lateEntry': LateEntry }>;

/** Readings are thousandths of the meter's unit (see the contract). */
export type InstallMeter = Command<'InstallMeter', { meterId: string; schoolId: string; building: string; kind: MeterKind; serial?: string; initialReadingMilli: number }>;
export type RecordMeterReading = Command<'RecordMeterReading', { readingId: string; readingMilli: number }>;
export type ReplaceMeter = Command<'ReplaceMeter', { finalReadingMilli: number; startReadingMilli: number; newSerial?: string; reason?: string }>;
export type ConfirmMeterReading = Command<'ConfirmMeterReading', { readingId: string; note?: string }>;
export type CorrectMeterReading = Command<'CorrectMeterReading', { readingId: string; readingMilli: number; reason: string }>;
export type MeterCommand = InstallMeter | RecordMeterReading | ReplaceMeter | ConfirmMeterReading | CorrectMeterReading;

/**
 * The decision: a reading never goes below the last one (only a replacement restarts the count) nor
 * back in time, and its jump is judged by the threshold in force when it was read, written into the
 * event, so a later rule version changes only readings taken after it.
 */
export function decideWith(rules: MeterRules) {
  return function decide(command: MeterCommand, state: MeterState): MeterEvent[] {
    if (command.type === 'InstallMeter') return install(command, state, rules);
    if (state.status === 'none') throw refuse('meter-not-found', 'Meter not found', '水电气表不存在', 'not-found');
    switch (command.type) {
      case 'RecordMeterReading':
        return record(command, state, rules);
      case 'ReplaceMeter':
        return replace(command, state, rules);
      case 'ConfirmMeterReading':
        return confirm(command, state);
      case 'CorrectMeterReading':
        return correct(command, state);
      default:
        return unknownCommand(command);
    }
  };
}

export const decide = decideWith(houqinRules);

function install({ data, metadata }: InstallMeter, state: MeterState, rules: MeterRules): MeterEvent[] {
  if (state.status !== 'none') throw refuse('meter-exists', 'This building already has a meter of this kind', '该楼栋已安装此类表计', 'conflict');
  const { serial, ...fields } = data;
  return [{ type: 'MeterInstalled', data: { ...fields, ...optional('serial', serial), installedBy: metadata.actorId, installedAt: metadata.occurredAt, ...lateMark(metadata, rules) } }];
}

function record({ data, metadata }: RecordMeterReading, meter: ActiveMeter, rules: MeterRules): MeterEvent[] {
  assertAfterLast(metadata, meter);
  if (data.readingMilli < meter.lastReadingMilli) {
    throw refuse(
      'reading-below-last',
      `The reading is lower than the last one (${meter.lastReadingMilli / 1000}); record a meter replacement if the meter was changed`,
      `读数低于上次读数（${meter.lastReadingMilli / 1000}）；如已换表，请登记换表`,
    );
  }
  const consumptionMilli = (meter.replacement?.carriedMilli ?? 0) + data.readingMilli - meter.lastReadingMilli;
  const period = { periodStart: meter.lastReadAt, readAt: metadata.occurredAt, consumptionMilli };
  const rule = rules.ruleAt('energy.meter.jumpThreshold', metadata.occurredAt);
  const { flagged, dailyMilli, baselineDailyMilli } = judgeJump(period, meter.periods, rule.value);
  return [
    {
      type: 'MeterReadingRecorded',
      data: {
        ...ids(meter),
        readingId: data.readingId,
        readingMilli: data.readingMilli,
        ...period,
        recordedBy: metadata.actorId,
        flagged,
        dailyMilli,
        ...optional('baselineDailyMilli', baselineDailyMilli),
        jumpRule: refOf(rule),
        ...lateMark(metadata, rules),
      },
    },
  ];
}

function replace({ data, metadata }: ReplaceMeter, meter: ActiveMeter, rules: MeterRules): MeterEvent[] {
  assertAfterLast(metadata, meter);
  if (data.finalReadingMilli < meter.lastReadingMilli) {
    throw refuse(
      'final-reading-below-last',
      `The old meter's final reading is lower than its last reading (${meter.lastReadingMilli / 1000})`,
      `旧表最终读数低于其上次读数（${meter.lastReadingMilli / 1000}）`,
    );
  }
  const { newSerial, reason, ...readings } = data;
  return [
    {
      type: 'MeterReplaced',
      data: { ...ids(meter), ...readings, ...optional('newSerial', newSerial), ...optional('reason', reason), replacedBy: metadata.actorId, replacedAt: metadata.occurredAt, ...lateMark(metadata, rules) },
    },
  ];
}

function confirm({ data, metadata }: ConfirmMeterReading, meter: ActiveMeter): MeterEvent[] {
  const period = flaggedPeriod(meter, data.readingId);
  if (period.resolution === 'confirmed') return [];
  return [{ type: 'MeterReadingConfirmed', data: { ...ids(meter), readingId: data.readingId, ...optional('note', data.note), confirmedBy: metadata.actorId, confirmedAt: metadata.occurredAt } }];
}

/** Only the latest reading, before any replacement, can be corrected: a later period started from it. */
function correct({ data, metadata }: CorrectMeterReading, meter: ActiveMeter): MeterEvent[] {
  const period = flaggedPeriod(meter, data.readingId);
  if (meter.periods[meter.periods.length - 1] !== period || meter.replacement) {
    throw refuse('reading-not-latest', 'Only the latest reading can be corrected', '只能更正最近一次读数', 'conflict');
  }
  if (data.readingMilli < period.baseMilli) {
    throw refuse('reading-below-last', `The corrected reading is lower than the previous one (${period.baseMilli / 1000})`, `更正后的读数低于上次读数（${period.baseMilli / 1000}）`);
  }
  const consumptionMilli = period.carriedMilli + data.readingMilli - period.baseMilli;
  return [
    {
      type: 'MeterReadingCorrected',
      data: { ...ids(meter), readingId: data.readingId, readingMilli: data.readingMilli, consumptionMilli, reason: data.reason, correctedBy: metadata.actorId, correctedAt: metadata.occurredAt },
    },
  ];
}

function flaggedPeriod(meter: ActiveMeter, readingId: string) {
  const period = meter.periods.find((p) => p.readingId === readingId);
  if (!period) throw refuse('reading-not-found', 'No such reading on this meter', '该表无此读数', 'not-found');
  if (!period.flagged) throw refuse('reading-not-flagged', 'Only a flagged reading is confirmed or corrected', '只有被标记为异常的读数需要确认或更正', 'conflict');
  if (period.resolution === 'corrected') throw refuse('reading-already-corrected', 'This reading was already corrected', '该读数已更正', 'conflict');
  return period;
}

/** Readings and replacements go forward in time: not at or before the last reading or replacement. */
function assertAfterLast(metadata: CommandMetadata, meter: ActiveMeter): void {
  const last = meter.replacement && parseInstant(meter.replacement.replacedAt)! > parseInstant(meter.lastReadAt)! ? meter.replacement.replacedAt : meter.lastReadAt;
  if (parseInstant(metadata.occurredAt)! > parseInstant(last)!) return;
  throw refuse(
    'reading-out-of-order',
    `occurredAt ${metadata.occurredAt} is not after this meter's last reading or replacement (${last})`,
    `抄表时间 ${metadata.occurredAt} 不晚于该表上次抄表或换表时间（${last}）`,
  );
}

/** 补录: judged by the allowance for energy facts in force when the reading was taken. */
function lateMark(metadata: CommandMetadata, rules: MeterRules): { late: boolean; lateByMs: number } {
  const { late, byMs } = judgeLateEntry('facilities.energy', metadata.occurredAt, metadata.now, { pack: rules });
  return { late, lateByMs: byMs };
}

const ids = (meter: ActiveMeter) => ({ meterId: meter.meterId, schoolId: meter.schoolId });
const optional = <K extends string, V>(key: K, value: V | undefined) => (value === undefined ? {} : ({ [key]: value } as Record<K, V>));
const refuse = (code: string, message: string, messageZh: string, kind: DomainError['kind'] = 'invalid') => new DomainError(code, message, messageZh, kind);
