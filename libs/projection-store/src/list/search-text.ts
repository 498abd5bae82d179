/**
 * Search of Chinese text without an extension: every distinct character and pair of
 * adjacent characters (uni- and bigrams) of the searched fields is stored in a text[]
 * column with a GIN index; a query is narrowed by its grams (`@>`), then confirmed by a
 * substring match. pg_trgm needs 3 characters (most Chinese words have 2) and drops CJK
 * entirely under a C ctype; see docs/architecture.md for what was measured.
 */

/** NFKC (full-width ＬＥＤ３ → led3), lower case, runs of white space as one space. */
export const normalizeSearchText = (text: string): string => text.normalize('NFKC').toLowerCase().replace(/\s+/gu, ' ').trim();

/** The grams of one field (characters by code point, so a 4-byte character is one). */
export function gramsOf(text: string): string[] {
  const chars = [...normalizeSearchText(text)];
  const grams = new Set<string>();
  for (let i = 0; i < chars.length; i++) {
    if (chars[i] !== ' ') grams.add(chars[i]);
    if (i + 1 < chars.length) grams.add(chars[i] + chars[i + 1]);
  }
  return [...grams];
}

/** What a row stores: its fields' grams, and the fields joined by a line break (never in a normalized query). */
export function searchColumns(fields: (string | undefined)[]): { text: string; grams: string[] } {
  const present = fields.filter((f): f is string => Boolean(f));
  return { text: present.map(normalizeSearchText).join('\n'), grams: [...new Set(present.flatMap(gramsOf))].sort() };
}

/** A query's grams: its one character, or its pairs; undefined when nothing is left to search. */
export function queryGrams(query: string): { text: string; grams: string[] } | undefined {
  const text = normalizeSearchText(query);
  if (!text) return undefined;
  const chars = [...text];
  const grams = chars.length === 1 ? chars : [...new Set(chars.slice(1).map((c, i) => chars[i] + c))];
  return { text, grams };
}

/** The LIKE pattern of a normalized query: its wildcards and escape character taken literally. */
export const likePattern = (text: string): string => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
