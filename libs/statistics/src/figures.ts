import { Group, ProjectionDefinition } from '@houqin/projections';
import { districtFigures, schoolFiguresOf, WorkOrderFigureField, workOrderFigures } from './work-order-figures';
import { districtSla, WorkOrderSlaField, workOrderSla } from './work-order-sla';
import { districtInspectionCompliance, inspectionCompliance } from './inspection-compliance';
import { assetDisposalsAwaitingBureau, AssetValueField, assetValues, assetValueTotals } from './asset-figures';
import { energyConsumption, EnergyFigureField, energyTotals } from './energy-figures';
import { districtOccupancy, DormitoryOccupancyField, dormitoryOccupancy } from './dormitory-occupancy';
import { districtGreening, GreeningField, greeningFigures } from './greening-figures';
import { RepairCostField, repairCosts, repairCostTotals } from './repair-cost-figures';

/**
 * A figure the bureau keeps live and the audit rebuilds from history: a projection with a
 * rollup, the service whose events it reads, and what its groups are called in answers.
 * Registered here once, it needs no code in the audit (replay, merge and comparison are
 * generic over the rollup's fields) and none in the bureau's consumer beyond its table.
 */
export interface Figure<F extends string = string> {
  /** In routes: POST /audit/rebuilds/:name, GET /statistics/figures/:name. */
  name: string;
  /** The audited service whose topic holds the events. */
  source: string;
  /** What a group's key is called in answers (the rollup groups by it), and the list of groups. */
  groupField: string;
  groupsName: string;
  /** The figure over all groups, as answers show it (default: each field summed). */
  total?(groups: Group<F>[]): object;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each figure has its own document type
  projection: ProjectionDefinition<any, F> & { rollup: NonNullable<ProjectionDefinition<any, F>['rollup']> };
}

const registry: Figure[] = [
  {
    name: 'work-order-figures',
    source: 'facilities',
    groupField: 'schoolId',
    groupsName: 'schools',
    total: (groups) => districtFigures(schoolFiguresOf(groups as Group<WorkOrderFigureField>[])),
    projection: withRollup(workOrderFigures),
  },
  {
    name: 'work-order-sla',
    source: 'facilities',
    groupField: 'schoolId',
    groupsName: 'schools',
    total: (groups) => districtSla(groups as Group<WorkOrderSlaField>[]),
    projection: withRollup(workOrderSla),
  },
  // Groups are school|kind|month; per student, per m² and the median of a school type are computed in the bureau's answer from these rows.
  { name: 'energy-consumption', source: 'facilities', groupField: 'schoolKindMonth', groupsName: 'groups', total: (groups) => energyTotals(groups as Group<EnergyFigureField>[]), projection: withRollup(energyConsumption) },
  // Groups are school|category|first month|life months; net values at a day are computed from them (assetValuesAt).
  { name: 'asset-values', source: 'facilities', groupField: 'schoolCategoryCohort', groupsName: 'groups', total: (groups) => assetValueTotals(groups as Group<AssetValueField>[]), projection: withRollup(assetValues) },
  { name: 'asset-disposals-awaiting-bureau', source: 'facilities', groupField: 'schoolId', groupsName: 'schools', projection: withRollup(assetDisposalsAwaitingBureau) },
  { name: 'dormitory-occupancy', source: 'facilities', groupField: 'schoolId', groupsName: 'schools', total: (groups) => districtOccupancy(groups as Group<DormitoryOccupancyField>[]), projection: withRollup(dormitoryOccupancy) },
  { name: 'greening', source: 'facilities', groupField: 'schoolId', groupsName: 'schools', total: (groups) => districtGreening(groups as Group<GreeningField>[]), projection: withRollup(greeningFigures) },
  { name: 'inspection-compliance', source: 'facilities', groupField: 'schoolId', groupsName: 'schools', total: (groups) => districtInspectionCompliance(groups), projection: withRollup(inspectionCompliance) },
  { name: 'repair-costs', source: 'facilities', groupField: 'schoolCategoryAsset', groupsName: 'groups', total: (groups) => repairCostTotals(groups as Group<RepairCostField>[]), projection: withRollup(repairCosts) },
];

function withRollup<D, F extends string>(p: ProjectionDefinition<D, F>): Figure<F>['projection'] {
  if (!p.rollup) throw new Error(`Figure ${p.name} has no rollup`);
  return p as Figure<F>['projection'];
}

/** Every figure, by name; names and projection names are unique. */
export const FIGURES: ReadonlyMap<string, Figure> = (() => {
  const byName = new Map<string, Figure>();
  const projections = new Set<string>();
  for (const f of registry) {
    if (byName.has(f.name) || projections.has(f.projection.name)) throw new Error(`Figure ${f.name} (${f.projection.name}) is registered twice`);
    byName.set(f.name, f);
    projections.add(f.projection.name);
  }
  return byName;
})();

export function figureNamed(name: string): Figure | undefined {
  return FIGURES.get(name);
}

/** The figure over all groups: its own total, or each field summed. */
export function figureTotal(figure: Figure, groups: Group<string>[]): object {
  if (figure.total) return figure.total(groups);
  const sums = Object.fromEntries(figure.projection.rollup.fields.map((f) => [f, groups.reduce((t, g) => t + g.sums[f], 0)]));
  return { groups: groups.length, ...sums };
}

/** The groups as answers show them: the key under its name, then the sums. */
export const figureRows = (figure: Figure, groups: Group<string>[]): Record<string, string | number>[] =>
  groups.map((g) => ({ [figure.groupField]: g.key, ...g.sums }));
