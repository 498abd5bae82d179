import { ProjectionDefinition } from '@houqin/projections';

/**
 * Where a projection's documents live: one row per stream, typed columns (so that lists
 * can filter, sort and search them with ordinary indexes), and the stream's last applied
 * version beside them.
 */
export interface DocumentTable<Doc> {
  table: string;
  keyColumn: string;
  /** SQL type of the key (default text). */
  keyType?: string;
  versionColumn: string;
  /** The columns a document is written to (key and version aside), with their SQL types. */
  columns: Record<string, string>;
  toRow(doc: Doc): Record<string, unknown>;
  fromRow(row: Record<string, unknown>): Doc;
  /** A column set to now() on every write (e.g. updated_at). */
  touchedAt?: string;
}

/** Where a rollup's group sums live: one row per group, one numeric column per field. */
export interface GroupTable<F extends string> {
  table: string;
  keyColumn: string;
  columns: Record<F, string>;
  touchedAt?: string;
}

/** A projection definition with its tables: what the PostgreSQL runners take. */
export interface StoredProjection<Doc, F extends string = never> {
  definition: ProjectionDefinition<Doc, F>;
  documents: DocumentTable<Doc>;
  groups?: GroupTable<F>;
}

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;
const SQL_TYPE = /^[a-z][a-z0-9_ ]{0,40}(\[\])?$/;

/** Checks the names once (they are spliced into SQL) and that the tables match the definition. */
export function storedProjection<Doc, F extends string = never>(p: StoredProjection<Doc, F>): StoredProjection<Doc, F> {
  const d = p.documents;
  for (const name of [d.table, d.keyColumn, d.versionColumn, ...Object.keys(d.columns), ...(d.touchedAt ? [d.touchedAt] : [])]) identifier(name);
  for (const type of [...Object.values(d.columns), d.keyType ?? 'text']) if (!SQL_TYPE.test(type)) throw new Error(`Invalid SQL type ${type}`);
  const rollup = p.definition.rollup;
  if (Boolean(rollup) !== Boolean(p.groups)) throw new Error(`Projection ${p.definition.name}: a rollup needs a group table, and a group table a rollup`);
  if (rollup && p.groups) {
    for (const name of [p.groups.table, p.groups.keyColumn, ...Object.values<string>(p.groups.columns), ...(p.groups.touchedAt ? [p.groups.touchedAt] : [])]) identifier(name);
    const missing = rollup.fields.filter((f) => !p.groups!.columns[f]);
    if (missing.length) throw new Error(`Projection ${p.definition.name}: no column for ${missing.join(', ')}`);
  }
  return p;
}

function identifier(name: string): string {
  if (!IDENTIFIER.test(name)) throw new Error(`Invalid SQL identifier ${name}`);
  return name;
}

/** The tables a rebuild empties. */
export const tablesOf = (p: AnyStoredProjection): string[] => [p.documents.table, ...(p.groups ? [p.groups.table] : [])];

/** Any projection with its tables, whatever its document type (for lists of several). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each projection has its own document type
export type AnyStoredProjection = StoredProjection<any, any>;
