import { RulePack } from '../rule-pack';
import { RulePackDefinition } from '../rule';
import { AirConditioningSetPoints, airConditioningSetPoints, MeterJumpThreshold, meterJumpThreshold } from './energy';
import { ExtinguisherInspection, extinguisherInspection, RepairSla, repairSla, RepeatFailureWindow, repeatFailureWindow } from './facilities';
import { LogbookLateEntry, logbookLateEntry } from './facilities';
import { DistrictInspectionDefaults, districtInspectionDefaults, ElevatorInspection, elevatorInspection, FireFacilityPatrol, fireFacilityPatrol } from './facilities';
import { AssetDisposalBureauApproval, assetDisposalBureauApproval } from './facilities';
import { SampleRetention, sampleRetention } from './food-safety';
import { EvacuationDrill, evacuationDrill } from './safety';
import { ClockSkew, clockSkew, LateEntry, lateEntry } from './time';

export * from './energy';
export * from './facilities';
export * from './food-safety';
export * from './safety';
export * from './time';
export * from './asset-lives';
export * from './asset-depreciation';

/** Every rule of the platform: id → value type. Add a rule here and in `HOUQIN_RULE_PACK`. */
export type HouqinRules = {
  'time.clockSkew': ClockSkew;
  'time.lateEntry': LateEntry;
  'facilities.repair.sla': RepairSla;
  'facilities.repair.repeatFailureWindowDays': RepeatFailureWindow;
  'facilities.extinguisher.inspectionIntervalDays': ExtinguisherInspection;
  'facilities.inspection.fireFacilities': FireFacilityPatrol;
  'facilities.inspection.elevator': ElevatorInspection;
  'facilities.inspection.districtDefaults': DistrictInspectionDefaults;
  'facilities.logbook.lateEntry': LogbookLateEntry;
  'facilities.asset.disposalBureauApproval': AssetDisposalBureauApproval;
  'safety.drill.evacuation': EvacuationDrill;
  'foodSafety.sampleRetention': SampleRetention;
  'energy.airConditioning.setPoints': AirConditioningSetPoints;
  'energy.meter.jumpThreshold': MeterJumpThreshold;
};

/** The national (or, where no national number exists, the Houqin default district) rules; no district overrides yet. */
export const HOUQIN_RULE_PACK: RulePackDefinition<HouqinRules> = {
  rules: {
    'time.clockSkew': clockSkew,
    'time.lateEntry': lateEntry,
    'facilities.repair.sla': repairSla,
    'facilities.repair.repeatFailureWindowDays': repeatFailureWindow,
    'facilities.extinguisher.inspectionIntervalDays': extinguisherInspection,
    'facilities.inspection.fireFacilities': fireFacilityPatrol,
    'facilities.inspection.elevator': elevatorInspection,
    'facilities.inspection.districtDefaults': districtInspectionDefaults,
    'facilities.logbook.lateEntry': logbookLateEntry,
    'facilities.asset.disposalBureauApproval': assetDisposalBureauApproval,
    'safety.drill.evacuation': evacuationDrill,
    'foodSafety.sampleRetention': sampleRetention,
    'energy.airConditioning.setPoints': airConditioningSetPoints,
    'energy.meter.jumpThreshold': meterJumpThreshold,
  },
  regions: {},
};

export type HouqinRulePack = RulePack<HouqinRules>;

/** Loaded and checked once at import: a bad pack fails every service's start, not a judgement. */
export const houqinRules: HouqinRulePack = RulePack.load(HOUQIN_RULE_PACK);
