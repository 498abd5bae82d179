import { atLeast, atMost, Quantity } from '../quantity';
import { RuleDefinition } from '../rule';

/** One rule, both directions: cooling may not go below its set point, heating not above its own. */
export type AirConditioningSetPoints = { readonly summerCooling: Quantity<'celsius'>; readonly winterHeating: Quantity<'celsius'> };

export const airConditioningSetPoints: RuleDefinition<AirConditioningSetPoints> = {
  title: 'Air-conditioning set points in public buildings',
  titleZh: '公共建筑空调温度控制标准',
  versions: [
    {
      version: '国办发〔2007〕42号',
      effectiveFrom: '2007-06-01',
      value: { summerCooling: atLeast(26, 'celsius'), winterHeating: atMost(20, 'celsius') },
      source: {
        instrument: '国务院办公厅关于严格执行公共建筑空调温度控制标准的通知（国办发〔2007〕42号）',
        edition: '2007 (effective date 2007-06-01 unverified)',
        confidence: 'P',
        note: 'Per soolun.net, 7tqp.com and syrybj.com reproductions; official text not seen.',
      },
    },
  ],
};

/**
 * 能耗异常跳变: a reading whose daily consumption is more than `aboveBaseline` percent above the average
 * daily consumption of the meter's earlier periods ending within `baselineWindow` before it is flagged
 * for the school admin to confirm or correct. Flagging, not refusing: a real leak must still be recorded.
 */
export type MeterJumpThreshold = { readonly aboveBaseline: Quantity<'percent'>; readonly baselineWindow: Quantity<'days'> };

export const meterJumpThreshold: RuleDefinition<MeterJumpThreshold> = {
  title: 'Meter reading jump: flag a period whose daily consumption is far above the meter\'s recent average',
  titleZh: '水电气抄表异常跳变：日均用量明显高于近期平均时标记',
  versions: [
    {
      version: 'v1',
      effectiveFrom: '2020-09-01',
      // A lower percentage flags more readings: a district may lower it (an upper bound), never raise it.
      value: { aboveBaseline: atMost(150, 'percent'), baselineWindow: atLeast(90, 'days') },
      source: {
        instrument: 'District education bureau logistics service standard (区教育局后勤服务规范, Houqin default)',
        edition: 'v1',
        confidence: 'district',
        note:
          'No national number: 公共机构节能条例 (国务院令第531号, in force 2008-10-01, amended 2017) 第14条 requires metering by ' +
          'household, type and sub-item and 第33条 close monitoring of canteens, boiler and server rooms, but sets no jump threshold ' +
          '(rules-and-sources F). 150 % above (2.5× the daily average of the last 90 days) lets seasonal swings through ' +
          '(heating or cooling months roughly double a school\'s electricity) and still catches a leak or a misread digit.',
      },
    },
  ],
};
