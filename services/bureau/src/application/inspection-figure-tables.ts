import { storedProjection } from '@houqin/projection-store';
import { INSPECTION_COMPLIANCE_FIELDS, InspectionComplianceField, inspectionCompliance, InspectionPlanFacts } from '@houqin/statistics';
import { snakeCase } from './sla-figure-tables';

/** Where the bureau keeps inspection compliance: a row per inspection plan, a row per school (one column per field). */
export const inspectionComplianceTables = storedProjection({
  definition: inspectionCompliance,
  documents: {
    table: 'inspection_plan_compliance',
    keyColumn: 'plan_id',
    versionColumn: 'last_version',
    columns: { school_id: 'text', kind: 'text', on_time: 'integer', late: 'integer', missed: 'integer', late_entries: 'integer' },
    toRow: (p: InspectionPlanFacts) => ({ school_id: p.schoolId, kind: p.kind, on_time: p.onTime, late: p.late, missed: p.missed, late_entries: p.lateEntries }),
    fromRow: (r): InspectionPlanFacts => ({
      planId: String(r['plan_id']),
      schoolId: String(r['school_id']),
      kind: r['kind'] as InspectionPlanFacts['kind'],
      onTime: Number(r['on_time']),
      late: Number(r['late']),
      missed: Number(r['missed']),
      lateEntries: Number(r['late_entries']),
    }),
    touchedAt: 'updated_at',
  },
  groups: {
    table: 'school_inspection_compliance',
    keyColumn: 'school_id',
    columns: Object.fromEntries(INSPECTION_COMPLIANCE_FIELDS.map((f) => [f, snakeCase(f)])) as Record<InspectionComplianceField, string>,
    touchedAt: 'updated_at',
  },
});
