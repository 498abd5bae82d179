import { AssetCategoryCode } from '@houqin/contracts';
import { RuleSource } from '../rule';

/**
 * 折旧年限: the minimum straight-line life of each ledger category in years, or null where the category is not
 * depreciated. A ledger entry may choose a longer life, never a shorter one (the table says 不低于).
 */
export const ASSET_USEFUL_LIVES: { readonly [C in AssetCategoryCode]: number | null } = {
  '1010000': null, // 单独计价入账的土地
  '1020100': 50,
  '1020200': 30,
  '1020300': 8,
  '1020400': 8,
  '1030000': 8,
  '2010104': 6,
  '2010105': 6,
  '2010199': 6,
  '2020000': 6,
  '2030000': 8,
  '2040000': 5,
  '2050000': 10,
  '2060000': 5,
  '2080000': 5,
  '2090000': 5,
  '2100000': 5,
  '3210000': 10, // 10–15: the table's lower end
  '3400000': 5, // 5–10
  '3600000': 10, // 10–20
  '3220000': 5,
  '3230000': 5,
  '3240000': 5,
  '4000000': null, // 文物和陈列品
  '5000000': null, // 图书、档案
  '6010000': 15,
  '6020000': 5,
};

export const ASSET_USEFUL_LIVES_SOURCE: RuleSource = {
  instrument: '《政府会计准则第3号——固定资产》应用指南 表1 政府固定资产折旧年限表（财会〔2017〕4号）',
  article: '一、关于固定资产折旧年限 表1',
  edition: '财会〔2017〕4号, 2017-02-21, in force with 准则3号',
  confidence: 'Q',
  url: 'https://m.taowenge.com/p-44105866.html',
  note:
    'Buildings through instruments: table 1 as reproduced verbatim (also m.hyt33.com/industry/385.html). Special equipment ranges ' +
    '(food processing 10–15, medical 5–10, safety 10–20) take the lower end. 文艺/体育/娱乐 ≥5, 家具 ≥15, 用具装具 ≥5 come from a ' +
    "school version of the table (zjxxst.com; P). Not depreciated (准则3号, per a summary, P): 文物和陈列品, 图书、档案, 单独计价入账的土地 " +
    "(also 动植物 and assets at a nominal amount, not ledger categories here). The notes' 学生用家具 5 y looks local and is not used.",
};

/** The default (minimum) life of a category; null when it is not depreciated. */
export const minimumUsefulLifeYears = (category: AssetCategoryCode): number | null => ASSET_USEFUL_LIVES[category];
