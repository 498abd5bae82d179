import { InspectionPlanEvent } from '@houqin/contracts';
import { CommandMetadata } from '@houqin/event-sourcing';
import { atMost, HOUQIN_RULE_PACK, houqinRules, RulePack, RuleVersion, withVersion } from '@houqin/rules';
import { given } from '@houqin/testing';
import { FireFacilityPatrol } from '@houqin/rules';
import { InspectionPlanCommand, inspectionPlanDecider, inspectionPlanDeciderWith, STANDARD_CHECKLISTS, workOrdersForFailedItems } from './index';

const ids = { planId: 'plan-1', schoolId: 'S001' };
const onTime = { late: false, lateByMs: 0 };
const admin = 'admin.wang';
const staff = 'staff.zhou';

const by = (actorId: string, actorRole: string, at: string, now = at): { metadata: CommandMetadata } => ({ metadata: { actorId, actorRole, now, occurredAt: at } });
const asAdmin = (at: string) => by(admin, 'school-admin', at);
const asStaff = (at: string, now = at) => by(staff, 'school-staff', at, now);
const system = (now: string) => by('inspection-scheduler', 'system', now);

const checklist = [
  { itemId: 'p', textZh: '压力表指针在绿区' },
  { itemId: 's', textZh: '铅封完好' },
];
const target = { assetCategory: '灭火器', location: '教学楼A' };
const create = (extra: Record<string, unknown> = {}): InspectionPlanCommand => ({
  type: 'CreateInspectionPlan',
  data: { ...ids, name: 'A楼灭火器月检', kind: 'fire-extinguisher', target, checklist, responsiblePerson: staff, ...extra },
  ...asAdmin('2026-09-01T00:00:00.000Z'),
} as InspectionPlanCommand);
const created: InspectionPlanEvent = {
  type: 'InspectionPlanCreated',
  data: {
    ...ids,
    name: 'A楼灭火器月检',
    kind: 'fire-extinguisher',
    target,
    intervalDays: 31, // GB 50444-2008 5.2.1: monthly
    intervalSetting: 'general',
    intervalRule: { ruleId: 'facilities.extinguisher.inspectionIntervalDays', version: 'GB50444-2008' },
    checklist,
    responsiblePerson: staff,
    firstDueAt: '2026-10-02T00:00:00.000Z',
    createdBy: admin,
    createdAt: '2026-09-01T00:00:00.000Z',
    ...onTime,
  },
};
const allPass = [
  { itemId: 'p', result: 'pass' as const },
  { itemId: 's', result: 'pass' as const },
];
const inspect = (at: string, results: { itemId: string; result: 'pass' | 'fail'; note?: string }[] = allPass, now = at): InspectionPlanCommand => ({
  type: 'RecordInspection',
  data: { inspectionId: 'insp-1', results },
  ...asStaff(at, now),
});
const recorded = (at: string, extra: Record<string, unknown> = {}): InspectionPlanEvent =>
  ({
    type: 'InspectionRecorded',
    data: {
      ...ids,
      inspectionId: 'insp-1',
      dueAt: '2026-10-02T00:00:00.000Z',
      inspectedBy: staff,
      inspectedAt: at,
      results: allPass,
      failedItems: 0,
      onTime: true,
      closedOverdue: false,
      nextDueAt: new Date(Date.parse(at) + 31 * 86_400_000).toISOString(),
      ...onTime,
      ...extra,
    },
  }) as InspectionPlanEvent;
const raise = (now: string): InspectionPlanCommand => ({ type: 'RaiseInspectionOverdue', data: {}, ...system(now) });
const overdue: InspectionPlanEvent = { type: 'InspectionOverdue', data: { ...ids, dueAt: '2026-10-02T00:00:00.000Z', raisedAt: '2026-10-02T00:00:00.001Z' } };

/** A district tightening fire patrols from 2027-09-01 (a derived pack: houqinRules stays as it is). */
const tighter: RuleVersion<FireFacilityPatrol> = {
  version: 'district-2027',
  effectiveFrom: '2027-09-01',
  value: { keyUnit: atMost(1, 'days'), other: atMost(3, 'days') },
  source: { instrument: 'Test district standard', edition: 'v2', confidence: 'district', note: 'test fixture' },
};
const withTighter = inspectionPlanDeciderWith(RulePack.load(withVersion(HOUQIN_RULE_PACK, 'facilities.inspection.fireFacilities', tighter)));

describe('inspection plan (定期检查计划): intervals by the rule pack', () => {
  it('takes its interval from the rule of its kind: extinguishers monthly (GB 50444 5.2.1), first due one interval after it is made', () => {
    given(inspectionPlanDecider, []).when(create()).then([created]);
  });

  it('takes a setting of the rule: half-monthly for extinguishers in crowded places, 15 days for a lift\'s maintenance, weekly fire patrols', () => {
    const crowded = given(inspectionPlanDecider, []).when(create({ intervalSetting: 'crowdedPlaces' })).events![0];
    expect(crowded.data).toMatchObject({ intervalDays: 15, intervalSetting: 'crowdedPlaces', firstDueAt: '2026-09-16T00:00:00.000Z' });
    const lift = given(inspectionPlanDecider, []).when(create({ kind: 'elevator', checklist: undefined })).events![0];
    expect(lift.data).toMatchObject({ intervalDays: 15, intervalSetting: 'maintenance', intervalRule: { ruleId: 'facilities.inspection.elevator', version: 'v2009' } });
    expect((lift.data as { checklist: unknown }).checklist).toEqual(STANDARD_CHECKLISTS.elevator);
    const hydrants = given(inspectionPlanDecider, []).when(create({ kind: 'fire-hydrant' })).events![0];
    expect(hydrants.data).toMatchObject({ intervalDays: 7, intervalSetting: 'other' });
    const library = given(inspectionPlanDecider, []).when(create({ kind: 'library' })).events![0];
    expect(library.data).toMatchObject({ intervalDays: 92, intervalRule: { ruleId: 'facilities.inspection.districtDefaults', version: 'v1' } });
  });

  it('may inspect more often than the rule, never less', () => {
    given(inspectionPlanDecider, []).when(create({ intervalDays: 7 })).then([{ ...created, data: { ...created.data, intervalDays: 7, firstDueAt: '2026-09-08T00:00:00.000Z' } } as InspectionPlanEvent]);
    given(inspectionPlanDecider, []).when(create({ intervalDays: 32 })).thenThrows('interval-exceeds-rule', 'invalid');
    given(inspectionPlanDecider, []).when(create({ intervalSetting: 'keyUnit' })).thenThrows('interval-setting-unknown');
  });

  it('is judged by the rule version in force when it was made', () => {
    expect(given(withTighter, []).when(create({ kind: 'fire-alarm' })).events![0].data).toMatchObject({ intervalDays: 7 });
    const later = { ...create({ kind: 'fire-alarm' }), ...asAdmin('2027-09-02T00:00:00.000Z') } as InspectionPlanCommand;
    expect(given(withTighter, []).when(later).events![0].data).toMatchObject({ intervalDays: 3, intervalRule: { version: 'district-2027' } });
    expect(houqinRules.ruleAt('facilities.inspection.fireFacilities', '2027-09-02T00:00:00Z').version).toBe('GB25201-2010');
  });

  it('has a target, a first due date within one interval, and unique checklist items', () => {
    given(inspectionPlanDecider, []).when(create({ firstDueAt: '2026-10-03T00:00:00.000Z' })).thenThrows('first-due-outside-interval');
    given(inspectionPlanDecider, []).when(create({ firstDueAt: '2026-09-05T08:00:00+08:00' })).then([{ ...created, data: { ...created.data, firstDueAt: '2026-09-05T00:00:00.000Z' } } as InspectionPlanEvent]);
    given(inspectionPlanDecider, []).when(create({ checklist: [checklist[0], checklist[0]] })).thenThrows('checklist-item-twice');
    given(inspectionPlanDecider, [created]).when(create()).thenThrows('inspection-plan-exists', 'conflict');
    given(inspectionPlanDecider, []).when(create({ target: {} })).thenThrows('inspection-target-missing', 'invalid');
  });
});

describe('inspection (检查记录) against the checklist', () => {
  it('is recorded on time with every item answered, and the next one falls due one interval later', () => {
    given(inspectionPlanDecider, [created]).when(inspect('2026-09-30T02:00:00.000Z')).then([recorded('2026-09-30T02:00:00.000Z')]);
  });

  it('must answer every item of the checklist, once, with a note for each failed item', () => {
    given(inspectionPlanDecider, [created]).when(inspect('2026-09-30T02:00:00.000Z', [allPass[0]])).thenThrows('checklist-incomplete', 'invalid');
    given(inspectionPlanDecider, [created]).when(inspect('2026-09-30T02:00:00.000Z', [...allPass, allPass[0]])).thenThrows('checklist-item-twice');
    given(inspectionPlanDecider, [created]).when(inspect('2026-09-30T02:00:00.000Z', [...allPass, { itemId: 'x', result: 'pass' }])).thenThrows('checklist-unknown-item');
    given(inspectionPlanDecider, [created]).when(inspect('2026-09-30T02:00:00.000Z', [allPass[0], { itemId: 's', result: 'fail' }])).thenThrows('failed-item-needs-note');
  });

  it('counts the failed items', () => {
    const results = [allPass[0], { itemId: 's', result: 'fail' as const, note: '铅封缺失' }];
    given(inspectionPlanDecider, [created]).when(inspect('2026-09-30T02:00:00.000Z', results)).then([recorded('2026-09-30T02:00:00.000Z', { results, failedItems: 1 })]);
  });

  it('is not recorded for a retired plan', () => {
    const retiredEvent: InspectionPlanEvent = { type: 'InspectionPlanRetired', data: { ...ids, reason: '设备已拆除', retiredBy: admin, retiredAt: '2026-09-20T00:00:00.000Z' } };
    given(inspectionPlanDecider, [created]).when({ type: 'RetireInspectionPlan', data: { reason: '设备已拆除' }, ...asAdmin('2026-09-20T00:00:00.000Z') }).then([retiredEvent]);
    given(inspectionPlanDecider, [created, retiredEvent]).when(inspect('2026-09-30T02:00:00.000Z')).thenThrows('inspection-plan-retired', 'conflict');
    given(inspectionPlanDecider, [created, retiredEvent]).when(raise('2026-12-01T00:00:00.000Z')).then([]); // nothing falls due any more
  });

  it('is marked 补录 when recorded more than 24 h after it happened, keeping its business time', () => {
    given(inspectionPlanDecider, [created])
      .when(inspect('2026-09-30T02:00:00.000Z', allPass, '2026-10-01T03:00:00.000Z'))
      .then([recorded('2026-09-30T02:00:00.000Z', { late: true, lateByMs: 3_600_000 })]);
  });

  it('cannot have happened before the previous inspection', () => {
    given(inspectionPlanDecider, [created, recorded('2026-09-30T02:00:00.000Z')]).when(inspect('2026-09-29T02:00:00.000Z')).thenThrows('occurred-before-previous-inspection');
  });

  it('is reassigned to another responsible person', () => {
    given(inspectionPlanDecider, [created])
      .when({ type: 'ReassignInspectionPlan', data: { responsiblePerson: 'staff.li' }, ...asAdmin('2026-09-10T00:00:00.000Z') })
      .then([{ type: 'InspectionPlanReassigned', data: { ...ids, responsiblePerson: 'staff.li', reassignedBy: admin, reassignedAt: '2026-09-10T00:00:00.000Z' } }]);
    given(inspectionPlanDecider, [created]).when({ type: 'ReassignInspectionPlan', data: { responsiblePerson: staff }, ...asAdmin('2026-09-10T00:00:00.000Z') }).then([]);
  });
});

describe('a missed inspection becomes overdue by the clock', () => {
  it('is not overdue up to its due date, overdue once the clock passes it, and raised only once', () => {
    given(inspectionPlanDecider, [created]).when(raise('2026-10-02T00:00:00.000Z')).then([]);
    given(inspectionPlanDecider, [created]).when(raise('2026-10-02T00:00:00.001Z')).then([overdue]);
    given(inspectionPlanDecider, [created, overdue]).when(raise('2026-10-20T00:00:00.000Z')).then([]);
  });

  it('an inspection after the due date closes the overdue and counts as late; the next due date is raised afresh', () => {
    const lateOne = recorded('2026-10-05T02:00:00.000Z', { onTime: false, closedOverdue: true });
    given(inspectionPlanDecider, [created, overdue]).when(inspect('2026-10-05T02:00:00.000Z')).then([lateOne]);
    given(inspectionPlanDecider, [created, overdue, lateOne]).when(raise('2026-11-05T02:00:00.000Z')).then([]);
    given(inspectionPlanDecider, [created, overdue, lateOne])
      .when(raise('2026-11-05T02:00:01.000Z'))
      .then([{ type: 'InspectionOverdue', data: { ...ids, dueAt: '2026-11-05T02:00:00.000Z', raisedAt: '2026-11-05T02:00:01.000Z' } }]);
  });

  it('is raised by the scheduler only', () => {
    given(inspectionPlanDecider, [created]).when({ type: 'RaiseInspectionOverdue', data: {}, ...asAdmin('2026-11-01T00:00:00.000Z') }).thenThrows('only-system-raises-overdue', 'forbidden');
  });
});

describe('a plan is revised (修订): name, checklist, interval', () => {
  const revise = (data: Record<string, unknown>, at: string): InspectionPlanCommand => ({ type: 'ReviseInspectionPlan', data, ...asAdmin(at) }) as InspectionPlanCommand;
  const revised = (data: Record<string, unknown>, at: string, nextDueAt = '2026-10-02T00:00:00.000Z'): InspectionPlanEvent =>
    ({ type: 'InspectionPlanRevised', data: { ...ids, ...data, nextDueAt, revisedBy: admin, revisedAt: at } }) as InspectionPlanEvent;
  const newChecklist = [...checklist, { itemId: 'b', textZh: '箱体无遮挡（区教育局通知新增）' }];
  const sep10 = recorded('2026-09-10T00:00:00.000Z'); // next due 2026-10-11

  it('renames the plan, keeping its due date; the same name is no change', () => {
    given(inspectionPlanDecider, [created]).when(revise({ name: 'A楼灭火器月检（含地下室）' }, '2026-09-05T00:00:00.000Z')).then([
      revised({ name: 'A楼灭火器月检（含地下室）', previousName: 'A楼灭火器月检' }, '2026-09-05T00:00:00.000Z'),
    ]);
    given(inspectionPlanDecider, [created]).when(revise({ name: 'A楼灭火器月检', checklist }, '2026-09-05T00:00:00.000Z')).then([]);
  });

  it('replaces the checklist: inspections after it answer the new items, the ones before keep theirs', () => {
    const change = revised({ checklist: newChecklist, previousChecklist: checklist }, '2026-09-12T00:00:00.000Z', '2026-10-11T00:00:00.000Z');
    given(inspectionPlanDecider, [created, sep10]).when(revise({ checklist: newChecklist }, '2026-09-12T00:00:00.000Z')).then([change]);
    given(inspectionPlanDecider, [created, sep10, change]).when(inspect('2026-09-20T00:00:00.000Z')).thenThrows('checklist-incomplete', 'invalid');
    const answered = [...allPass, { itemId: 'b', result: 'pass' as const }];
    const next = given(inspectionPlanDecider, [created, sep10, change]).when(inspect('2026-09-20T00:00:00.000Z', answered)).events![0];
    expect(next.data).toMatchObject({ results: answered, failedItems: 0 });
    expect(sep10.data).toMatchObject({ results: allPass }); // the earlier inspection's record is untouched
  });

  it('takes a checklist by the creation rules: item ids once each', () => {
    given(inspectionPlanDecider, [created]).when(revise({ checklist: [checklist[0], checklist[0]] }, '2026-09-05T00:00:00.000Z')).thenThrows('checklist-item-twice', 'invalid');
  });

  it('a shorter interval brings the due date forward to one new interval after the last inspection', () => {
    given(inspectionPlanDecider, [created, sep10])
      .when(revise({ intervalDays: 7 }, '2026-09-12T00:00:00.000Z'))
      .then([
        revised(
          { intervalDays: 7, previousIntervalDays: 31, intervalRule: created.data.intervalRule, previousNextDueAt: '2026-10-11T00:00:00.000Z' },
          '2026-09-12T00:00:00.000Z',
          '2026-09-17T00:00:00.000Z',
        ),
      ]);
  });

  it('a shorter interval whose due date already passed makes the plan due now, and the scheduler raises it as usual', () => {
    const now = '2026-09-25T08:00:00.000Z'; // 15 days after the last inspection, 7-day interval: due now, not in the past
    const change = revised({ intervalDays: 7, previousIntervalDays: 31, intervalRule: created.data.intervalRule, previousNextDueAt: '2026-10-11T00:00:00.000Z' }, now, now);
    given(inspectionPlanDecider, [created, sep10]).when(revise({ intervalDays: 7 }, now)).then([change]);
    given(inspectionPlanDecider, [created, sep10, change]).when(raise(now)).then([]);
    given(inspectionPlanDecider, [created, sep10, change])
      .when(raise('2026-09-25T08:00:00.001Z'))
      .then([{ type: 'InspectionOverdue', data: { ...ids, dueAt: now, raisedAt: '2026-09-25T08:00:00.001Z' } }]);
  });

  it('a longer interval pushes the due date out by the difference; the rule caps it', () => {
    const weekly = { ...created, data: { ...created.data, intervalDays: 7, firstDueAt: '2026-09-08T00:00:00.000Z' } } as InspectionPlanEvent;
    given(inspectionPlanDecider, [weekly])
      .when(revise({ intervalDays: 14 }, '2026-09-03T00:00:00.000Z'))
      .then([
        revised(
          { intervalDays: 14, previousIntervalDays: 7, intervalRule: created.data.intervalRule, previousNextDueAt: '2026-09-08T00:00:00.000Z' },
          '2026-09-03T00:00:00.000Z',
          '2026-09-15T00:00:00.000Z',
        ),
      ]);
    given(inspectionPlanDecider, [weekly]).when(revise({ intervalDays: 32 }, '2026-09-03T00:00:00.000Z')).thenThrows('interval-exceeds-rule', 'invalid');
  });

  it('leaves a missed due date as it is: an overdue is neither excused nor re-dated', () => {
    const change = revised({ intervalDays: 7, previousIntervalDays: 31, intervalRule: created.data.intervalRule }, '2026-10-05T00:00:00.000Z');
    given(inspectionPlanDecider, [created, overdue]).when(revise({ intervalDays: 7 }, '2026-10-05T00:00:00.000Z')).then([change]);
  });

  it('checks the interval against the rule version in force at the revision', () => {
    const alarms = given(withTighter, []).when(create({ kind: 'fire-alarm' })).events![0];
    expect(given(withTighter, [alarms]).when(revise({ intervalDays: 5 }, '2026-09-03T00:00:00.000Z')).events![0].data).toMatchObject({ intervalDays: 5, intervalRule: { version: 'GB25201-2010' } });
    given(withTighter, [alarms]).when(revise({ intervalDays: 5 }, '2027-09-02T00:00:00.000Z')).thenThrows('interval-exceeds-rule');
    const later = given(withTighter, [alarms]).when(revise({ intervalDays: 3 }, '2027-09-02T00:00:00.000Z')).events![0];
    expect(later.data).toMatchObject({ intervalDays: 3, intervalRule: { version: 'district-2027' } });
  });

  it('is refused for a retired plan (409) and for a plan that does not exist', () => {
    const retiredEvent: InspectionPlanEvent = { type: 'InspectionPlanRetired', data: { ...ids, reason: '设备已拆除', retiredBy: admin, retiredAt: '2026-09-20T00:00:00.000Z' } };
    given(inspectionPlanDecider, [created, retiredEvent]).when(revise({ name: '新名称' }, '2026-09-21T00:00:00.000Z')).thenThrows('inspection-plan-retired', 'conflict');
    given(inspectionPlanDecider, []).when(revise({ name: '新名称' }, '2026-09-21T00:00:00.000Z')).thenThrows('inspection-plan-not-found', 'not-found');
  });
});

describe('a failed inspection item opens a work order (the process manager\'s decision)', () => {
  const plan = { schoolId: 'S001', name: 'A楼灭火器月检', kind: 'fire-extinguisher' as const, target: { ...target, assetId: '3b4f0c1e-8f7a-4c55-9d0e-2f1a6b7c8d9e' }, checklist };

  it('opens one work order per failed item, on the asset, sourced from the inspection', () => {
    const orders = workOrdersForFailedItems(plan, { inspectionId: 'insp-1', results: [{ itemId: 'p', result: 'fail', note: '压力不足' }, { itemId: 's', result: 'fail', note: '铅封缺失' }] });
    expect(orders.map((o) => o.key)).toEqual(['insp-1:p', 'insp-1:s']);
    expect(orders[0].report).toEqual({
      schoolId: 'S001',
      title: '灭火器检查不合格：压力表指针在绿区',
      location: '教学楼A',
      category: 'other',
      priority: 'high',
      description: '压力不足（检查计划：A楼灭火器月检）',
      assetId: '3b4f0c1e-8f7a-4c55-9d0e-2f1a6b7c8d9e',
      assetCategory: '灭火器',
      source: { kind: 'inspection', refId: 'insp-1' },
    });
  });

  it('opens none when every item passed', () => {
    expect(workOrdersForFailedItems(plan, { inspectionId: 'insp-1', results: allPass })).toEqual([]);
  });
});
