// Test fixtures only (not exported from the lib): a second SLA version and district overrides.
import { RepairSla } from '../src/houqin';
import { atMost } from '../src/quantity';
import { RuleVersion } from '../src/rule';

/** A real-looking tightening for tests: from 2027-09-01 urgent repairs are answered within 30 min and finished within 12 h. */
export const slaV2: RuleVersion<RepairSla> = {
  version: 'v2',
  effectiveFrom: '2027-09-01',
  value: {
    urgent: { respondWithin: atMost(30, 'minutes'), completeWithin: atMost(12, 'hours') },
    high: { respondWithin: atMost(2, 'hours'), completeWithin: atMost(48, 'hours') },
    normal: { respondWithin: atMost(12, 'hours'), completeWithin: atMost(5, 'days') },
    low: { respondWithin: atMost(48, 'hours'), completeWithin: atMost(10, 'days') },
  },
  source: { instrument: 'Test district standard', edition: 'v2', confidence: 'district', note: 'test fixture' },
};

export const districtSla = (version: string, effectiveFrom: string, urgentRespondHours: number): RuleVersion<RepairSla> => ({
  ...slaV2,
  version,
  effectiveFrom,
  value: { ...slaV2.value, urgent: { ...slaV2.value.urgent, respondWithin: atMost(urgentRespondHours, 'hours') } },
});
