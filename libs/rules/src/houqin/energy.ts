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
