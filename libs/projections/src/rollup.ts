import { Rollup } from './projection';

/** One group's sums, e.g. one school's figures. */
export interface Group<F extends string> {
  key: string;
  sums: Record<F, number>;
}

export function zeroSums<F extends string>(fields: readonly F[]): Record<F, number> {
  const sums = {} as Record<F, number>;
  for (const f of fields) sums[f] = 0;
  return sums;
}

/**
 * What a document's change adds to each group: its contribution after minus before (a
 * document that moves to another group leaves the first and joins the second). Groups the
 * document belongs to are listed even when nothing changed, so each shows up once touched.
 */
export function rollupDelta<Doc, F extends string>(rollup: Rollup<Doc, F>, before: Doc | null, after: Doc | null): Map<string, Record<F, number>> {
  const deltas = new Map<string, Record<F, number>>();
  const add = (doc: Doc, sign: 1 | -1) => {
    for (const [key, contribution] of contributionsOf(rollup, doc)) {
      const delta = deltas.get(key) ?? zeroSums(rollup.fields);
      for (const f of rollup.fields) delta[f] += sign * contribution[f];
      deltas.set(key, delta);
    }
  };
  if (before !== null) add(before, -1);
  if (after !== null) add(after, 1);
  return deltas;
}

/** What a document adds to each of its groups: one group (groupBy, contribution) or several (spread). */
export function contributionsOf<Doc, F extends string>(rollup: Rollup<Doc, F>, doc: Doc): Iterable<readonly [string, Record<F, number>]> {
  return rollup.spread ? rollup.spread(doc) : [[rollup.groupBy(doc), rollup.contribution(doc)]];
}

/** Adds `delta` into `sums` in place. */
export function addInto<F extends string>(fields: readonly F[], sums: Record<F, number>, delta: Record<F, number>): void {
  for (const f of fields) sums[f] += delta[f];
}

/** Adds up groups folded from disjoint sets of streams (e.g. by several replay workers). */
export function mergeGroups<F extends string>(fields: readonly F[], parts: Group<F>[][]): Group<F>[] {
  const byKey = new Map<string, Record<F, number>>();
  for (const g of parts.flat()) {
    const sums = byKey.get(g.key) ?? zeroSums(fields);
    addInto(fields, sums, g.sums);
    byKey.set(g.key, sums);
  }
  return sortGroups([...byKey].map(([key, sums]) => ({ key, sums })));
}

export const sortGroups = <G extends { key: string }>(groups: G[]): G[] => groups.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));

export interface GroupDifference<F extends string> {
  key: string;
  field: F | 'missing-in-live' | 'missing-in-replay';
  replayed?: number;
  live?: number;
}

/**
 * Field by field: a replayed group absent live, a live group absent from the replay with
 * any non-zero sum, and each field that differs.
 */
export function compareGroups<F extends string>(fields: readonly F[], replayed: Group<F>[], live: Group<F>[]): GroupDifference<F>[] {
  const differences: GroupDifference<F>[] = [];
  const liveByKey = new Map(live.map((g) => [g.key, g]));
  for (const r of replayed) {
    const l = liveByKey.get(r.key);
    liveByKey.delete(r.key);
    if (!l) {
      differences.push({ key: r.key, field: 'missing-in-live' });
      continue;
    }
    for (const field of fields) {
      if (Number(r.sums[field]) !== Number(l.sums[field])) differences.push({ key: r.key, field, replayed: Number(r.sums[field]), live: Number(l.sums[field]) });
    }
  }
  for (const l of liveByKey.values()) {
    if (fields.some((f) => Number(l.sums[f]) !== 0)) differences.push({ key: l.key, field: 'missing-in-replay' });
  }
  return differences;
}
