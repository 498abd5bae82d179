import { BeijingDate, isBeijingDate } from './instant';
import { describeQuantity, dimensionOf, isAsTightAs, isQuantity, Quantity, quantityProblems } from './quantity';
import { RuleSource, RuleValue, RuleVersion } from './rule';

/** The pack refused to load: every problem found, so one run names them all. */
export class RulePackError extends Error {
  constructor(readonly problems: string[]) {
    super(`The rule pack is invalid:\n- ${problems.join('\n- ')}`);
    this.name = 'RulePackError';
  }
}

const FOREVER: BeijingDate = '9999-12-31';
const CONFIDENCES = ['Q', 'P', 'NF', 'district'];

/** The Beijing days [from, until) a version is in force: its own end, else the next version's start. */
export const intervalOf = (versions: readonly RuleVersion[], i: number): [BeijingDate, BeijingDate] => [
  versions[i].effectiveFrom,
  versions[i].effectiveUntil ?? versions[i + 1]?.effectiveFrom ?? FOREVER,
];

/** Every quantity of a value with its path (`urgent.respondWithin`); anything else is a problem. */
export function leavesOf(value: RuleValue, path = '', problems: string[] = []): Map<string, Quantity> {
  const leaves = new Map<string, Quantity>();
  if (isQuantity(value)) {
    leaves.set(path, value);
    for (const p of quantityProblems(value)) problems.push(`${path || 'value'}: ${p}`);
    return leaves;
  }
  if (typeof value !== 'object' || value === null || Object.keys(value).length === 0) {
    problems.push(`${path || 'value'}: every leaf must be a quantity (atMost/atLeast), got ${JSON.stringify(value)}`);
    return leaves;
  }
  for (const [key, child] of Object.entries(value)) {
    for (const [p, q] of leavesOf(child, path ? `${path}.${key}` : key, problems)) leaves.set(p, q);
  }
  return leaves;
}

const shapeOf = (leaves: Map<string, Quantity>) =>
  [...leaves].map(([path, q]) => `${path}:${dimensionOf(q)}`).sort().join(',');

function sourceProblems(source: RuleSource): string[] {
  const problems: string[] = [];
  if (!source?.instrument?.trim()) problems.push('source.instrument is empty');
  if (!source?.edition?.trim()) problems.push('source.edition (version or effective date of the instrument) is empty');
  if (!CONFIDENCES.includes(source?.confidence)) problems.push(`source.confidence must be one of ${CONFIDENCES.join('/')}`);
  if (source?.confidence === 'NF') problems.push("a number cannot cite a source that was not found (NF); use 'district' if the district sets it");
  if (!source?.url && !source?.note) problems.push('source needs a url or a note saying where it was read');
  return problems;
}

/** One rule's versions (national or one region's): names, dates, order, values, sources, one shape. */
export function versionProblems(label: string, versions: readonly RuleVersion[], expectedShape?: string): string[] {
  const problems: string[] = [];
  const add = (v: RuleVersion | undefined, p: string) => problems.push(`${label}${v ? ` ${v.version}` : ''}: ${p}`);
  if (!versions?.length) add(undefined, 'has no versions');
  const names = new Set<string>();
  let shape = expectedShape;
  versions?.forEach((v, i) => {
    if (!v.version?.trim()) add(v, 'version name is empty');
    if (names.has(v.version)) add(v, 'version name is used twice');
    names.add(v.version);
    if (!isBeijingDate(v.effectiveFrom)) add(v, `effectiveFrom ${v.effectiveFrom} is not a date YYYY-MM-DD`);
    if (v.effectiveUntil !== undefined && !isBeijingDate(v.effectiveUntil)) add(v, `effectiveUntil ${v.effectiveUntil} is not a date YYYY-MM-DD`);
    if (v.effectiveUntil !== undefined && v.effectiveUntil <= v.effectiveFrom) add(v, 'effectiveUntil must be after effectiveFrom');
    const next = versions[i + 1];
    if (next && next.effectiveFrom <= v.effectiveFrom) add(next, `effectiveFrom must be after ${v.version}'s (versions in date order)`);
    if (next && v.effectiveUntil && v.effectiveUntil > next.effectiveFrom) add(v, `overlaps ${next.version}`);
    for (const p of sourceProblems(v.source)) add(v, p);
    const leafProblems: string[] = [];
    const leaves = leavesOf(v.value, '', leafProblems);
    leafProblems.forEach((p) => add(v, p));
    const own = shapeOf(leaves);
    if (shape === undefined) shape = own;
    else if (own !== shape) add(v, `value has another shape (paths, units, bounds) than the rule's: ${own} vs ${shape}`);
  });
  return problems;
}

export const shapeOfVersion = (v: RuleVersion): string => shapeOf(leavesOf(v.value));

/**
 * A district version may only tighten: against every national version in force on any of its days,
 * each number must be as strict or stricter in the direction its bound declares.
 */
export function looseningProblems(label: string, regional: readonly RuleVersion[], national: readonly RuleVersion[]): string[] {
  const problems: string[] = [];
  regional.forEach((r, i) => {
    const [rFrom, rUntil] = intervalOf(regional, i);
    const rLeaves = leavesOf(r.value);
    national.forEach((n, j) => {
      const [nFrom, nUntil] = intervalOf(national, j);
      if (!(rFrom < nUntil && nFrom < rUntil)) return;
      for (const [path, nq] of leavesOf(n.value)) {
        const rq = rLeaves.get(path);
        if (rq && !isAsTightAs(rq, nq)) {
          problems.push(
            `${label} ${r.version}: ${path} ${describeQuantity(rq)} loosens the national ${n.version} ${describeQuantity(nq)}; a district may only tighten`,
          );
        }
      }
    });
  });
  return problems;
}
