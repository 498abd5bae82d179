import type { FacilitiesSection } from './types';
import { AssetsSection } from './AssetsSection';
import { WorkOrdersSection } from './WorkOrdersSection';
import { DormitoriesSection } from './DormitoriesSection';
import { InspectionsSection } from './InspectionsSection';
import { EnergySection } from './EnergySection';
import { RepairCostsSection } from './RepairCostsSection';
import { GreeningSection } from './GreeningSection';

/**
 * The sections of the bureau's facilities dashboard (设施设备), in tab order. To add one, write a component taking
 * FacilitiesSectionProps in its own file in this folder (or in your area's folder) and append ONE line below:
 * `{ key: 'assets', titleKey: 'facilities.section.assets', Component: AssetsSection },` — with its title in your own
 * i18n file. Do not reorder or edit the other lines (other helpers append theirs).
 */
export const FACILITIES_SECTIONS: FacilitiesSection[] = [
  { key: 'work-orders', titleKey: 'facilities.section.workOrders', Component: WorkOrdersSection },
  { key: 'energy', titleKey: 'facilities.section.energy', Component: EnergySection },
  { key: 'dormitories', titleKey: 'facilities.section.dormitories', Component: DormitoriesSection },
  { key: 'inspections', titleKey: 'facilities.section.inspections', Component: InspectionsSection },
  { key: 'assets', titleKey: 'facilities.section.assets', Component: AssetsSection },
  { key: 'repair-costs', titleKey: 'facilities.section.repairCosts', Component: RepairCostsSection },
  { key: 'greening', titleKey: 'facilities.section.greening', Component: GreeningSection },
];
