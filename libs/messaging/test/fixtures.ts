import { randomUUID } from 'crypto';
import { EventEnvelope, WORK_ORDER_STREAM_TYPE } from '@houqin/contracts';

const hex = (n: number): string => n.toString(16).padStart(64, '0');

/** A valid WorkOrderReported envelope (`version` of stream `streamId`). */
export function workOrderReported(streamId: string, version: number, schoolId = 'school-1'): EventEnvelope {
  const at = new Date().toISOString();
  return {
    eventId: randomUUID(),
    type: 'WorkOrderReported',
    schemaVersion: 1,
    source: 'facilities',
    streamId,
    streamType: WORK_ORDER_STREAM_TYPE,
    streamVersion: version,
    globalPosition: String(version),
    schoolId,
    payload: {
      workOrderId: streamId,
      schoolId,
      title: '教室灯不亮',
      location: '3号楼201',
      category: 'electrical',
      priority: 'normal',
      reportedBy: 'teacher-1',
      reportedAt: at,
    },
    metadata: { actor: { id: 'teacher-1', role: 'teacher' }, correlationId: randomUUID(), occurredAt: at },
    hash: hex(version),
    prevHash: hex(version - 1),
  };
}
