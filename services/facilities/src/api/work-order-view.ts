import { Principal } from '@houqin/auth';
import { maskPhone } from '@houqin/contracts';
import { STATUS_ZH, WorkOrderState } from '../domain/work-order';

/**
 * The school-admin of the order's school dispatches the contractor and calls them: they read the phone in full.
 * Everyone else (staff, the bureau, system admins) reads 138****8000: personal data is masked by default.
 */
const readsContractorPhone = (s: WorkOrderState, reader: Principal) => reader.role === 'school-admin' && 'schoolId' in s && reader.schoolId === s.schoolId;

/** A work order as the detail and the list answer it to `reader`: its status in Chinese, its version, a contractor's phone masked or not. */
export function view(s: WorkOrderState, version: number, reader: Principal) {
  const repairer =
    'repairer' in s && s.repairer?.kind === 'contractor' && !readsContractorPhone(s, reader) ? { repairer: { ...s.repairer, phone: maskPhone(s.repairer.phone) } } : {};
  return { ...s, ...repairer, statusZh: STATUS_ZH[s.status], version };
}
