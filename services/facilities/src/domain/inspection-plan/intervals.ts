import { InspectionKind } from '@houqin/contracts';
import { DistrictInspectionDefaults, durationMs, ElevatorInspection, ExtinguisherInspection, FireFacilityPatrol, MS_PER_DAY, refOf, RuleLookup, RuleRef } from '@houqin/rules';

/** The interval rules of every inspection kind (houqinRules in production; a derived pack in tests). */
export type InspectionIntervalRules = RuleLookup<{
  'facilities.extinguisher.inspectionIntervalDays': ExtinguisherInspection;
  'facilities.inspection.fireFacilities': FireFacilityPatrol;
  'facilities.inspection.elevator': ElevatorInspection;
  'facilities.inspection.districtDefaults': DistrictInspectionDefaults;
}>;
type RuleId = Parameters<InspectionIntervalRules['ruleAt']>[0];

/** Which rule sets a kind's interval, the settings it offers (first = default), e.g. crowded places for extinguishers. */
export const KIND_RULES: Record<InspectionKind, { ruleId: RuleId; settings: readonly [string, ...string[]] }> = {
  'fire-extinguisher': { ruleId: 'facilities.extinguisher.inspectionIntervalDays', settings: ['general', 'crowdedPlaces'] },
  'fire-hydrant': { ruleId: 'facilities.inspection.fireFacilities', settings: ['other', 'keyUnit'] },
  'fire-alarm': { ruleId: 'facilities.inspection.fireFacilities', settings: ['other', 'keyUnit'] },
  electrical: { ruleId: 'facilities.inspection.districtDefaults', settings: ['electrical'] },
  elevator: { ruleId: 'facilities.inspection.elevator', settings: ['maintenance', 'selfCheck'] },
  playground: { ruleId: 'facilities.inspection.districtDefaults', settings: ['playground'] },
  'sports-equipment': { ruleId: 'facilities.inspection.districtDefaults', settings: ['sportsEquipment'] },
  laboratory: { ruleId: 'facilities.inspection.districtDefaults', settings: ['laboratory'] },
  library: { ruleId: 'facilities.inspection.districtDefaults', settings: ['library'] },
};

export interface IntervalInForce {
  setting: string;
  /** The longest the rule allows between two inspections, in whole days. */
  maxDays: number;
  rule: RuleRef;
}

/** The rule version in force when the plan was made, and its number for the setting (undefined: not a setting of the kind). */
export function intervalInForce(kind: InspectionKind, setting: string | undefined, occurredAt: string, rules: InspectionIntervalRules): IntervalInForce | undefined {
  const { ruleId, settings } = KIND_RULES[kind];
  const chosen = setting ?? settings[0];
  if (!settings.includes(chosen)) return undefined;
  const rule = rules.ruleAt(ruleId, occurredAt);
  const value = rule.value as unknown as Record<string, Parameters<typeof durationMs>[0]>;
  return { setting: chosen, maxDays: Math.floor(durationMs(value[chosen]) / MS_PER_DAY), rule: refOf(rule) };
}
