import { atLeast, atMost, Duration } from '../quantity';
import { RuleDefinition } from '../rule';

/** Same list as the contracts' WORK_ORDER_PRIORITIES (a test keeps them equal). */
export const REPAIR_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type RepairPriority = (typeof REPAIR_PRIORITIES)[number];

/** Response (派单/到场) and completion deadlines of one priority, in calendar time from the report. */
export type RepairSlaTerms = { readonly respondWithin: Duration; readonly completeWithin: Duration };
export type RepairSla = { readonly [P in RepairPriority]: RepairSlaTerms };

export type RepeatFailureWindow = { readonly window: Duration };

export type ExtinguisherInspection = { readonly general: Duration; readonly crowdedPlaces: Duration };

const districtStandard = 'District education bureau logistics service standard (区教育局后勤服务规范, Houqin default)';

export const repairSla: RuleDefinition<RepairSla> = {
  title: 'Repair work order response and completion deadlines by priority',
  titleZh: '报修工单响应与完成时限（按紧急程度）',
  versions: [
    {
      version: 'v1',
      effectiveFrom: '2020-09-01',
      value: {
        urgent: { respondWithin: atMost(1, 'hours'), completeWithin: atMost(24, 'hours') },
        high: { respondWithin: atMost(4, 'hours'), completeWithin: atMost(72, 'hours') },
        normal: { respondWithin: atMost(24, 'hours'), completeWithin: atMost(7, 'days') },
        low: { respondWithin: atMost(72, 'hours'), completeWithin: atMost(15, 'days') },
      },
      source: {
        instrument: districtStandard,
        edition: 'v1',
        confidence: 'district',
        note:
          'No national number exists: repair deadlines are a district service standard. These defaults follow what district ' +
          'bureaus commonly publish: urgent (漏水, 断电, 安全隐患) 1 h / 24 h; high 4 h / 72 h; normal 24 h / 7 d; low 72 h / 15 d. ' +
          'Calendar hours, nights and weekends included; public holidays not modelled.',
      },
    },
  ],
};

export const repeatFailureWindow: RuleDefinition<RepeatFailureWindow> = {
  title: 'Repeat failure: the same fault again within this window after completion counts as a rework (返修)',
  titleZh: '重复报修：完工后此期限内同一故障再次报修计为返修',
  versions: [
    {
      version: 'v1',
      effectiveFrom: '2020-09-01',
      // A longer window catches more repeats: a district may lengthen it (a lower bound), never shorten it.
      value: { window: atLeast(30, 'days') },
      source: {
        instrument: districtStandard,
        edition: 'v1',
        confidence: 'district',
        note: 'No national number; 30 days is the usual 保修期 of a small repair.',
      },
    },
  ],
};

export const extinguisherInspection: RuleDefinition<ExtinguisherInspection> = {
  title: 'Fire extinguisher inspection interval',
  titleZh: '灭火器检查周期',
  versions: [
    {
      version: 'GB50444-2008',
      effectiveFrom: '2008-11-01',
      value: { general: atMost(31, 'days'), crowdedPlaces: atMost(15, 'days') },
      source: {
        instrument: 'GB 50444-2008 建筑灭火器配置验收及检查规范',
        article: '5.2.1 (monthly); 5.2.2 (every half month in crowded public places, boiler rooms, basements)',
        edition: 'GB 50444-2008, in force 2008-11-01',
        confidence: 'P',
        url: 'https://www.jianbiaoku.com/webarbs/book/12313.shtml',
        note:
          'Days are derived: monthly = at most 31 days apart, half-monthly = at most 15. The mandatory clauses of GB 50444 were ' +
          'repealed when GB 55036-2022 took effect (tmgcw.com/html/3270.html): check GB 55036 before making this a hard error.',
      },
    },
  ],
};
