import type { greeningZh } from './greening.zh-CN';

export const greeningEn: Record<keyof typeof greeningZh, string> = {
  'facilities.section.greening': 'Greening',
  'greening.title': 'School greening',
  'greening.note': "From the bureau's greening figure (green areas in use)",
  'greening.export': 'Export to Excel',
  'greening.col.school': 'School',
  'greening.col.areas': 'Green areas',
  'greening.col.area': 'Green area (m²)',
  'greening.col.trees': 'Trees',
  'greening.col.notable': 'Notable trees',
  'greening.col.care': 'Care records',
  'greening.col.pest': 'Pest controls',
  'greening.col.late': 'Late care entries',
  'greening.kpi.schools': 'Schools with green areas',
};
