/**
 * The school ledger's asset categories (校产分类), in the layout of the national fixed-asset
 * classification GB/T 14885 (固定资产等资产基础分类与代码). GB/T 14885-2022 (in force 2022-12-30) is the
 * edition in force; it codes with a letter (房屋和构筑物 = A010000) and its other top-level codes were not
 * seen (NF in the project's rules-and-sources notes). The codes below follow the superseded 2010 edition's
 * 7-digit layout (1 土地、房屋及构筑物, 2 通用设备, 3 专用设备; 4 文物和陈列品, 5 图书档案, 6 家具用具装具 as
 * remembered, with 2010104 台式计算机 as the district's ledgers write it). Lower digits are Houqin's
 * subdivision of the top-level classes, so a mapping to the 2022 letter codes is one table away.
 * The default useful lives are rules (libs/rules: facilities asset lives).
 */
export const ASSET_CATEGORIES = [
  { code: '1010000', zh: '土地', en: 'Land' },
  { code: '1020100', zh: '房屋（钢结构、钢筋混凝土结构）', en: 'Buildings (steel, reinforced concrete)' },
  { code: '1020200', zh: '房屋（砖混、砖木结构）', en: 'Buildings (brick-concrete, brick-timber)' },
  { code: '1020300', zh: '简易房', en: 'Simple buildings' },
  { code: '1020400', zh: '房屋附属设施', en: 'Building ancillary works' },
  { code: '1030000', zh: '构筑物（围墙、运动场、道路）', en: 'Structures (walls, sports grounds, roads)' },
  { code: '2010104', zh: '台式计算机', en: 'Desktop computers' },
  { code: '2010105', zh: '便携式计算机', en: 'Laptops and tablets' },
  { code: '2010199', zh: '其他计算机设备（服务器、网络设备）', en: 'Other computer equipment (servers, network)' },
  { code: '2020000', zh: '办公设备（复印机、投影仪、打印机）', en: 'Office equipment (copiers, projectors, printers)' },
  { code: '2030000', zh: '车辆', en: 'Vehicles' },
  { code: '2040000', zh: '图书档案设备', en: 'Library and archive equipment' },
  { code: '2050000', zh: '机械设备（电梯、空调、锅炉）', en: 'Machinery (lifts, air conditioning, boilers)' },
  { code: '2060000', zh: '电气设备', en: 'Electrical equipment' },
  { code: '2080000', zh: '通信设备', en: 'Communication equipment' },
  { code: '2090000', zh: '广播、电视、电影设备', en: 'Broadcast, TV and film equipment' },
  { code: '2100000', zh: '仪器仪表（含教学实验仪器）', en: 'Instruments (incl. teaching lab instruments)' },
  { code: '3210000', zh: '食品加工专用设备（食堂）', en: 'Food-processing equipment (canteen)' },
  { code: '3400000', zh: '医疗设备（卫生室）', en: 'Medical equipment (school clinic)' },
  { code: '3600000', zh: '安全生产设备（消防、安防）', en: 'Safety equipment (fire, security)' },
  { code: '3220000', zh: '文艺设备（乐器）', en: 'Arts equipment (instruments)' },
  { code: '3230000', zh: '体育设备', en: 'Sports equipment' },
  { code: '3240000', zh: '娱乐设备', en: 'Recreation equipment' },
  { code: '4000000', zh: '文物和陈列品', en: 'Cultural relics and exhibits' },
  { code: '5000000', zh: '图书、档案', en: 'Books and archives' },
  { code: '6010000', zh: '家具', en: 'Furniture' },
  { code: '6020000', zh: '用具、装具', en: 'Tools and fittings' },
] as const;

export type AssetCategoryCode = (typeof ASSET_CATEGORIES)[number]['code'];
export const ASSET_CATEGORY_CODES = ASSET_CATEGORIES.map((c) => c.code) as unknown as readonly [AssetCategoryCode, ...AssetCategoryCode[]];

/** 经费来源: the funding codes of a ledger entry. */
export const ASSET_FUNDING_SOURCES = [
  'fiscal', // 财政拨款
  'self-raised', // 自筹资金
  'donation', // 捐赠
  'transfer', // 无偿调入
  'other', // 其他
] as const;
export type AssetFundingSource = (typeof ASSET_FUNDING_SOURCES)[number];

/** 处置方式 */
export const ASSET_DISPOSAL_METHODS = [
  'scrapped', // 报废
  'sold', // 出售
  'donated', // 对外捐赠
  'transferred', // 无偿调拨
  'written-off', // 报损（盘亏、毁损）
] as const;
export type AssetDisposalMethod = (typeof ASSET_DISPOSAL_METHODS)[number];
