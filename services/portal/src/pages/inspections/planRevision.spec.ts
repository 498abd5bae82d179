import type { InspectionPlan } from './api';
import { revisionFieldsOf, revisionOf } from './planRevision';

const plan = {
  planId: 'p1',
  name: 'A楼灭火器月检',
  intervalDays: 31,
  checklist: [
    { itemId: 'ext-01', textZh: '压力表指针在绿区', text: 'Pressure gauge in the green zone' },
    { itemId: 'ext-02', textZh: '铅封、保险销完好' },
  ],
} as InspectionPlan;

describe('a plan revision (编辑) sends only what changed', () => {
  it('sends nothing when the form holds the plan as it is', () => {
    expect(revisionOf(plan, revisionFieldsOf(plan))).toEqual({});
    expect(revisionOf(plan, { ...revisionFieldsOf(plan), name: ' A楼灭火器月检 ', intervalDays: null })).toEqual({});
  });

  it('sends a new name or a shorter interval alone', () => {
    expect(revisionOf(plan, { ...revisionFieldsOf(plan), name: 'A楼灭火器月检（含地下室）' })).toEqual({ name: 'A楼灭火器月检（含地下室）' });
    expect(revisionOf(plan, { ...revisionFieldsOf(plan), intervalDays: 15 })).toEqual({ intervalDays: 15 });
  });

  it('sends the whole checklist when an item is added, edited or removed; a new item gets the next free id', () => {
    const fields = revisionFieldsOf(plan);
    const added = revisionOf(plan, { ...fields, checklist: [...fields.checklist!, { textZh: ' 箱体周边无遮挡 ', text: '' }] });
    expect(added).toEqual({ checklist: [...plan.checklist, { itemId: 'ext-03', textZh: '箱体周边无遮挡' }] });
    expect(revisionOf(plan, { ...fields, checklist: [fields.checklist![1]] })).toEqual({ checklist: [plan.checklist[1]] });
    const edited = revisionOf(plan, { ...fields, checklist: [{ ...fields.checklist![0], textZh: '压力表指针位于绿区' }, fields.checklist![1]] });
    expect(edited.checklist?.[0]).toEqual({ itemId: 'ext-01', textZh: '压力表指针位于绿区', text: 'Pressure gauge in the green zone' });
  });

  it('numbers new items after ids without digits, and skips blank rows', () => {
    const custom = { ...plan, checklist: [{ itemId: 'p', textZh: '压力' }] } as InspectionPlan;
    expect(revisionOf(custom, { checklist: [{ itemId: 'p', textZh: '压力' }, { textZh: '铅封' }, { textZh: '  ' }, { textZh: '标识' }] })).toEqual({
      checklist: [
        { itemId: 'p', textZh: '压力' },
        { itemId: 'item-01', textZh: '铅封' },
        { itemId: 'item-02', textZh: '标识' },
      ],
    });
  });
});
