import type { repairCostsZh } from './repair-costs.zh-CN';

export const repairCostsEn: Record<keyof typeof repairCostsZh, string> = {
  'facilities.section.repairCosts': 'Repair costs',
  'repairCosts.title': 'Repair costs and repeat failures',
  'repairCosts.note': "From the bureau's repair-costs figure (each order's latest cost sheet, in yuan)",
  'repairCosts.export': 'Export to Excel',
  'repairCosts.col.school': 'School',
  'repairCosts.col.reports': 'Reports',
  'repairCosts.col.repeats': 'Repeats',
  'repairCosts.col.repeatRate': 'Repeat rate',
  'repairCosts.col.costed': 'Costed orders',
  'repairCosts.col.parts': 'Parts (yuan)',
  'repairCosts.col.labour': 'Labour (yuan)',
  'repairCosts.col.cost': 'Total cost (yuan)',
  'repairCosts.col.category': 'Asset category',
  'repairCosts.col.perCategory': 'Cost per asset category (yuan)',
  'repairCosts.byCategory': 'Per asset category (district)',
  'repairCosts.chart': 'Total repair cost per school (yuan)',
  'repairCosts.unlinked': 'No asset linked',
  'report.field.asset': 'Asset (optional)',
  'report.placeholder.asset': "Search the school's asset ledger: name, model or number",
};
