import { z } from 'zod';
import { defineEvent, DuplicateEventTypeError, EventOf, eventGroup, EventsOf, eventTypesOf } from './define-event';
import { PLATFORM_EVENTS } from './events';
import { WORK_ORDER_EVENT_TYPES, WorkOrderEvent, WorkOrderEvents, WorkOrderEventTypes, WorkOrderReported, workOrderReportedV1 } from './facilities/work-order-events';
import { IdentityEvents } from './identity';
import { ContractRegistry, contracts, EVENT_CONTRACTS } from './registry';
import { Topics } from './topics';

// Two services that both inspect: the shape of the clash the registry must refuse.
const schoolId = z.string().min(1).max(64);
const foodSafetyInspection = defineEvent({ type: 'InspectionRecorded', version: 1, streamType: 'KitchenInspection', topic: Topics.facilitiesEvents, schema: z.object({ schoolId }) });
const safetyInspection = defineEvent({ type: 'InspectionRecorded', version: 1, streamType: 'SafetyInspection', topic: Topics.facilitiesEvents, schema: z.object({ schoolId, score: z.number() }) });

describe('one record per event', () => {
  it('refuses a duplicate event type name across services, naming both owners', () => {
    expect(() => new ContractRegistry([...PLATFORM_EVENTS, foodSafetyInspection, safetyInspection])).toThrow(DuplicateEventTypeError);
    expect(() => new ContractRegistry([foodSafetyInspection, safetyInspection])).toThrow(/InspectionRecorded.*KitchenInspection.*SafetyInspection/);
    expect(() => new ContractRegistry([...PLATFORM_EVENTS, { ...WorkOrderReported, version: 2 }])).toThrow(/WorkOrderReported/);
  });

  it('refuses a group mixing stream types or repeating a type', () => {
    expect(() => eventGroup([foodSafetyInspection, WorkOrderReported])).toThrow(/one stream type/);
    expect(() => eventGroup([WorkOrderReported, WorkOrderReported])).toThrow(DuplicateEventTypeError);
  });

  it('derives the registry, the type names and the union from the records', () => {
    expect(PLATFORM_EVENTS.map((e) => e.type)).toEqual(expect.arrayContaining([...WorkOrderEvents, ...IdentityEvents].map((e) => e.type))); // every aggregate adds its group
    expect(EVENT_CONTRACTS).toBe(PLATFORM_EVENTS);
    expect([...WORK_ORDER_EVENT_TYPES]).toEqual(Object.values(WorkOrderEventTypes));
    expect(workOrderReportedV1).toBe(WorkOrderReported.schema);
    for (const e of WorkOrderEvents) {
      expect(e).toMatchObject({ streamType: 'WorkOrder', topic: Topics.facilitiesEvents });
      expect(contracts.current(e.type)).toBe(e);
    }
    // Types: a record's event and a group's union, checked by the compiler.
    const reported: EventOf<typeof WorkOrderReported> = { type: 'WorkOrderReported', data: { workOrderId: 'w', schoolId: 'S', title: 't', location: 'l', category: 'other', priority: 'low', reportedBy: 'a', reportedAt: '2026-11-24T08:00:00Z', responseDueAt: '2026-11-27T08:00:00Z', completionDueAt: '2026-12-09T08:00:00Z', slaRule: { ruleId: 'facilities.repair.sla', version: 'v1' }, late: false, lateByMs: 0 } };
    const any: WorkOrderEvent = reported;
    const union: EventsOf<typeof WorkOrderEvents>['type'] = any.type;
    expect(union).toBe('WorkOrderReported');
    expect(eventTypesOf([safetyInspection]).has('InspectionRecorded')).toBe(true);
  });

  it('makes every schema strict', () => {
    const result = WorkOrderReported.schema.safeParse({ ...{ workOrderId: 'w', schoolId: 'S', title: 't', location: 'l', category: 'other', priority: 'low', reportedBy: 'a', reportedAt: '2026-11-24T08:00:00Z' }, extra: 1 });
    expect(result.success).toBe(false);
  });
});
