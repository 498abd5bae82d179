import { WorkOrder } from '../../api/types';
import { Account } from '../../auth/session';

/** As facilities bounds it (services/facilities/src/domain/attachment/decide.ts); the service checks again. */
export const MAX_REMOVAL_REASON = 200;

/**
 * Whether to offer 删除 on a photo (the service decides; this only offers): its uploader or a school admin of the
 * order's school, until the reporter verified the repair (its photos are then the accepted record).
 */
export function mayRemovePhoto(me: Account | undefined, photo: { uploadedBy: string }, order: Pick<WorkOrder, 'schoolId' | 'status'>): boolean {
  if (!me || me.schoolId !== order.schoolId || order.status === 'verified') return false;
  return me.role === 'school-admin' || (me.role === 'school-staff' && photo.uploadedBy === me.id);
}
