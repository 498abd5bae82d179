import type { auditorZh } from './auditor.zh-CN';

export const auditorEn: Record<keyof typeof auditorZh, string> = {
  'auditor.recorded': 'Recorded',
  'auditor.scanned': 'This page scanned {n} events; matching ones may lie further on: "Load more" continues the search.',
  'auditor.source.facilities': 'facilities',
  'auditor.source.identity': 'accounts and schools',
  'auditor.progress': '{done} of {total} done',
  'auditor.progressUnknown': '{done} processed, counting the total…',
};
