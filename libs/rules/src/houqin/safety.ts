import { atLeast, atMost, Quantity } from '../quantity';
import { RuleDefinition } from '../rule';

export type EvacuationDrill = {
  readonly primaryAndSecondary: Quantity<'count'>;
  readonly kindergarten: Quantity<'count'>;
  readonly lowBuildingClearance: Quantity<'minutes'>;
};

export const evacuationDrill: RuleDefinition<EvacuationDrill> = {
  title: 'Emergency evacuation drills',
  titleZh: '应急疏散演练频次',
  versions: [
    {
      version: '2014-02-22',
      effectiveFrom: '2014-02-22',
      value: {
        primaryAndSecondary: atLeast(1, 'count', 'month'),
        kindergarten: atLeast(1, 'count', 'quarter'),
        lowBuildingClearance: atMost(2, 'minutes'),
      },
      source: {
        instrument: '中小学幼儿园应急疏散演练指南（教基一厅〔2014〕2号）',
        edition: '2014-02-22',
        confidence: 'P',
        url: 'http://fz.sjtu.edu.cn/info/1061/12976.htm',
        note:
          'Reproduced at jxdsnyey.com/NewsView.aspx?id=941 and yyb8888.com; forwarded by the 杨浦区 education bureau. ' +
          'Clearance ≤2 min applies to low buildings (≤4 floors, adequate exits). Boarding and special-education schools drill more often.',
      },
    },
  ],
};
