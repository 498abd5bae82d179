import { MemoryProjection } from '@houqin/projections';
import { FIGURES, figureNamed, figureRows, figureTotal } from './figures';
import { districtFigures, WorkOrderStatistics } from './work-order-figures';

describe('the registry of figures', () => {
  it('finds each figure by name, with a rollup to compare field by field', () => {
    expect([...FIGURES.keys()]).toContain('work-order-figures');
    for (const figure of FIGURES.values()) expect(figure.projection.rollup.fields.length).toBeGreaterThan(0);
    expect(figureNamed('no-such-figure')).toBeUndefined();
  });

  it('shows the work-order figures by school, with the district total as before', () => {
    const figure = figureNamed('work-order-figures')!;
    const events = [
      { type: 'WorkOrderReported', streamType: 'WorkOrder', streamVersion: 1, schoolId: 'S001', payload: { workOrderId: 'a', reportedAt: '2026-11-24T08:00:00Z' } },
      { type: 'WorkOrderCompleted', streamType: 'WorkOrder', streamVersion: 2, schoolId: 'S001', payload: { workOrderId: 'a', completedAt: '2026-11-24T09:00:00Z' } },
    ];
    const generic = new MemoryProjection(figure.projection);
    const specific = new WorkOrderStatistics();
    events.forEach((e) => (generic.apply(e), specific.apply(e)));
    expect(figureRows(figure, generic.groupSums())).toEqual(specific.figures());
    expect(figureTotal(figure, generic.groupSums())).toEqual(districtFigures(specific.figures()));
  });
});
