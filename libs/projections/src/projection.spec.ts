import { compareGroups, defineProjection, MemoryProjection, mergeGroups, ProjectedEvent, ProjectionGapError, step } from './index';

/** A small projection: per task its status; per school the count of open and done tasks. */
interface Task {
  id: string;
  schoolId: string;
  done: boolean;
}
const tasks = defineProjection<Task, 'open' | 'done'>({
  name: 'tasks',
  version: 1,
  streamType: 'Task',
  canHandle: ['TaskOpened', 'TaskDone', 'TaskReopened'],
  streamKey: (e) => String(e.payload['id']),
  evolve: (doc, e) => {
    if (!doc) return e.type === 'TaskOpened' ? { id: String(e.payload['id']), schoolId: e.schoolId, done: false } : null;
    return { ...doc, done: e.type === 'TaskDone' };
  },
  rollup: { fields: ['open', 'done'], groupBy: (t) => t.schoolId, contribution: (t) => ({ open: t.done ? 0 : 1, done: t.done ? 1 : 0 }) },
});
const ev = (type: string, v: number, id = 't1', schoolId = 'S1', streamType = 'Task'): ProjectedEvent => ({ type, streamType, streamVersion: v, schoolId, payload: { id } });

describe('a projection definition', () => {
  it('refuses a name that is not kebab-case, a version that is not a positive integer, a field listed twice', () => {
    expect(() => defineProjection({ ...tasks, name: 'Tasks List' })).toThrow(/kebab-case/);
    expect(() => defineProjection({ ...tasks, version: 0 })).toThrow(/positive integer/);
    expect(() => defineProjection({ ...tasks, rollup: { ...tasks.rollup!, fields: ['open', 'open'] } })).toThrow(/twice/);
  });

  it('absorbs a version at or below the stored one, and throws on a gap', () => {
    expect(step(tasks, { doc: { id: 't1', schoolId: 'S1', done: false }, version: 2 }, ev('TaskDone', 2))).toEqual({ kind: 'duplicate' });
    expect(() => step(tasks, { doc: { id: 't1', schoolId: 'S1', done: false }, version: 2 }, ev('TaskDone', 4))).toThrow(ProjectionGapError);
    expect(step(tasks, undefined, ev('TaskOpened', 1, 't1', 'S1', 'Other'))).toEqual({ kind: 'ignored' });
  });

  it('moves the version past a type it does not handle, but not on a stream it has no document of', () => {
    const open = { doc: { id: 't1', schoolId: 'S1', done: false }, version: 1 };
    expect(step(tasks, open, ev('TaskCommented', 2))).toEqual({ kind: 'applied', doc: open.doc, version: 2 });
    expect(() => step(tasks, undefined, ev('TaskCommented', 1))).toThrow(ProjectionGapError);
  });

  it('refuses an evolve that drops an existing document', () => {
    const dropping = defineProjection<Task>({ ...tasks, rollup: undefined, evolve: () => null });
    expect(() => step(dropping, { doc: { id: 't1', schoolId: 'S1', done: false }, version: 1 }, ev('TaskDone', 2))).toThrow(/documents are kept/);
  });
});

describe('a projection in memory', () => {
  it('keeps group sums from each document’s contribution before and after, counting redeliveries apart', () => {
    const p = new MemoryProjection(tasks);
    for (const e of [ev('TaskOpened', 1), ev('TaskOpened', 1), ev('TaskDone', 2), ev('TaskOpened', 1, 't2'), ev('TaskReopened', 3)]) p.apply(e);
    expect(p.groupSums()).toEqual([{ key: 'S1', sums: { open: 2, done: 0 } }]);
    expect([p.applied, p.duplicates]).toEqual([4, 1]);
  });

  it('adds up folds of disjoint streams to the fold of all', () => {
    const history = [ev('TaskOpened', 1, 'a'), ev('TaskOpened', 1, 'b', 'S2'), ev('TaskDone', 2, 'a'), ev('TaskOpened', 1, 'c')];
    const [whole, left, right] = [new MemoryProjection(tasks), new MemoryProjection(tasks), new MemoryProjection(tasks)];
    history.forEach((e) => (whole.apply(e), (e.payload['id'] === 'a' ? left : right).apply(e)));
    expect(mergeGroups(tasks.rollup!.fields, [left.groupSums(), right.groupSums()])).toEqual(whole.groupSums());
  });

  it('compares groups field by field and names what is missing on either side', () => {
    const replayed = [{ key: 'S1', sums: { open: 1, done: 2 } }, { key: 'S2', sums: { open: 0, done: 0 } }];
    const live = [{ key: 'S1', sums: { open: 1, done: 3 } }, { key: 'S3', sums: { open: 1, done: 0 } }, { key: 'S4', sums: { open: 0, done: 0 } }];
    expect(compareGroups(tasks.rollup!.fields, replayed, live)).toEqual([
      { key: 'S1', field: 'done', replayed: 2, live: 3 },
      { key: 'S2', field: 'missing-in-live' },
      { key: 'S3', field: 'missing-in-replay' },
    ]);
  });
});
