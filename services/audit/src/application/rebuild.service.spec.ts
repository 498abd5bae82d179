import { emptyFigures } from '@houqin/statistics';
import { compare } from './rebuild.service';

describe('comparing replayed and live figures', () => {
  const s1 = { ...emptyFigures('S001'), reported: 3, open: 1, completed: 2, completionCount: 2, completionMsTotal: 100 };

  it('finds no difference when equal', () => {
    expect(compare([s1], [{ ...s1 }])).toEqual([]);
  });

  it('names the school and field that differ, and schools missing on either side', () => {
    expect(compare([s1, emptyFigures('S002')], [{ ...s1, open: 2 }, { ...emptyFigures('S003'), reported: 1 }])).toEqual([
      { schoolId: 'S001', field: 'open', replayed: 1, live: 2 },
      { schoolId: 'S002', field: 'missing-in-live' },
      { schoolId: 'S003', field: 'missing-in-replay' },
    ]);
  });
});
