/** The greening section (绿化) of the bureau's facilities dashboard. */
export const greeningZh = {
  'facilities.section.greening': '绿化',
  'greening.title': '学校绿化',
  'greening.note': '来自区局绿化统计（在用绿地）',
  'greening.export': '导出 Excel',
  'greening.col.school': '学校',
  'greening.col.areas': '绿地数',
  'greening.col.area': '绿地面积（m²）',
  'greening.col.trees': '树木（株）',
  'greening.col.notable': '古树名木（株）',
  'greening.col.care': '养护记录',
  'greening.col.pest': '病虫害防治',
  'greening.col.late': '补录养护',
  'greening.kpi.schools': '有绿地的学校',
} as const;
