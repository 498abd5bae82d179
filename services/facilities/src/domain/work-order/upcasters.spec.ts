import { contracts, WORK_ORDER_PRIORITIES } from '@houqin/contracts';
import { houqinRules, repairDeadlines } from '@houqin/rules';
import { workOrderDecider } from './index';

// Stored v1 events (before deadlines and late marks) still load, lifted to v2 as the pack would have judged them.
const v1Reported = { workOrderId: 'wo-1', schoolId: 'S001', title: '灯不亮', location: '302', category: 'electrical', reportedBy: 'teacher.li', reportedAt: '2026-11-24T08:00:00+08:00' };

describe('work-order events v1 → v2', () => {
  it.each(WORK_ORDER_PRIORITIES)('a v1 report of priority %s gets the deadlines of the SLA version in force at reportedAt', (priority) => {
    const up = contracts.upcast('WorkOrderReported', 1, { ...v1Reported, priority });
    const expected = repairDeadlines(priority, v1Reported.reportedAt, { pack: houqinRules });
    expect(up).toMatchObject({ responseDueAt: expected.responseDueAt, completionDueAt: expected.completionDueAt, slaRule: { ...expected.rule }, late: false, lateByMs: 0 });
  });

  it('the frozen v1 numbers are the only SLA version a v1 event can have been judged by', () => {
    expect(houqinRules.ruleAt('facilities.repair.sla', '2026-11-24T08:00:00Z').version).toBe('v1');
  });

  it('v1 assignments, completions and verifications were recorded when they occurred: on time', () => {
    const ids = { workOrderId: 'wo-1', schoolId: 'S001' };
    expect(contracts.upcast('WorkOrderAssigned', 1, { ...ids, assignee: '张师傅', assignedBy: 'a', assignedAt: '2026-11-24T09:00:00Z' })).toMatchObject({ late: false, lateByMs: 0 });
    expect(contracts.upcast('WorkOrderCompleted', 1, { ...ids, completedBy: 'a', completedAt: '2026-11-24T10:00:00Z' })).toMatchObject({ late: false });
    expect(contracts.upcast('WorkOrderVerified', 1, { ...ids, verifiedBy: 'b', verifiedAt: '2026-11-24T11:00:00Z' })).toMatchObject({ late: false });
  });

  it('a lifted v1 history folds into an order with deadlines', () => {
    const data = contracts.upcast('WorkOrderReported', 1, { ...v1Reported, priority: 'urgent' });
    const state = workOrderDecider.evolve(workOrderDecider.initialState(), { type: 'WorkOrderReported', data } as never);
    expect(state.status === 'reported' && state.sla.responseDueAt).toBe('2026-11-24T01:00:00.000Z');
  });
});
