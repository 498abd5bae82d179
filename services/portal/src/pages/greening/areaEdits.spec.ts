import { countChange, needsAdmin, removeBody, resizeBody, treeCountBody } from './areaEdits';

describe('the greening request bodies', () => {
  it('resize: the m² as exact text, the reason trimmed', () => {
    expect(resizeBody({ areaM2: ' 1350.25 ', reason: ' 扩建 ' })).toEqual({ areaM2: '1350.25', reason: '扩建' });
  });

  it('remove: the reason', () => {
    expect(removeBody({ reason: '改建教学楼 ' })).toEqual({ reason: '改建教学楼' });
  });

  it('tree count: the stand, the count as a number (0 when all are gone) and why', () => {
    expect(treeCountBody('ginkgo-1', { count: '0', reason: '台风倒伏' })).toEqual({ treeId: 'ginkgo-1', count: 0, reason: '台风倒伏' });
    expect(treeCountBody('ginkgo-1', { count: 7, reason: '补植两株' }).count).toBe(7);
  });
});

describe('a tree count change', () => {
  const stand = { count: 5, notable: false };
  const ancient = { count: 2, notable: true };

  it('says whether trees were planted or lost', () => {
    expect(countChange(stand, 7)).toBe('more');
    expect(countChange(stand, '3')).toBe('fewer');
    expect(countChange(stand, 5)).toBe('same');
    expect(countChange(stand, null)).toBeUndefined();
    expect(countChange(stand, '2.5')).toBeUndefined();
  });

  it('warns staff that fewer notable trees need a school admin', () => {
    expect(needsAdmin(ancient, 1, 'school-staff')).toBe(true);
    expect(needsAdmin(ancient, 1, 'school-admin')).toBe(false);
    expect(needsAdmin(ancient, 3, 'school-staff')).toBe(false);
    expect(needsAdmin(stand, 1, 'school-staff')).toBe(false);
  });
});
