import { storedProjection } from '@houqin/projection-store';
import { WORK_ORDER_SLA_FIELDS, WorkOrderSlaFacts, WorkOrderSlaField, workOrderSla } from '@houqin/statistics';

/** `urgentResponseMet` → `urgent_response_met`. */
export const snakeCase = (field: string) => field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

const iso = (value: unknown) => (value instanceof Date ? value.toISOString() : undefined);

/** Where the bureau keeps the SLA figure: a row per work order, a row per school (one column per field). */
export const workOrderSlaTables = storedProjection({
  definition: workOrderSla,
  documents: {
    table: 'work_order_sla',
    keyColumn: 'work_order_id',
    versionColumn: 'last_version',
    columns: {
      school_id: 'text',
      priority: 'text',
      response_due_at: 'timestamptz',
      completion_due_at: 'timestamptz',
      responded_at: 'timestamptz',
      completed_at: 'timestamptz',
      response_overdue: 'boolean',
      completion_overdue: 'boolean',
      late_entries: 'integer',
    },
    toRow: (o: WorkOrderSlaFacts) => ({
      school_id: o.schoolId,
      priority: o.priority,
      response_due_at: o.responseDueAt,
      completion_due_at: o.completionDueAt,
      responded_at: o.respondedAt ?? null,
      completed_at: o.completedAt ?? null,
      response_overdue: o.responseOverdue,
      completion_overdue: o.completionOverdue,
      late_entries: o.lateEntries,
    }),
    fromRow: (r): WorkOrderSlaFacts => ({
      workOrderId: String(r['work_order_id']),
      schoolId: String(r['school_id']),
      priority: r['priority'] as WorkOrderSlaFacts['priority'],
      responseDueAt: iso(r['response_due_at'])!,
      completionDueAt: iso(r['completion_due_at'])!,
      ...(r['responded_at'] ? { respondedAt: iso(r['responded_at']) } : {}),
      ...(r['completed_at'] ? { completedAt: iso(r['completed_at']) } : {}),
      responseOverdue: Boolean(r['response_overdue']),
      completionOverdue: Boolean(r['completion_overdue']),
      lateEntries: Number(r['late_entries']),
    }),
    touchedAt: 'updated_at',
  },
  groups: {
    table: 'school_sla_figures',
    keyColumn: 'school_id',
    columns: Object.fromEntries(WORK_ORDER_SLA_FIELDS.map((f) => [f, snakeCase(f)])) as Record<WorkOrderSlaField, string>,
    touchedAt: 'updated_at',
  },
});
