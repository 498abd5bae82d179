import { WorkOrderEvent } from '@houqin/contracts';
import { CommandMetadata } from '@houqin/event-sourcing';
import { given } from '@houqin/testing';
import { WorkOrderCommand, workOrderDecider } from './index';

// 派工 → 开工 → 登记费用 → 完工 → 验收 / 返修. Histories are decided by the decider itself, so each
// rule below states only the step it is about.
const ids = { workOrderId: 'wo-1', schoolId: 'S001' };
const onTime = { late: false, lateByMs: 0 };
const at = (time: string) => `2026-11-24T${time}:00.000Z`;
const by = (actorId: string, actorRole: string, time: string): { metadata: CommandMetadata } => ({ metadata: { actorId, actorRole, now: at(time), occurredAt: at(time) } });
const admin = (time: string) => by('admin.wang', 'school-admin', time);
const tech = (time: string) => by('tech.zhang', 'school-staff', time);
const reporter = (time: string) => by('teacher.li', 'school-staff', time);

const technician = { kind: 'technician', accountId: 'tech.zhang', name: '张师傅' } as const;
const contractor = { kind: 'contractor', company: '蓝天水电维修有限公司', contact: '王经理', phone: '13800138000' } as const;

const report: WorkOrderCommand = {
  type: 'ReportWorkOrder',
  data: { ...ids, title: '卫生间水管漏水', location: '教学楼 2F', category: 'plumbing', priority: 'high' },
  ...reporter('08:00'),
};
const dispatch = (repairer: typeof technician | typeof contractor, time = '09:00'): WorkOrderCommand => ({ type: 'AssignWorkOrder', data: { repairer }, ...admin(time) });
const startBy = (actor: { metadata: CommandMetadata }): WorkOrderCommand => ({ type: 'StartRepair', data: {}, ...actor });
const costs = (actor: { metadata: CommandMetadata }, labourFen = 5000): WorkOrderCommand => ({
  type: 'RecordRepairCosts',
  data: { parts: [{ name: '三角阀', quantity: 2, unitPriceFen: 1850 }], labourFen },
  ...actor,
});
const completeBy = (actor: { metadata: CommandMetadata }): WorkOrderCommand => ({ type: 'CompleteWorkOrder', data: {}, ...actor });

/** The events of these commands, one after another from nothing. */
function history(...commands: WorkOrderCommand[]): WorkOrderEvent[] {
  const events: WorkOrderEvent[] = [];
  for (const command of commands) events.push(...given(workOrderDecider, events).when(command).events!);
  return events;
}
const fold = (events: WorkOrderEvent[]) => events.reduce(workOrderDecider.evolve, workOrderDecider.initialState());

describe('派工 (dispatch)', () => {
  it('to an in-house technician: their account becomes the assignee', () => {
    given(workOrderDecider, history(report))
      .when(dispatch(technician))
      .then([{ type: 'WorkOrderAssigned', data: { ...ids, assignee: 'tech.zhang', repairer: technician, assignedBy: 'admin.wang', assignedAt: at('09:00'), ...onTime } }]);
  });

  it('to an outside contractor: the company is the assignee, its contact and phone kept', () => {
    given(workOrderDecider, history(report))
      .when(dispatch(contractor))
      .then([{ type: 'WorkOrderAssigned', data: { ...ids, assignee: contractor.company, repairer: contractor, assignedBy: 'admin.wang', assignedAt: at('09:00'), ...onTime } }]);
  });

  it('again to the same repairer changes nothing; to another one, even mid-repair, starts over with them', () => {
    given(workOrderDecider, history(report, dispatch(technician))).when(dispatch(technician, '09:30')).then([]);
    const started = history(report, dispatch(technician), startBy(tech('10:00')));
    const redispatched = given(workOrderDecider, started).when(dispatch(contractor, '11:00')).events!;
    expect(fold([...started, ...redispatched])).toMatchObject({ status: 'assigned', assignee: contractor.company, repairer: contractor });
    expect(fold([...started, ...redispatched])).not.toHaveProperty('startedAt');
  });

  it('keeps the SLA response at the first dispatch', () => {
    const twice = history(report, dispatch(technician), dispatch(contractor, '10:00'));
    expect(fold(twice)).toMatchObject({ sla: { respondedAt: at('09:00') } });
  });
});

describe('开工 (start)', () => {
  it('by the dispatched technician, once', () => {
    const dispatched = history(report, dispatch(technician));
    given(workOrderDecider, dispatched).when(startBy(tech('10:00'))).then([{ type: 'WorkOrderRepairStarted', data: { ...ids, startedBy: 'tech.zhang', startedAt: at('10:00'), ...onTime } }]);
    given(workOrderDecider, history(report, dispatch(technician), startBy(tech('10:00')))).when(startBy(tech('10:30'))).then([]);
  });

  it('by a school admin for a contractor; never by another staff member', () => {
    expect(given(workOrderDecider, history(report, dispatch(contractor))).when(startBy(admin('10:00'))).events).toHaveLength(1);
    given(workOrderDecider, history(report, dispatch(technician))).when(startBy(reporter('10:00'))).thenThrows('only-assignee-can-complete', 'forbidden');
  });

  it('only once dispatched, and not before the dispatch', () => {
    given(workOrderDecider, history(report)).when(startBy(admin('10:00'))).thenThrows('work-order-wrong-status', 'conflict');
    given(workOrderDecider, history(report, dispatch(technician))).when(startBy(tech('08:30'))).thenThrows('occurred-before-previous-step');
  });
});

describe('登记费用 (parts and labour, exact fen)', () => {
  it('multiplies each part and adds up parts and labour in whole fen', () => {
    given(workOrderDecider, history(report, dispatch(technician), startBy(tech('10:00'))))
      .when(costs(tech('11:00')))
      .then([
        {
          type: 'WorkOrderCostsRecorded',
          data: {
            ...ids,
            parts: [{ name: '三角阀', quantity: 2, unitPriceFen: 1850, amountFen: 3700 }],
            partsFen: 3700,
            labourFen: 5000,
            totalFen: 8700,
            recordedBy: 'tech.zhang',
            recordedAt: at('11:00'),
            ...onTime,
          },
        },
      ]);
  });

  it('a new sheet replaces the previous one; the same sheet again changes nothing', () => {
    const costed = history(report, dispatch(technician), costs(tech('11:00')));
    given(workOrderDecider, costed).when(costs(tech('11:30'))).then([]);
    const corrected = given(workOrderDecider, costed).when(costs(tech('11:30'), 6000)).events!;
    expect(fold([...costed, ...corrected])).toMatchObject({ costs: { labourFen: 6000, totalFen: 9700 } });
  });

  it('may be recorded after completion, until the repair is verified', () => {
    const completed = history(report, dispatch(technician), completeBy(tech('12:00')));
    expect(given(workOrderDecider, completed).when(costs(admin('12:30'))).events).toHaveLength(1);
    const verified = history(report, dispatch(technician), completeBy(tech('12:00')), { type: 'VerifyWorkOrder', data: { rating: 5 }, ...reporter('13:00') });
    given(workOrderDecider, verified).when(costs(admin('14:00'))).thenThrows('work-order-wrong-status');
  });

  it('is refused before dispatch, by others than the repairer or an admin, and when the sum is not exact', () => {
    given(workOrderDecider, history(report)).when(costs(admin('11:00'))).thenThrows('work-order-wrong-status');
    given(workOrderDecider, history(report, dispatch(technician))).when(costs(reporter('11:00'))).thenThrows('only-assignee-can-complete', 'forbidden');
    const huge: WorkOrderCommand = { type: 'RecordRepairCosts', data: { parts: [{ name: '整栋翻修', quantity: 10_000, unitPriceFen: 1_000_000_000_000 }], labourFen: 0 }, ...admin('11:00') };
    given(workOrderDecider, history(report, dispatch(technician))).when(huge).thenThrows('repair-cost-too-large', 'invalid');
  });
});

describe('完工, 验收 and 返修 after the new steps', () => {
  it('completes from dispatched or started, not before the start', () => {
    expect(given(workOrderDecider, history(report, dispatch(technician))).when(completeBy(tech('12:00'))).events).toHaveLength(1);
    given(workOrderDecider, history(report, dispatch(technician), startBy(tech('10:00')))).when(completeBy(tech('09:30'))).thenThrows('occurred-before-previous-step');
  });

  it('a contractor’s repair is completed by a school admin, and the reporter verifies it with a rating', () => {
    const done = history(report, dispatch(contractor), startBy(admin('10:00')), costs(admin('11:00')), completeBy(admin('12:00')));
    given(workOrderDecider, done)
      .when({ type: 'VerifyWorkOrder', data: { rating: 4 }, ...reporter('13:00') })
      .then([{ type: 'WorkOrderVerified', data: { ...ids, verifiedBy: 'teacher.li', verifiedAt: at('13:00'), rating: 4, ...onTime } }]);
  });

  it('返修: the reporter reopens with a reason; the order is back with the same repairer, to start again, its costs kept', () => {
    const done = history(report, dispatch(technician), startBy(tech('10:00')), costs(tech('11:00')), completeBy(tech('12:00')));
    const reopened = [...done, ...given(workOrderDecider, done).when({ type: 'RejectCompletion', data: { reason: '仍在滴水' }, ...reporter('13:00') }).events!];
    const state = fold(reopened);
    expect(state).toMatchObject({ status: 'assigned', assignee: 'tech.zhang', rejections: 1, lastRejectionReason: '仍在滴水', costs: { totalFen: 8700 } });
    expect(state).not.toHaveProperty('startedAt');
    expect(given(workOrderDecider, reopened).when(startBy(tech('14:00'))).events).toHaveLength(1);
  });
});
