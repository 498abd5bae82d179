import { atLeast, Quantity } from '../quantity';
import { RuleDefinition } from '../rule';

export type SampleRetention = { readonly perDish: Quantity<'grams'>; readonly keepFor: Quantity<'hours'> };

export const sampleRetention: RuleDefinition<SampleRetention> = {
  title: 'Retained food samples: every dish at every meal, sealed, refrigerated',
  titleZh: '食品留样：每餐每样菜品，密封冷藏',
  versions: [
    {
      version: '2019-04-01',
      effectiveFrom: '2019-04-01',
      value: { perDish: atLeast(125, 'grams'), keepFor: atLeast(48, 'hours') },
      source: {
        instrument: '学校食品安全与营养健康管理规定（教育部 市场监管总局 卫生健康委令第45号）',
        article: 'canteen chapter (article number not confirmed)',
        edition: 'in force 2019-04-01',
        confidence: 'P',
        note:
          'GB 31654-2021 餐饮服务通用卫生规范 carries the same 125 g / 48 h. Record dish name, amount, time and who took the sample. ' +
          'Official article text not seen.',
      },
    },
  ],
};
