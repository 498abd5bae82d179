/** Money as the services keep it: whole fen (分). Yuan typed by people are read as text, never through a float. */
const YUAN = /^(\d{1,9})(?:\.(\d{1,2}))?$/;

/** '18.5' → 1850; undefined when it is not an amount of yuan with at most two decimals. */
export function yuanToFen(text: string): number | undefined {
  const m = YUAN.exec(text.trim());
  if (!m) return undefined;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

/** 1850 → '18.50' (exact: integer division and remainder). */
export const fenToYuan = (fen: number): string => `${Math.trunc(fen / 100)}.${String(Math.abs(fen % 100)).padStart(2, '0')}`;
