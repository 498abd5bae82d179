import { WorkOrderEvent } from '@houqin/contracts';
import { given } from '@houqin/testing';
import { WorkOrderCommand, workOrderDecider } from './work-order';

const ids = { workOrderId: 'wo-1', schoolId: 'S001' };
const reporter = 'teacher.li';
const admin = 'admin.wang';

const report: WorkOrderCommand = {
  type: 'ReportWorkOrder',
  ...ids,
  title: '三楼教室灯管不亮',
  location: '教学楼 3F 302',
  category: 'electrical',
  priority: 'normal',
  actorId: reporter, actorRole: 'school-staff',
  at: '2026-11-24T08:00:00.000Z',
};
const reported: WorkOrderEvent = {
  type: 'WorkOrderReported',
  data: {
    ...ids,
    title: '三楼教室灯管不亮',
    location: '教学楼 3F 302',
    category: 'electrical',
    priority: 'normal',
    reportedBy: reporter,
    reportedAt: '2026-11-24T08:00:00.000Z',
  },
};
const assigned: WorkOrderEvent = {
  type: 'WorkOrderAssigned',
  data: { ...ids, assignee: '电工 张师傅', assignedBy: admin, assignedAt: '2026-11-24T09:00:00.000Z' },
};
const completed: WorkOrderEvent = {
  type: 'WorkOrderCompleted',
  data: { ...ids, completedBy: admin, completedAt: '2026-11-24T11:00:00.000Z' },
};
const verified: WorkOrderEvent = {
  type: 'WorkOrderVerified',
  data: { ...ids, verifiedBy: reporter, verifiedAt: '2026-11-24T12:00:00.000Z', rating: 5 },
};

const at = (time: string) => ({ at: `2026-11-24T${time}:00.000Z` });

describe('work order (报修工单)', () => {
  it('is reported by a school member', () => {
    expect(given(workOrderDecider, []).when(report).events).toStrictEqual([reported]);
  });

  it('keeps the description only when given', () => {
    const withDescription = { ...report, description: '靠窗两根' };
    expect(given(workOrderDecider, [])
      .when(withDescription)
      .events).toStrictEqual([{ ...reported, data: { ...reported.data, description: '靠窗两根' } } as WorkOrderEvent]);
  });

  it('cannot be reported twice', () => {
    expect(given(workOrderDecider, [reported]).when(report).error).toMatchObject({ code: 'work-order-exists' });
  });

  it('is assigned to a repairer', () => {
    expect(given(workOrderDecider, [reported])
      .when({ type: 'AssignWorkOrder', assignee: '电工 张师傅', actorId: admin, actorRole: 'school-admin', ...at('09:00') })
      .events).toStrictEqual([assigned]);
  });

  it('can be reassigned, and assigning the same repairer again changes nothing', () => {
    expect(given(workOrderDecider, [reported, assigned])
      .when({ type: 'AssignWorkOrder', assignee: '电工 李师傅', actorId: admin, actorRole: 'school-admin', ...at('09:30') })
      .events).toStrictEqual([{ type: 'WorkOrderAssigned', data: { ...ids, assignee: '电工 李师傅', assignedBy: admin, assignedAt: '2026-11-24T09:30:00.000Z' } }]);
    expect(given(workOrderDecider, [reported, assigned])
      .when({ type: 'AssignWorkOrder', assignee: '电工 张师傅', actorId: admin, actorRole: 'school-admin', ...at('09:30') })
      .events).toStrictEqual([]);
  });

  it('cannot be assigned before it exists', () => {
    expect(given(workOrderDecider, [])
      .when({ type: 'AssignWorkOrder', assignee: 'x', actorId: admin, actorRole: 'school-admin', ...at('09:00') })
      .error).toMatchObject({ code: 'work-order-not-found' });
  });

  it('is completed only once assigned', () => {
    expect(given(workOrderDecider, [reported]).when({ type: 'CompleteWorkOrder', actorId: admin, actorRole: 'school-admin', ...at('11:00') }).error).toMatchObject({ code: 'work-order-wrong-status' });
    expect(given(workOrderDecider, [reported, assigned]).when({ type: 'CompleteWorkOrder', actorId: admin, actorRole: 'school-admin', ...at('11:00') }).events).toStrictEqual([completed]);
  });

  it('is verified by its reporter only', () => {
    expect(given(workOrderDecider, [reported, assigned, completed])
      .when({ type: 'VerifyWorkOrder', rating: 5, actorId: reporter, actorRole: 'school-staff', ...at('12:00') })
      .events).toStrictEqual([verified]);
    expect(given(workOrderDecider, [reported, assigned, completed])
      .when({ type: 'VerifyWorkOrder', actorId: 'teacher.zhao', actorRole: 'school-staff', ...at('12:00') })
      .error).toMatchObject({ code: 'only-reporter-can-verify' });
  });

  it('is completed by the assigned repairer or a school admin, not by any staff member', () => {
    const toTechnician: WorkOrderEvent = { ...assigned, data: { ...assigned.data, assignee: 'tech.zhang' } };
    expect(given(workOrderDecider, [reported, toTechnician])
      .when({ type: 'CompleteWorkOrder', actorId: 'tech.zhang', actorRole: 'school-staff', ...at('11:00') })
      .events).toStrictEqual([{ type: 'WorkOrderCompleted', data: { ...ids, completedBy: 'tech.zhang', completedAt: '2026-11-24T11:00:00.000Z' } }]);
    expect(given(workOrderDecider, [reported, toTechnician])
      .when({ type: 'CompleteWorkOrder', actorId: reporter, actorRole: 'school-staff', ...at('11:00') })
      .error).toMatchObject({ code: 'only-assignee-can-complete', kind: 'forbidden' });
  });

  // The finding: a staff member reported, completed once assigned, then verified their own repair.
  it('is never checked by whoever completed it', () => {
    const toReporter: WorkOrderEvent = { ...assigned, data: { ...assigned.data, assignee: reporter } };
    const selfCompleted: WorkOrderEvent = { ...completed, data: { ...completed.data, completedBy: reporter } };
    const history = [reported, toReporter, selfCompleted];
    expect(given(workOrderDecider, history)
      .when({ type: 'VerifyWorkOrder', rating: 5, actorId: reporter, actorRole: 'school-staff', ...at('12:00') })
      .error).toMatchObject({ code: 'completer-cannot-verify', kind: 'forbidden' });
    expect(given(workOrderDecider, history)
      .when({ type: 'RejectCompletion', reason: 'x', actorId: reporter, actorRole: 'school-staff', ...at('12:00') })
      .error).toMatchObject({ code: 'completer-cannot-verify' });
    // A school admin checks a repair its reporter did; another staff member still may not.
    expect(given(workOrderDecider, history)
      .when({ type: 'VerifyWorkOrder', actorId: admin, actorRole: 'school-admin', ...at('12:00') })
      .events).toStrictEqual([{ type: 'WorkOrderVerified', data: { ...ids, verifiedBy: admin, verifiedAt: '2026-11-24T12:00:00.000Z' } }]);
    expect(given(workOrderDecider, history)
      .when({ type: 'VerifyWorkOrder', actorId: 'teacher.zhao', actorRole: 'school-staff', ...at('12:00') })
      .error).toMatchObject({ code: 'only-reporter-can-verify' });
  });

  it('an admin who completed a repair cannot verify it either', () => {
    const byAdmin = [{ ...reported, data: { ...reported.data, reportedBy: admin } }, assigned, completed];
    expect(given(workOrderDecider, byAdmin)
      .when({ type: 'VerifyWorkOrder', actorId: admin, actorRole: 'school-admin', ...at('12:00') })
      .error).toMatchObject({ code: 'completer-cannot-verify' });
  });

  it('cannot be verified before completion', () => {
    expect(given(workOrderDecider, [reported, assigned]).when({ type: 'VerifyWorkOrder', actorId: reporter, actorRole: 'school-staff', ...at('12:00') }).error).toMatchObject({ code: 'work-order-wrong-status' });
  });

  it('goes back to the repairer when the reporter rejects the repair', () => {
    const rejected: WorkOrderEvent = {
      type: 'WorkOrderCompletionRejected',
      data: { ...ids, rejectedBy: reporter, rejectedAt: '2026-11-24T12:00:00.000Z', reason: '灯还是不亮' },
    };
    expect(given(workOrderDecider, [reported, assigned, completed])
      .when({ type: 'RejectCompletion', reason: '灯还是不亮', actorId: reporter, actorRole: 'school-staff', ...at('12:00') })
      .events).toStrictEqual([rejected]);
    expect(given(workOrderDecider, [reported, assigned, completed, rejected])
      .when({ type: 'CompleteWorkOrder', actorId: admin, actorRole: 'school-admin', ...at('14:00') })
      .events).toStrictEqual([{ type: 'WorkOrderCompleted', data: { ...ids, completedBy: admin, completedAt: '2026-11-24T14:00:00.000Z' } }]);
  });

  it('is closed once verified', () => {
    expect(given(workOrderDecider, [reported, assigned, completed, verified])
      .when({ type: 'AssignWorkOrder', assignee: 'x', actorId: admin, actorRole: 'school-admin', ...at('13:00') })
      .error).toMatchObject({ code: 'work-order-wrong-status' });
  });
});
