import { STATUS_ZH, WorkOrderState } from '../domain/work-order';

/** 138****8000: a contractor's phone as every read shows it (personal data masked by default). */
export const maskPhone = (phone: string): string => (phone.length >= 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : '****');

/** A work order as the detail and the list answer it: its status in Chinese, its version, the phone masked. */
export function view(s: WorkOrderState, version: number) {
  const repairer = 'repairer' in s && s.repairer?.kind === 'contractor' ? { repairer: { ...s.repairer, phone: maskPhone(s.repairer.phone) } } : {};
  return { ...s, ...repairer, statusZh: STATUS_ZH[s.status], version };
}
