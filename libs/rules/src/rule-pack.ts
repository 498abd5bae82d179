import { DomainError } from '@houqin/event-sourcing';
import { beijingDateOf, BeijingDate, Instant, parseInstant } from './instant';
import { intervalOf, looseningProblems, RulePackError, shapeOfVersion, versionProblems } from './pack-checks';
import { RuleCatalog, RuleInForce, RulePackDefinition, RuleVersion } from './rule';

const RULE_ID = /^[a-z][A-Za-z0-9]*(\.[a-z][A-Za-z0-9]*)+$/;

/** A refusal for a time that is not an ISO instant with an offset. */
export const invalidInstant = (field: string, text: string) =>
  new DomainError(
    `${field}-invalid`,
    `${field} must be an ISO 8601 date-time with an offset, e.g. 2026-09-01T08:00:00+08:00 (got ${JSON.stringify(text)})`,
    `${field} 须为带时区的 ISO 8601 时间，例如 2026-09-01T08:00:00+08:00`,
    'invalid',
  );

/** What a judgement needs from a pack: any pack whose catalog has the rules it reads. */
export interface RuleLookup<C extends RuleCatalog> {
  ruleAt<K extends keyof C & string>(ruleId: K, occurredAt: Instant, region?: string): RuleInForce<C[K]>;
}

/**
 * The loaded, checked rule pack. `ruleAt` answers which version judged a fact: the one in force on the
 * Beijing day the fact occurred, a district's own version first when it has one in force that day.
 */
export class RulePack<C extends RuleCatalog> implements RuleLookup<C> {
  private constructor(private readonly definition: RulePackDefinition<C>) {}

  /** Checks the whole pack and refuses it (RulePackError, listing every problem) rather than judge with a bad rule. */
  static load<C extends RuleCatalog>(definition: RulePackDefinition<C>): RulePack<C> {
    const problems: string[] = [];
    const rules = definition.rules as RulePackDefinition<RuleCatalog>['rules'];
    for (const [id, rule] of Object.entries(rules)) {
      if (!RULE_ID.test(id)) problems.push(`${id}: a rule id is dotted camelCase, e.g. facilities.repair.sla`);
      if (!rule.title?.trim() || !rule.titleZh?.trim()) problems.push(`${id}: needs a title and a titleZh`);
      problems.push(...versionProblems(id, rule.versions));
    }
    for (const [region, override] of Object.entries(definition.regions ?? {})) {
      if (!/^\d{6}$/.test(region)) problems.push(`region ${region}: use the 6-digit 行政区划代码`);
      for (const [id, versions] of Object.entries(override.rules as Record<string, readonly RuleVersion[]>)) {
        const label = `region ${region} ${id}`;
        const national = rules[id];
        if (!national) {
          problems.push(`${label}: no such rule in the pack`);
          continue;
        }
        const shape = national.versions[0] && shapeOfVersion(national.versions[0]);
        const own = versionProblems(label, versions, shape);
        problems.push(...own, ...(own.length ? [] : looseningProblems(label, versions, national.versions)));
      }
    }
    if (problems.length) throw new RulePackError(problems);
    return new RulePack(definition);
  }

  /** The rule version in force when the fact occurred (Beijing day of `occurredAt`). */
  ruleAt<K extends keyof C & string>(ruleId: K, occurredAt: Instant, region?: string): RuleInForce<C[K]> {
    const at = parseInstant(occurredAt);
    if (at === undefined) throw invalidInstant('occurredAt', occurredAt);
    const day = beijingDateOf(at);
    const rule = this.definition.rules[ruleId];
    if (!rule) throw new RulePackError([`${ruleId}: no such rule in the pack`]);
    if (region !== undefined && !this.definition.regions?.[region]) {
      throw new RulePackError([`region ${region}: not in the pack (declare it, even with no overrides)`]);
    }
    const regional = region === undefined ? undefined : this.definition.regions?.[region]?.rules[ruleId];
    const fromRegion = regional && versionOn(regional, day);
    if (fromRegion) return { ruleId, region, ...fromRegion };
    const national = versionOn(rule.versions, day);
    if (national) return { ruleId, ...national };
    throw new DomainError(
      'rule-not-in-force',
      `No version of rule ${ruleId} was in force on ${day} (Beijing), when the fact occurred`,
      `事实发生之日（北京时间 ${day}）没有生效的规则 ${ruleId}`,
      'invalid',
    );
  }

  /** The declared regions (district codes). */
  get regions(): string[] {
    return Object.keys(this.definition.regions ?? {});
  }

  /** The definition it was loaded from, to derive a pack with one more version (`withVersion`). */
  get source(): RulePackDefinition<C> {
    return this.definition;
  }
}

const versionOn = <V extends RuleVersion>(versions: readonly V[], day: BeijingDate): V | undefined =>
  versions.find((_, i) => {
    const [from, until] = intervalOf(versions, i);
    return from <= day && day < until;
  });

/** A new definition with one more version of a rule (national, or a region's): how a rule change is made and tested. */
export function withVersion<C extends RuleCatalog, K extends keyof C & string>(
  definition: RulePackDefinition<C>,
  ruleId: K,
  version: RuleVersion<C[K]>,
  region?: string,
): RulePackDefinition<C> {
  if (region === undefined) {
    const rule = definition.rules[ruleId];
    return { ...definition, rules: { ...definition.rules, [ruleId]: { ...rule, versions: [...rule.versions, version] } } };
  }
  const regions = definition.regions ?? {};
  const current = regions[region] ?? { name: region, nameZh: region, rules: {} };
  const versions = [...(current.rules[ruleId] ?? []), version];
  return { ...definition, regions: { ...regions, [region]: { ...current, rules: { ...current.rules, [ruleId]: versions } } } };
}
