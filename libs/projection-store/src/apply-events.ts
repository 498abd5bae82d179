import { ProjectedEvent, rollupDelta, step, Versioned, zeroSums } from '@houqin/projections';
import { SqlClient } from '@houqin/event-store';
import { StoredProjection } from './tables';

export interface ApplyCounts {
  applied: number;
  duplicates: number;
}

/**
 * Applies events to a projection's tables inside the caller's transaction:
 *  1. a transaction-scoped advisory lock per stream key, in one global order, so that two
 *     appliers of one stream queue (even for a stream with no row yet to lock) and the
 *     second then reads, by a later statement (READ COMMITTED: a fresh snapshot), what the
 *     first committed, and absorbs it;
 *  2. the streams' documents with their versions; the pure steps in memory;
 *  3. the changed documents upserted, then the groups' deltas added in key order (so
 *     concurrent batches take group rows in one order and cannot deadlock).
 */
export async function applyEvents<Doc, F extends string>(client: SqlClient, projection: StoredProjection<Doc, F>, events: ProjectedEvent[]): Promise<ApplyCounts> {
  const { definition } = projection;
  const mine = events.filter((e) => e.streamType === definition.streamType);
  if (mine.length === 0) return { applied: 0, duplicates: 0 };
  const keys = [...new Set(mine.map((e) => definition.streamKey(e)))].sort();
  await lockStreams(client, definition.name, keys);
  const documents = await loadDocuments(client, projection, keys);
  const changed = new Set<string>();
  const rollup = definition.rollup;
  const deltas = new Map<string, Record<F, number>>();
  let applied = 0;
  let duplicates = 0;

  for (const event of mine) {
    const key = definition.streamKey(event);
    const current = documents.get(key);
    const result = step(definition, current, event);
    if (result.kind === 'duplicate') duplicates++;
    if (result.kind !== 'applied') continue;
    applied++;
    if (rollup) {
      for (const [group, delta] of rollupDelta(rollup, current?.doc ?? null, result.doc)) {
        const sums = deltas.get(group) ?? zeroSums(rollup.fields);
        for (const f of rollup.fields) sums[f] += delta[f];
        deltas.set(group, sums);
      }
    }
    if (result.doc === null) continue;
    documents.set(key, { doc: result.doc, version: result.version });
    changed.add(key);
  }
  await saveDocuments(client, projection, [...changed].map((k) => [k, documents.get(k)!] as const));
  await addToGroups(client, projection, deltas);
  return { applied, duplicates };
}

async function lockStreams(client: SqlClient, name: string, keys: string[]): Promise<void> {
  // Hash collisions only make two streams queue on one lock; the order is by the hash, for everyone.
  await client.query(
    `SELECT pg_advisory_xact_lock(hashtext($1), h) FROM (SELECT DISTINCT hashtext(k) AS h FROM unnest($2::text[]) AS k ORDER BY 1) AS s`,
    [`projection:${name}`, keys],
  );
}

async function loadDocuments<Doc>(client: SqlClient, { documents: t }: StoredProjection<Doc, string>, keys: string[]): Promise<Map<string, Versioned<Doc>>> {
  const { rows } = await client.query<Record<string, unknown>>(`SELECT * FROM ${t.table} WHERE ${t.keyColumn} = ANY($1::${t.keyType ?? 'text'}[])`, [keys]);
  return new Map(rows.map((r) => [String(r[t.keyColumn]), { doc: t.fromRow(r), version: Number(r[t.versionColumn]) }]));
}

async function saveDocuments<Doc>(client: SqlClient, { documents: t }: StoredProjection<Doc, string>, docs: (readonly [string, Versioned<Doc>])[]): Promise<void> {
  if (docs.length === 0) return;
  const columns = Object.keys(t.columns);
  const rows = docs.map(([key, { doc, version }]) => ({ ...t.toRow(doc!), [t.keyColumn]: key, [t.versionColumn]: version }));
  const record = [`${t.keyColumn} ${t.keyType ?? 'text'}`, `${t.versionColumn} integer`, ...columns.map((c) => `${c} ${t.columns[c]}`)].join(', ');
  const written = [t.keyColumn, t.versionColumn, ...columns];
  const touched = t.touchedAt ? [`${t.touchedAt} = now()`] : [];
  await client.query(
    `INSERT INTO ${t.table} (${written.join(', ')})
     SELECT ${written.map((c) => `r.${c}`).join(', ')} FROM jsonb_to_recordset($1::jsonb) AS r(${record})
     ON CONFLICT (${t.keyColumn}) DO UPDATE SET ${[...written.slice(1).map((c) => `${c} = EXCLUDED.${c}`), ...touched].join(', ')}`,
    [JSON.stringify(rows)],
  );
}

async function addToGroups<F extends string>(client: SqlClient, projection: StoredProjection<unknown, F>, deltas: Map<string, Record<F, number>>): Promise<void> {
  const t = projection.groups;
  const rollup = projection.definition.rollup;
  if (!t || !rollup || deltas.size === 0) return;
  const columns = rollup.fields.map((f) => t.columns[f]);
  const rows = [...deltas].map(([key, sums]) => ({ [t.keyColumn]: key, ...Object.fromEntries(rollup.fields.map((f) => [t.columns[f], sums[f]])) }));
  const record = [`${t.keyColumn} text`, ...columns.map((c) => `${c} bigint`)].join(', ');
  const touched = t.touchedAt ? [`${t.touchedAt} = now()`] : [];
  await client.query(
    `INSERT INTO ${t.table} AS g (${[t.keyColumn, ...columns].join(', ')})
     SELECT ${[t.keyColumn, ...columns].map((c) => `r.${c}`).join(', ')} FROM jsonb_to_recordset($1::jsonb) AS r(${record}) ORDER BY r.${t.keyColumn}
     ON CONFLICT (${t.keyColumn}) DO UPDATE SET ${[...columns.map((c) => `${c} = g.${c} + EXCLUDED.${c}`), ...touched].join(', ')}`,
    [JSON.stringify(rows)],
  );
}

/** Every group's sums, as the rollup names them (for the live side of a comparison). */
export async function readGroups<F extends string>(client: SqlClient, projection: StoredProjection<unknown, F>, key?: string) {
  const t = projection.groups;
  const rollup = projection.definition.rollup;
  if (!t || !rollup) throw new Error(`Projection ${projection.definition.name} has no rollup`);
  const { rows } = await client.query<Record<string, unknown>>(
    `SELECT * FROM ${t.table} ${key === undefined ? '' : `WHERE ${t.keyColumn} = $1`} ORDER BY ${t.keyColumn}`,
    key === undefined ? [] : [key],
  );
  return rows.map((r) => ({ key: String(r[t.keyColumn]), sums: Object.fromEntries(rollup.fields.map((f) => [f, Number(r[t.columns[f]])])) as Record<F, number> }));
}
