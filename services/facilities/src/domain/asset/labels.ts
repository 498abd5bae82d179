import { LedgerStatus } from './state';

export const LEDGER_STATUS_ZH: Record<LedgerStatus, string> = {
  'in-use': '在用',
  lent: '借出',
  missing: '盘亏',
  damaged: '损坏',
  'disposal-requested': '处置审批中',
  disposed: '已处置',
};
