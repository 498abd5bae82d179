import { randomUUID } from 'node:crypto';
import { EventEnvelope, SCHOOL_STREAM_TYPE, WORK_ORDER_STREAM_TYPE } from '@houqin/contracts';

const sla = { responseDueAt: '2026-11-25T08:00:00.000Z', completionDueAt: '2026-12-01T08:00:00.000Z', slaRule: { ruleId: 'facilities.repair.sla', version: 'v1' } };
const onTime = { late: false, lateByMs: 0 };

/** Envelopes of one work order's stream, as the facilities service publishes them (hashes are not checked here). */
export function workOrderStream(schoolId: string, streamId = `WorkOrder-${randomUUID()}`) {
  const reportedAt = '2026-11-24T08:00:00.000Z';
  const envelope = (type: string, streamVersion: number, payload: Record<string, unknown> = {}, schemaVersion = 1): EventEnvelope => ({
    eventId: randomUUID(),
    type,
    schemaVersion,
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
    // v2, as published since the SLA: deadlines (normal: 24 h / 7 days) and late-entry marks.
    reported: () =>
      envelope(
        'WorkOrderReported',
        1,
        { title: '灯管不亮', location: '302', category: 'electrical', priority: 'normal', reportedBy: 'li.lei', reportedAt, ...sla, ...onTime },
        2,
      ),
    assigned: (v: number) => envelope('WorkOrderAssigned', v, { assignee: 'wang.gong', assignedBy: 'zhang.admin', assignedAt: reportedAt, ...onTime }, 2),
    completed: (v: number, completedAt = '2026-11-24T10:00:00.000Z') => envelope('WorkOrderCompleted', v, { completedBy: 'wang.gong', completedAt, ...onTime }, 2),
  };
}

/** Envelopes of one school's stream, as identity publishes them on identity.events.v1 (hashes are not checked here). */
export function schoolStream(schoolId: string, profile: Record<string, unknown>) {
  const streamId = `School-${schoolId}`;
  const at = '2026-09-01T00:00:00.000Z';
  const envelope = (type: string, streamVersion: number, payload: Record<string, unknown>): EventEnvelope => ({
    eventId: randomUUID(),
    type,
    schemaVersion: 1,
    source: 'identity',
    streamId,
    streamType: SCHOOL_STREAM_TYPE,
    streamVersion,
    globalPosition: String(streamVersion),
    schoolId,
    payload: { schoolId, ...payload },
    metadata: { actor: { id: 'admin', role: 'system-admin' }, correlationId: randomUUID(), occurredAt: at },
    hash: 'a'.repeat(64),
    prevHash: '0'.repeat(64),
  });
  return {
    registered: () => envelope('SchoolRegistered', 1, { ...profile, registeredBy: 'admin', registeredAt: at }),
    changed: (v: number, change: Record<string, unknown>) => envelope('SchoolProfileChanged', v, { ...profile, ...change, changedBy: 'admin', changedAt: '2026-09-02T00:00:00.000Z' }),
    year: (v: number, schoolYear: string, students: number, staff: number) =>
      envelope('SchoolYearFiguresRecorded', v, { schoolYear, students, staff, recordedBy: 'admin', recordedAt: '2026-09-03T00:00:00.000Z' }),
  };
}
