import { randomUUID } from 'node:crypto';
import { EventEnvelope, WORK_ORDER_STREAM_TYPE } from '@houqin/contracts';

/** Envelopes of one work order's stream, as the facilities service publishes them (hashes are not checked here). */
export function workOrderStream(schoolId: string, streamId = `WorkOrder-${randomUUID()}`) {
  const reportedAt = '2026-11-24T08:00:00.000Z';
  const envelope = (type: string, streamVersion: number, payload: Record<string, unknown> = {}): EventEnvelope => ({
    eventId: randomUUID(),
    type,
    schemaVersion: 1,
    source: 'facilities',
    streamId,
    streamType: WORK_ORDER_STREAM_TYPE,
    streamVersion,
    globalPosition: String(streamVersion),
    schoolId,
    payload: { workOrderId: streamId, schoolId, ...payload },
    metadata: { actor: { id: 'li.lei', role: 'school-staff' }, correlationId: randomUUID(), occurredAt: reportedAt },
    hash: 'a'.repeat(64),
    prevHash: '0'.repeat(64),
  });
  return {
    streamId,
    envelope,
    reported: () => envelope('WorkOrderReported', 1, { title: '灯管不亮', location: '302', category: 'electrical', priority: 'normal', reportedBy: 'li.lei', reportedAt }),
    assigned: (v: number) => envelope('WorkOrderAssigned', v, { assignee: 'wang.gong', assignedBy: 'zhang.admin', assignedAt: reportedAt }),
    completed: (v: number, completedAt = '2026-11-24T10:00:00.000Z') => envelope('WorkOrderCompleted', v, { completedBy: 'wang.gong', completedAt }),
  };
}
