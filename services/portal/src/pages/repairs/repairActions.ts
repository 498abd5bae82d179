import { WorkOrder } from '../../api/types';
import { Account } from '../../auth/session';

export type RepairAction = 'dispatch' | 'start' | 'costs' | 'complete' | 'verify' | 'reject';

/**
 * The actions the services would accept from this account (they decide; this only offers). School admins dispatch (派工);
 * the dispatched technician or a school admin starts (开工), records costs (登记费用) and completes (完工); the reporter
 * verifies (验收) or reopens (返修) — a school admin instead when the reporter repaired it. See docs/architecture.md, Access rules.
 */
export function actionsFor(order: WorkOrder, me: Account): RepairAction[] {
  const school = me.role === 'school-staff' || me.role === 'school-admin';
  if (!school || me.schoolId !== order.schoolId) return [];
  const admin = me.role === 'school-admin';
  const repairer = admin || order.assignee === me.id;
  const when = (ok: boolean, ...actions: RepairAction[]) => (ok ? actions : []);
  switch (order.status) {
    case 'reported':
      return when(admin, 'dispatch');
    case 'assigned':
      return [...when(admin, 'dispatch'), ...when(repairer, 'start', 'costs', 'complete')];
    case 'in-progress':
      return [...when(admin, 'dispatch'), ...when(repairer, 'costs', 'complete')];
    case 'completed': {
      const reporterCompleted = order.completedBy === order.reportedBy;
      const mayJudge = order.completedBy !== me.id && (order.reportedBy === me.id || (admin && reporterCompleted));
      return [...when(mayJudge, 'verify', 'reject'), ...when(repairer, 'costs')];
    }
    default:
      return [];
  }
}
