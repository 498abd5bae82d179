import { WorkOrderEvent } from '@houqin/contracts';
import { CommandMetadata, UnknownEventError } from '@houqin/event-sourcing';
import { atMost, HOUQIN_RULE_PACK, houqinRules, RepairSla, RulePack, RuleVersion, withVersion } from '@houqin/rules';
import { given } from '@houqin/testing';
import { WorkOrderCommand, workOrderDecider, workOrderDeciderWith } from './index';

const ids = { workOrderId: 'wo-1', schoolId: 'S001' };
const onTime = { late: false, lateByMs: 0 };
const reporter = 'teacher.li';
const admin = 'admin.wang';

/** Who acts and at what time of 2026-11-24 (hh:mm). */
const by = (actorId: string, actorRole: string, time: string): { metadata: CommandMetadata } => {
  const at = `2026-11-24T${time}:00.000Z`;
  return { metadata: { actorId, actorRole, now: at, occurredAt: at } };
};
const asAdmin = (time: string) => by(admin, 'school-admin', time);
const asReporter = (time: string) => by(reporter, 'school-staff', time);

const report: WorkOrderCommand = {
  type: 'ReportWorkOrder',
  data: { ...ids, title: '三楼教室灯管不亮', location: '教学楼 3F 302', category: 'electrical', priority: 'normal' },
  ...asReporter('08:00'),
};
const reported: WorkOrderEvent = {
  type: 'WorkOrderReported',
  data: { ...ids, title: '三楼教室灯管不亮', location: '教学楼 3F 302', category: 'electrical', priority: 'normal', reportedBy: reporter, reportedAt: '2026-11-24T08:00:00.000Z',
    // normal: answered within 24 h, done within 7 days (facilities.repair.sla v1)
    responseDueAt: '2026-11-25T08:00:00.000Z', completionDueAt: '2026-12-01T08:00:00.000Z', slaRule: { ruleId: 'facilities.repair.sla', version: 'v1' }, ...onTime },
};
const assigned: WorkOrderEvent = {
  type: 'WorkOrderAssigned',
  data: { ...ids, assignee: '电工 张师傅', assignedBy: admin, assignedAt: '2026-11-24T09:00:00.000Z', ...onTime },
};
const completed: WorkOrderEvent = { type: 'WorkOrderCompleted', data: { ...ids, completedBy: admin, completedAt: '2026-11-24T11:00:00.000Z', ...onTime } };
const verified: WorkOrderEvent = { type: 'WorkOrderVerified', data: { ...ids, verifiedBy: reporter, verifiedAt: '2026-11-24T12:00:00.000Z', rating: 5, ...onTime } };
const rejected: WorkOrderEvent = {
  type: 'WorkOrderCompletionRejected',
  data: { ...ids, rejectedBy: reporter, rejectedAt: '2026-11-24T12:00:00.000Z', reason: '灯还是不亮' },
};

const assign = (assignee: string, time: string): WorkOrderCommand => ({ type: 'AssignWorkOrder', data: { assignee }, ...asAdmin(time) });
const complete = (actor: { metadata: CommandMetadata }): WorkOrderCommand => ({ type: 'CompleteWorkOrder', data: {}, ...actor });
const verify = (actor: { metadata: CommandMetadata }, rating?: number): WorkOrderCommand => ({ type: 'VerifyWorkOrder', data: rating === undefined ? {} : { rating }, ...actor });
const rejectBy = (actor: { metadata: CommandMetadata }): WorkOrderCommand => ({ type: 'RejectCompletion', data: { reason: '灯还是不亮' }, ...actor });

describe('work order (报修工单)', () => {
  it('is reported by a school member', () => {
    given(workOrderDecider, []).when(report).then([reported]);
  });

  it('keeps the description only when given', () => {
    given(workOrderDecider, [])
      .when({ ...report, data: { ...report.data, description: '靠窗两根' } } as WorkOrderCommand)
      .then([{ ...reported, data: { ...reported.data, description: '靠窗两根' } } as WorkOrderEvent]);
  });

  it('takes its times and deadlines from the business time the command carries, within the allowance on time', () => {
    const within = { ...report, metadata: { ...report.metadata, now: '2026-11-25T08:00:00.000Z' } }; // exactly 24 h later
    given(workOrderDecider, []).when(within).then([reported]);
  });

  describe('about an asset (资产), from a QR code or an inspection', () => {
    const assetId = '3b4f0c1e-8f7a-4c55-9d0e-2f1a6b7c8d9e';
    const onAsset = (data: object, time = '08:00'): WorkOrderCommand => ({ ...report, data: { ...report.data, assetId, ...data }, ...asReporter(time) }) as WorkOrderCommand;
    const reportedOnAsset = (data: object) => ({ ...reported, data: { ...reported.data, assetId, ...data } }) as WorkOrderEvent;
    const window = { ruleId: 'facilities.repair.repeatFailureWindowDays', version: 'v1' };

    it('carries the asset, its category and where the report came from', () => {
      const source = { kind: 'qr-link', refId: 'qr-17' } as const;
      given(workOrderDecider, []).when(onAsset({ assetCategory: 'lighting', source })).then([reportedOnAsset({ assetCategory: 'lighting', source })]);
    });

    it('is a repeat failure (返修) when the asset was repaired within the window before (30 days, facilities.repair.repeatFailureWindowDays v1)', () => {
      const last = { workOrderId: 'wo-0', completedAt: '2026-10-25T08:00:00.000Z' }; // exactly 30 days before
      given(workOrderDecider, [])
        .when(onAsset({ assetLastCompletion: last }))
        .then([reportedOnAsset({ repeat: { previousWorkOrderId: 'wo-0', previousCompletedAt: last.completedAt, rule: window } })]);
    });

    it('is no repeat when the last repair is older than the window, recorded after the report, or no asset is named', () => {
      given(workOrderDecider, []).when(onAsset({ assetLastCompletion: { workOrderId: 'wo-0', completedAt: '2026-10-25T07:59:59.000Z' } })).then([reportedOnAsset({})]);
      given(workOrderDecider, []).when(onAsset({ assetLastCompletion: { workOrderId: 'wo-0', completedAt: '2026-11-24T09:00:00.000Z' } })).then([reportedOnAsset({})]);
      given(workOrderDecider, [])
        .when({ ...report, data: { ...report.data, assetLastCompletion: { workOrderId: 'wo-0', completedAt: '2026-11-20T08:00:00.000Z' } } } as WorkOrderCommand)
        .then([reported]);
    });
  });

  it('cannot be reported twice', () => {
    given(workOrderDecider, [reported]).when(report).thenThrows('work-order-exists', 'conflict');
  });

  it('is assigned to a repairer', () => {
    given(workOrderDecider, [reported]).when(assign('电工 张师傅', '09:00')).then([assigned]);
  });

  it('can be reassigned, and assigning the same repairer again changes nothing', () => {
    given(workOrderDecider, [reported, assigned])
      .when(assign('电工 李师傅', '09:30'))
      .then([{ type: 'WorkOrderAssigned', data: { ...ids, assignee: '电工 李师傅', assignedBy: admin, assignedAt: '2026-11-24T09:30:00.000Z', ...onTime } }]);
    given(workOrderDecider, [reported, assigned]).when(assign('电工 张师傅', '09:30')).then([]);
  });

  it('cannot be assigned before it exists', () => {
    given(workOrderDecider, []).when(assign('x', '09:00')).thenThrows('work-order-not-found', 'not-found');
  });

  it('is completed only once assigned', () => {
    given(workOrderDecider, [reported]).when(complete(asAdmin('11:00'))).thenThrows('work-order-wrong-status');
    given(workOrderDecider, [reported, assigned]).when(complete(asAdmin('11:00'))).then([completed]);
  });

  it('is verified by its reporter only', () => {
    given(workOrderDecider, [reported, assigned, completed]).when(verify(asReporter('12:00'), 5)).then([verified]);
    given(workOrderDecider, [reported, assigned, completed]).when(verify(by('teacher.zhao', 'school-staff', '12:00'))).thenThrows('only-reporter-can-verify');
  });

  it('is completed by the assigned repairer or a school admin, not by any staff member', () => {
    const toTechnician: WorkOrderEvent = { ...assigned, data: { ...assigned.data, assignee: 'tech.zhang' } };
    given(workOrderDecider, [reported, toTechnician])
      .when(complete(by('tech.zhang', 'school-staff', '11:00')))
      .then([{ type: 'WorkOrderCompleted', data: { ...ids, completedBy: 'tech.zhang', completedAt: '2026-11-24T11:00:00.000Z', ...onTime } }]);
    given(workOrderDecider, [reported, toTechnician]).when(complete(asReporter('11:00'))).thenThrows('only-assignee-can-complete', 'forbidden');
  });

  // The finding: a staff member reported, completed once assigned, then verified their own repair.
  it('is never checked by whoever completed it', () => {
    const toReporter: WorkOrderEvent = { ...assigned, data: { ...assigned.data, assignee: reporter } };
    const selfCompleted: WorkOrderEvent = { ...completed, data: { ...completed.data, completedBy: reporter } };
    const history = [reported, toReporter, selfCompleted];
    given(workOrderDecider, history).when(verify(asReporter('12:00'), 5)).thenThrows('completer-cannot-verify', 'forbidden');
    given(workOrderDecider, history).when(rejectBy(asReporter('12:00'))).thenThrows('completer-cannot-verify');
    // A school admin checks a repair its reporter did; another staff member still may not.
    given(workOrderDecider, history)
      .when(verify(asAdmin('12:00')))
      .then([{ type: 'WorkOrderVerified', data: { ...ids, verifiedBy: admin, verifiedAt: '2026-11-24T12:00:00.000Z', ...onTime } }]);
    given(workOrderDecider, history).when(verify(by('teacher.zhao', 'school-staff', '12:00'))).thenThrows('only-reporter-can-verify');
  });

  it('an admin who completed a repair cannot verify it either', () => {
    const byAdmin = [{ ...reported, data: { ...reported.data, reportedBy: admin } } as WorkOrderEvent, assigned, completed];
    given(workOrderDecider, byAdmin).when(verify(asAdmin('12:00'))).thenThrows('completer-cannot-verify');
  });

  it('cannot be verified before completion', () => {
    given(workOrderDecider, [reported, assigned]).when(verify(asReporter('12:00'))).thenThrows('work-order-wrong-status');
  });

  it('goes back to the repairer when the reporter rejects the repair', () => {
    given(workOrderDecider, [reported, assigned, completed]).when(rejectBy(asReporter('12:00'))).then([rejected]);
    given(workOrderDecider, [reported, assigned, completed, rejected])
      .when(complete(asAdmin('14:00')))
      .then([{ type: 'WorkOrderCompleted', data: { ...ids, completedBy: admin, completedAt: '2026-11-24T14:00:00.000Z', ...onTime } }]);
  });

  it('is closed once verified', () => {
    given(workOrderDecider, [reported, assigned, completed, verified]).when(assign('x', '13:00')).thenThrows('work-order-wrong-status');
  });
});

describe('work order state', () => {
  const fold = (events: WorkOrderEvent[]) => events.reduce(workOrderDecider.evolve, workOrderDecider.initialState());

  it('carries the data of its status: a rejected repair is back with the repairer, its completion forgotten', () => {
    expect(fold([reported, assigned, completed, rejected])).toEqual({
      ...ids,
      title: '三楼教室灯管不亮',
      location: '教学楼 3F 302',
      category: 'electrical',
      priority: 'normal',
      reportedBy: reporter,
      reportedAt: '2026-11-24T08:00:00.000Z',
      sla: {
        responseDueAt: '2026-11-25T08:00:00.000Z',
        completionDueAt: '2026-12-01T08:00:00.000Z',
        rule: { ruleId: 'facilities.repair.sla', version: 'v1' },
        respondedAt: '2026-11-24T09:00:00.000Z',
        responseOverdue: false,
        completionOverdue: false,
      },
      status: 'assigned',
      assignee: '电工 张师傅',
      assignedAt: '2026-11-24T09:00:00.000Z',
      rejections: 1,
      lastRejectionReason: '灯还是不亮',
    });
  });

  it('fails loudly on a stored event type it does not know, or a history in an impossible order', () => {
    expect(() => fold([reported, { type: 'WorkOrderArchived', data: ids } as unknown as WorkOrderEvent])).toThrow(UnknownEventError);
    expect(() => fold([reported, completed])).toThrow(/WorkOrderCompleted cannot follow a reported/);
  });

  it('refuses an unknown command instead of deciding nothing', () => {
    const archive = { type: 'ArchiveWorkOrder', data: {}, ...asAdmin('10:00') } as unknown as WorkOrderCommand;
    expect(given(workOrderDecider, [reported]).when(archive).error?.message).toMatch(/unknown type ArchiveWorkOrder/);
  });
});

describe('given/when/then itself', () => {
  it('fails when the decision differs from the one stated', () => {
    expect(() => given(workOrderDecider, []).when(report).then([])).toThrow();
    expect(() => given(workOrderDecider, []).when(report).thenThrows('work-order-exists')).toThrow(/Expected refusal work-order-exists/);
    expect(() => given(workOrderDecider, [reported]).when(report).then([reported])).toThrow(/refused: work-order-exists/);
    expect(() => given(workOrderDecider, [reported]).when(report).thenThrows('work-order-exists', 'invalid')).toThrow();
  });
});

describe('work order deadlines (SLA), late entries (补录) and overdue facts', () => {
  const system = (now: string) => ({ metadata: { actorId: 'sla-scheduler', actorRole: 'system', now, occurredAt: now } });
  const raise = (now: string): WorkOrderCommand => ({ type: 'RaiseOverdue', data: {}, ...system(now) });
  const overdue = (type: 'WorkOrderResponseOverdue' | 'WorkOrderCompletionOverdue', dueAt: string, raisedAt: string): WorkOrderEvent => ({ type, data: { ...ids, dueAt, raisedAt } });

  it('is judged by the SLA in force when it was reported: urgent is answered within 1 h and done within 24 h', () => {
    const urgent = { ...report, data: { ...report.data, priority: 'urgent' } } as WorkOrderCommand;
    given(workOrderDecider, [])
      .when(urgent)
      .then([{ ...reported, data: { ...reported.data, priority: 'urgent', responseDueAt: '2026-11-24T09:00:00.000Z', completionDueAt: '2026-11-25T08:00:00.000Z' } } as WorkOrderEvent]);
  });

  // A district tightens the SLA from 2027-09-01: facts before keep their judgement, facts after get the new one.
  const v1 = houqinRules.ruleAt('facilities.repair.sla', '2026-11-24T08:00:00Z').value;
  const slaV2: RuleVersion<RepairSla> = {
    version: 'v2',
    effectiveFrom: '2027-09-01',
    value: { ...v1, normal: { respondWithin: atMost(12, 'hours'), completeWithin: atMost(5, 'days') } },
    source: { instrument: 'Test district standard', edition: 'v2', confidence: 'district', note: 'test fixture: normal repairs tightened' },
  };
  const withV2 = workOrderDeciderWith(RulePack.load(withVersion(HOUQIN_RULE_PACK, 'facilities.repair.sla', slaV2)));

  it('a rule version change does not rewrite earlier judgements', () => {
    // Reported under v1, the order keeps v1's deadlines under the new pack: the decider reads them from its events.
    given(withV2, []).when(report).then([reported]);
    given(withV2, [reported]).when(raise('2026-11-25T08:00:00.001Z')).then([overdue('WorkOrderResponseOverdue', '2026-11-25T08:00:00.000Z', '2026-11-25T08:00:00.001Z')]);
    given(withV2, [reported]).when(raise('2026-11-24T21:00:00.000Z')).then([]); // v2 would say 12 h: it is not v2's order
    // Reported after v2 took effect: v2's numbers and its ref.
    const later = { ...report, metadata: { ...report.metadata, now: '2027-09-02T08:00:00.000Z', occurredAt: '2027-09-02T08:00:00.000Z' } };
    given(withV2, [])
      .when(later)
      .then([
        {
          ...reported,
          data: {
            ...reported.data,
            reportedAt: '2027-09-02T08:00:00.000Z',
            responseDueAt: '2027-09-02T20:00:00.000Z',
            completionDueAt: '2027-09-07T08:00:00.000Z',
            slaRule: { ruleId: 'facilities.repair.sla', version: 'v2' },
          },
        } as WorkOrderEvent,
      ]);
  });

  it('marks a fact recorded more than 24 h after it occurred as a late entry (补录), keeping its business time and deadlines', () => {
    const lateReport = { ...report, metadata: { ...report.metadata, now: '2026-11-25T10:00:00.000Z' } }; // 26 h later
    given(workOrderDecider, []).when(lateReport).then([{ ...reported, data: { ...reported.data, late: true, lateByMs: 2 * 3_600_000 } } as WorkOrderEvent]);
    const lateCompletion: WorkOrderCommand = { ...complete(asAdmin('11:00')), metadata: { ...asAdmin('11:00').metadata, now: '2026-11-25T11:00:00.001Z' } };
    given(workOrderDecider, [reported, assigned])
      .when(lateCompletion)
      .then([{ ...completed, data: { ...completed.data, late: true, lateByMs: 1 } } as WorkOrderEvent]);
  });

  it('refuses a business time before the step it follows', () => {
    given(workOrderDecider, [reported]).when(assign('电工 张师傅', '07:59')).thenThrows('occurred-before-previous-step', 'invalid');
    given(workOrderDecider, [reported, assigned]).when(complete(asAdmin('08:30'))).thenThrows('occurred-before-previous-step');
    given(workOrderDecider, [reported, assigned, completed]).when(verify(asReporter('10:00'))).thenThrows('occurred-before-previous-step');
  });

  it('raises a response overdue once the response deadline has passed unanswered, and only once', () => {
    given(workOrderDecider, [reported]).when(raise('2026-11-25T08:00:00.000Z')).then([]); // exactly at the deadline: still met
    const responseOverdue = overdue('WorkOrderResponseOverdue', '2026-11-25T08:00:00.000Z', '2026-11-25T09:00:00.000Z');
    given(workOrderDecider, [reported]).when(raise('2026-11-25T09:00:00.000Z')).then([responseOverdue]);
    given(workOrderDecider, [reported, responseOverdue]).when(raise('2026-11-26T09:00:00.000Z')).then([]);
  });

  it('raises nothing for a deadline met, and counts the first assignment as the response', () => {
    given(workOrderDecider, [reported, assigned]).when(raise('2026-11-30T09:00:00.000Z')).then([]);
    given(workOrderDecider, [reported, assigned, completed, verified]).when(raise('2026-12-30T09:00:00.000Z')).then([]);
  });

  it('raises both deadlines at once when both passed, and a completion overdue when a rejected repair runs past its deadline', () => {
    given(workOrderDecider, [reported])
      .when(raise('2026-12-02T00:00:00.000Z'))
      .then([
        overdue('WorkOrderResponseOverdue', '2026-11-25T08:00:00.000Z', '2026-12-02T00:00:00.000Z'),
        overdue('WorkOrderCompletionOverdue', '2026-12-01T08:00:00.000Z', '2026-12-02T00:00:00.000Z'),
      ]);
    given(workOrderDecider, [reported, assigned, completed, rejected])
      .when(raise('2026-12-02T00:00:00.000Z'))
      .then([overdue('WorkOrderCompletionOverdue', '2026-12-01T08:00:00.000Z', '2026-12-02T00:00:00.000Z')]);
  });

  it('is raised only by the system (the SLA scheduler)', () => {
    given(workOrderDecider, [reported]).when({ type: 'RaiseOverdue', data: {}, ...asAdmin('10:00') }).thenThrows('only-system-raises-overdue', 'forbidden');
  });

  it('keeps overdue facts in its state', () => {
    const fold = (events: WorkOrderEvent[]) => events.reduce(workOrderDecider.evolve, workOrderDecider.initialState());
    const state = fold([reported, overdue('WorkOrderResponseOverdue', '2026-11-25T08:00:00.000Z', '2026-11-25T09:00:00.000Z')]);
    expect(state.status === 'reported' && state.sla.responseOverdue).toBe(true);
  });
});
