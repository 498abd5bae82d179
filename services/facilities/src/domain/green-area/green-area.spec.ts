import { GreenAreaEvent } from '@houqin/contracts';
import { CommandMetadata } from '@houqin/event-sourcing';
import { given } from '@houqin/testing';
import { GreenAreaCommand, greenAreaDecider } from './index';

const ids = { greenAreaId: 'g-1', schoolId: 'S001' };
const onTime = { late: false, lateByMs: 0 };
const at = (day: number, time = '08:00') => `2026-10-${String(day).padStart(2, '0')}T${time}:00.000Z`;
const by = (actorRole: string, occurredAt: string, now = occurredAt): { metadata: CommandMetadata } => ({ metadata: { actorId: `${actorRole}.1`, actorRole, now, occurredAt } });
const staff = (day: number, now?: string) => by('school-staff', at(day), now);
const admin = (day: number) => by('school-admin', at(day));

const registered: GreenAreaEvent = {
  type: 'GreenAreaRegistered',
  data: { ...ids, name: '南操场草坪', location: '南操场西侧', areaM2: '1200.5', kind: 'lawn', registeredBy: 'school-admin.1', registeredAt: at(1) },
};
const ginkgo: GreenAreaEvent = {
  type: 'GreenTreesRecorded',
  data: { ...ids, treeId: 't-1', species: 'Ginkgo biloba', speciesZh: '银杏', count: 2, location: '草坪北角', plantedOn: '1962-04-01', notable: true, recordedBy: 'school-admin.1', recordedAt: at(1) },
};
const removed: GreenAreaEvent = { type: 'GreenAreaRemoved', data: { ...ids, reason: '改建篮球场', removedBy: 'school-admin.1', removedAt: at(20) } };
const watering = (day: number, now?: string): GreenAreaCommand => ({ type: 'RecordCare', data: { careId: 'c-1', kind: 'watering', performedBy: '园林组 老陈' }, ...staff(day, now) });

describe('green areas (绿化档案)', () => {
  it('registers an area with a positive area in exact m², spelled one way', () => {
    given(greenAreaDecider, [])
      .when({ type: 'RegisterGreenArea', data: { ...ids, name: '南操场草坪', location: '南操场西侧', areaM2: '1200.50', kind: 'lawn' }, ...admin(1) })
      .then([registered]);
    given(greenAreaDecider, [])
      .when({ type: 'RegisterGreenArea', data: { ...ids, name: '空地', location: '北门', areaM2: '0.00', kind: 'lawn' }, ...admin(1) })
      .thenThrows('area-not-positive', 'invalid');
  });

  it('records a resize with its reason, never to nothing', () => {
    given(greenAreaDecider, [registered])
      .when({ type: 'ResizeGreenArea', data: { areaM2: '1100', reason: '铺设跑道占用' }, ...admin(2) })
      .then([{ type: 'GreenAreaResized', data: { ...ids, fromM2: '1200.5', toM2: '1100', reason: '铺设跑道占用', resizedBy: 'school-admin.1', resizedAt: at(2) } }]);
    given(greenAreaDecider, [registered]).when({ type: 'ResizeGreenArea', data: { areaM2: '0', reason: 'x' }, ...admin(2) }).thenThrows('area-not-positive');
    given(greenAreaDecider, [registered]).when({ type: 'ResizeGreenArea', data: { areaM2: '1200.50', reason: 'x' }, ...admin(2) }).then([]);
  });

  it('records a tree count change as an event with its reason', () => {
    given(greenAreaDecider, [registered, ginkgo])
      .when({ type: 'ChangeTreeCount', data: { treeId: 't-1', count: 3, reason: '补植一株' }, ...staff(5) })
      .then([{ type: 'GreenTreeCountChanged', data: { ...ids, treeId: 't-1', from: 2, to: 3, reason: '补植一株', changedBy: 'school-staff.1', changedAt: at(5) } }]);
    given(greenAreaDecider, [registered, ginkgo]).when({ type: 'ChangeTreeCount', data: { treeId: 't-9', count: 3, reason: 'x' }, ...staff(5) }).thenThrows('trees-not-found');
  });

  it('lets only a school admin record fewer notable trees (古树名木)', () => {
    const fewer = { treeId: 't-1', count: 1, reason: '雷击枯死，已报园林部门' };
    given(greenAreaDecider, [registered, ginkgo]).when({ type: 'ChangeTreeCount', data: fewer, ...staff(5) }).thenThrows('notable-trees-need-admin', 'forbidden');
    given(greenAreaDecider, [registered, ginkgo])
      .when({ type: 'ChangeTreeCount', data: fewer, ...admin(5) })
      .then([{ type: 'GreenTreeCountChanged', data: { ...ids, treeId: 't-1', from: 2, to: 1, reason: fewer.reason, changedBy: 'school-admin.1', changedAt: at(5) } }]);
  });

  it('refuses a planting date after the day it is recorded', () => {
    given(greenAreaDecider, [registered])
      .when({ type: 'RecordTrees', data: { treeId: 't-2', species: 'Osmanthus fragrans', speciesZh: '桂花', count: 6, location: '东侧', plantedOn: '2026-12-01', notable: false }, ...staff(5) })
      .thenThrows('planted-in-future', 'invalid');
  });

  it('records care, and marks one entered more than 72 h after it happened as late (补录)', () => {
    const done: GreenAreaEvent = {
      type: 'GreenCareRecorded',
      data: { ...ids, careId: 'c-1', kind: 'watering', performedBy: '园林组 老陈', recordedBy: 'school-staff.1', caredAt: at(6), ...onTime },
    };
    given(greenAreaDecider, [registered]).when(watering(6, at(9))).then([done]); // exactly 72 h later: on time
    given(greenAreaDecider, [registered])
      .when(watering(6, at(9, '09:00')))
      .then([{ ...done, data: { ...done.data, late: true, lateByMs: 3_600_000 } } as GreenAreaEvent]);
  });

  it('names the pesticide and its safety interval for pest control, and closes the area until it has passed', () => {
    const spray = (pesticide?: { name: string; safetyIntervalDays: number }): GreenAreaCommand => ({
      type: 'RecordCare',
      data: { careId: 'c-2', kind: 'pest-control', treeId: 't-1', performedBy: '绿化公司', ...(pesticide ? { pesticide } : {}) },
      ...staff(10),
    });
    given(greenAreaDecider, [registered, ginkgo]).when(spray()).thenThrows('pesticide-required', 'invalid');
    given(greenAreaDecider, [registered, ginkgo])
      .when(spray({ name: '吡虫啉', safetyIntervalDays: 7 }))
      .then([
        {
          type: 'GreenCareRecorded',
          data: {
            ...ids,
            careId: 'c-2',
            kind: 'pest-control',
            treeId: 't-1',
            performedBy: '绿化公司',
            pesticide: { name: '吡虫啉', safetyIntervalDays: 7, closedUntil: at(17) },
            recordedBy: 'school-staff.1',
            caredAt: at(10),
            ...onTime,
          },
        },
      ]);
    given(greenAreaDecider, [registered])
      .when({ type: 'RecordCare', data: { careId: 'c-3', kind: 'watering', performedBy: 'x', pesticide: { name: '吡虫啉', safetyIntervalDays: 7 } }, ...staff(10) })
      .thenThrows('pesticide-only-for-pest-control');
  });

  it('refuses care on a removed area, and anything on an area never registered', () => {
    given(greenAreaDecider, [registered, removed]).when(watering(21)).thenThrows('green-area-removed', 'conflict');
    given(greenAreaDecider, []).when(watering(21)).thenThrows('green-area-not-found', 'not-found');
  });

  it('keeps trees, care count and the closure in its state', () => {
    const state = [registered, ginkgo].reduce(greenAreaDecider.evolve, greenAreaDecider.initialState());
    expect(state).toMatchObject({ status: 'active', areaM2: '1200.5', trees: { 't-1': { count: 2, notable: true } }, careCount: 0 });
  });
});
