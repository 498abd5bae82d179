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

/** 补录 allowance of the facilities logbooks beside repairs: dormitory bed changes and room checks, greening care. */
export type LogbookLateEntry = { readonly dormitory: Duration; readonly greeningCare: Duration };

export const logbookLateEntry: RuleDefinition<LogbookLateEntry> = {
  title: 'Late entry (补录) of dormitory records and greening care records',
  titleZh: '宿舍记录与绿化养护记录的补录时限',
  versions: [
    {
      version: 'v1',
      effectiveFrom: '2020-09-01',
      value: { dormitory: atMost(24, 'hours'), greeningCare: atMost(72, 'hours') },
      source: {
        instrument: districtStandard,
        edition: 'v1',
        confidence: 'district',
        note:
          'No national number. Bed changes and room checks are entered the same day as repairs (24 h); greening care is often ' +
          'written up after a weekend by an outside gardening team, hence 72 h. A district may only shorten them.',
      },
    },
  ],
};

/** 消防设施巡查 (hydrants 消火栓, fire alarms 火灾自动报警): by how the school is classed for fire safety. */
export type FireFacilityPatrol = { readonly keyUnit: Duration; readonly other: Duration };
/** 电梯: the licensed maintainer's routine maintenance (维保) and the user's own monthly self-check (自行检查). */
export type ElevatorInspection = { readonly maintenance: Duration; readonly selfCheck: Duration };
/** Kinds with no national interval found: the district's defaults (a school may inspect more often, never less). */
export type DistrictInspectionDefaults = {
  readonly electrical: Duration;
  readonly playground: Duration;
  readonly sportsEquipment: Duration;
  readonly laboratory: Duration;
  readonly library: Duration;
};

export const fireFacilityPatrol: RuleDefinition<FireFacilityPatrol> = {
  title: 'Fire-facility patrol interval (hydrants, fire alarm systems)',
  titleZh: '消防设施巡查周期（消火栓、火灾自动报警系统）',
  versions: [
    {
      version: 'GB25201-2010',
      effectiveFrom: '2011-03-01',
      value: { keyUnit: atMost(1, 'days'), other: atMost(7, 'days') },
      source: {
        instrument: 'GB 25201-2010 建筑消防设施的维护管理',
        article: '巡查频次: 消防安全重点单位 ≥1 per day; other units ≥1 per week (public entertainment venues every 2 h while open, not modelled)',
        edition: 'GB 25201-2010 (effective date unverified: 2011-03-01 is an assumption)',
        confidence: 'P',
        url: 'https://www.xpj6193.com/Article-detail-id-2850269.html',
        note:
          'Quoted by a secondary page (rules-and-sources B, 消防设施巡查). Days derived: daily = at most 1 day, weekly = at most 7. ' +
          'A school that is a 消防安全重点单位 (most boarding schools) chooses keyUnit. 61号令 第26条 防火检查 ≥1 per quarter is a separate, looser duty.',
      },
    },
  ],
};

export const elevatorInspection: RuleDefinition<ElevatorInspection> = {
  title: 'Elevator routine maintenance and user self-check interval',
  titleZh: '电梯日常维护保养与使用单位自行检查周期',
  versions: [
    {
      version: 'v2009',
      effectiveFrom: '2009-05-01',
      value: { maintenance: atMost(15, 'days'), selfCheck: atMost(31, 'days') },
      source: {
        instrument: '特种设备安全监察条例 (国务院令第373号, 2009 revision)',
        article: '第31条 (clean, lubricate, adjust and check at least every 15 days, by a licensed unit); 第27条 (user self-check ≥1 per month)',
        edition: '2009-01-24 revision, in force 2009-05-01',
        confidence: 'Q',
        url: 'https://github.com/LawRefBook/Laws',
        note:
          'Read in LawRefBook 行政法规/特种设备安全监察条例(2009-01-24).md (rules-and-sources C). selfCheck days derived: monthly = at most 31. ' +
          'TSG T5002-2017 keeps the half-monthly tier (P); TSG T7001-2023 on-demand maintenance pilots are not modelled.',
      },
    },
  ],
};

export const districtInspectionDefaults: RuleDefinition<DistrictInspectionDefaults> = {
  title: 'Inspection intervals the district sets where no national number was found',
  titleZh: '无国家规定周期的设施检查（电气、操场、体育器材、实验室、图书馆）区定默认周期',
  versions: [
    {
      version: 'v1',
      effectiveFrom: '2020-09-01',
      value: {
        electrical: atMost(31, 'days'),
        playground: atMost(31, 'days'),
        sportsEquipment: atMost(31, 'days'),
        laboratory: atMost(31, 'days'),
        library: atMost(92, 'days'),
      },
      source: {
        instrument: districtStandard,
        edition: 'v1',
        confidence: 'district',
        note:
          'No national interval found (rules-and-sources C: 体育器材安全检查 NF; 学校体育工作条例 第21条 and 学校卫生工作条例 第10条 set duties only). ' +
          'Houqin defaults: electrical systems, playgrounds, sports equipment and laboratories monthly, libraries quarterly.',
      },
    },
  ],
};

/** 国有资产处置审批: at or above this original value (账面原值) a disposal needs the bureau after the school head. */
export type AssetDisposalBureauApproval = { readonly originalValueFrom: import('../quantity').Quantity<'fen'> };

export const assetDisposalBureauApproval: RuleDefinition<AssetDisposalBureauApproval> = {
  title: 'Asset disposal: original value from which the education bureau must approve after the school',
  titleZh: '资产处置：账面原值达到此限额（含）须报教育局审批',
  versions: [
    {
      version: 'v1',
      effectiveFrom: '2020-09-01',
      // A lower threshold sends more disposals to the bureau: a district may lower it (an upper bound), never raise it.
      value: { originalValueFrom: atMost(5_000_000, 'fen') },
      source: {
        instrument: districtStandard,
        edition: 'v1',
        confidence: 'district',
        note:
          'The national rules (行政事业性国有资产管理条例; 事业单位国有资产管理暂行办法) leave the approval limits of a school’s ' +
          'disposals to the finance department and the school’s supervising department; the project notes carry no number (NF). ' +
          'Houqin default: a single asset of original value ¥50,000 or more (以上, 含本数: 民法典 第1259条) goes to the bureau. ' +
          'Judged on the original value (账面原值), as local 处置 rules commonly phrase their limits, not on the net book value, ' +
          'which falls to 0 for most old equipment and would send nothing to the bureau. A district sets its own number as a region override.',
      },
    },
  ],
};
