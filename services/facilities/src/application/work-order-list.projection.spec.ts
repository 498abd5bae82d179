import { StoredEvent } from '@houqin/event-store';
import { MemoryProjection } from '@houqin/projections';
import { projectedEvent } from './projected-event';
import { nextDueAt, workOrderList, workOrderListDefinition } from './work-order-list.projection';

const stored = (streamVersion: number, type: string, schemaVersion: number, data: Record<string, unknown>): StoredEvent => ({
  globalPosition: String(streamVersion),
  transactionId: '1',
  eventId: `e${streamVersion}`,
  streamId: 'WorkOrder-w1',
  streamType: 'WorkOrder',
  streamVersion,
  schoolId: 'S001',
  type,
  schemaVersion,
  data: { workOrderId: 'w1', schoolId: 'S001', ...data },
  metadata: { actor: { id: 'li', role: 'school-staff' }, correlationId: 'c', occurredAt: '2026-11-24T08:00:00.000Z' },
  prevHash: '0',
  hash: '1',
  recordedAt: new Date('2026-11-24T08:00:00.000Z'),
});

describe('work-order-list projection', () => {
  it('folds v1 events stored before deadlines existed through the upcasters, as the stream is folded', () => {
    const list = new MemoryProjection(workOrderListDefinition);
    const report = { title: '灯管不亮', location: '302', category: 'electrical', priority: 'urgent', reportedBy: 'li', reportedAt: '2026-11-24T08:00:00.000Z' };
    list.apply(projectedEvent(stored(1, 'WorkOrderReported', 1, report)));
    const reported = list.document('w1')!;
    expect(reported.version).toBe(1);
    expect(nextDueAt(reported.doc!)).toBe('2026-11-24T09:00:00.000Z'); // urgent: respond within 1 h (SLA v1)

    list.apply(projectedEvent(stored(2, 'WorkOrderAssigned', 1, { assignee: '张师傅', assignedBy: 'wang', assignedAt: '2026-11-24T08:30:00.000Z' })));
    const assigned = list.document('w1')!.doc!;
    expect(assigned.status).toBe('assigned');
    expect(nextDueAt(assigned)).toBe('2026-11-25T08:00:00.000Z'); // then complete within 24 h
    expect(workOrderList.documents.toRow(assigned)).toMatchObject({ status_rank: 1, priority_rank: 3, assignee: '张师傅', next_due_at: '2026-11-25T08:00:00.000Z' });
  });

  it('indexes the uni- and bigrams of title, location and description', () => {
    const list = new MemoryProjection(workOrderListDefinition);
    const report = { title: '灯管', location: '3楼', category: 'electrical', priority: 'low', reportedBy: 'li', reportedAt: '2026-11-24T08:00:00.000Z' };
    list.apply(projectedEvent(stored(1, 'WorkOrderReported', 1, report)));
    expect(workOrderList.documents.toRow(list.document('w1')!.doc!)).toMatchObject({ search_text: '灯管\n3楼', search_grams: ['3', '3楼', '楼', '灯', '灯管', '管'] });
  });
});
