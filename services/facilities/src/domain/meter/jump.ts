import { durationMs, MeterJumpThreshold, parseInstant } from '@houqin/rules';

/** A past period as the baseline sees it. */
export interface PastPeriod {
  periodStart: string;
  readAt: string;
  consumptionMilli: number;
}

export interface JumpJudgement {
  flagged: boolean;
  /** This period's consumption per day, thousandths (rounded down). */
  dailyMilli: number;
  /** The baseline's per day; absent when no earlier period ended within the window. */
  baselineDailyMilli?: number;
}

const DAY_MS = 86_400_000n;

/**
 * 异常跳变, exactly: flagged when this period's daily consumption exceeds the baseline's by more than
 * `aboveBaseline` percent. The baseline is every earlier period that ended within `baselineWindow`
 * before this one started, weighted by its length. Compared by cross-multiplying integers (BigInt):
 *   consumption · baselineMs · 100 > (100 + p) · baselineConsumption · periodMs   (p in hundredths: ×100 again)
 */
export function judgeJump(period: PastPeriod, earlier: readonly PastPeriod[], rule: MeterJumpThreshold): JumpJudgement {
  const start = parseInstant(period.periodStart)!;
  const periodMs = BigInt(parseInstant(period.readAt)! - start);
  const consumption = BigInt(period.consumptionMilli);
  const dailyMilli = Number((consumption * DAY_MS) / periodMs);
  const windowStart = start - durationMs(rule.baselineWindow);
  let baselineMs = 0n;
  let baseline = 0n;
  for (const p of earlier) {
    const end = parseInstant(p.readAt)!;
    if (end < windowStart) continue;
    baselineMs += BigInt(end - parseInstant(p.periodStart)!);
    baseline += BigInt(p.consumptionMilli);
  }
  if (baselineMs === 0n) return { flagged: false, dailyMilli };
  const hundredthsOfPercent = BigInt(Math.round(rule.aboveBaseline.amount * 100));
  const flagged = consumption * baselineMs * 10_000n > (10_000n + hundredthsOfPercent) * baseline * periodMs;
  return { flagged, dailyMilli, baselineDailyMilli: Number((baseline * DAY_MS) / baselineMs) };
}
