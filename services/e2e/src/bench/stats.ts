/** Small statistics for benchmark runs: each figure is the median of several runs, with the spread. */
export interface Figure {
  median: number;
  min: number;
  max: number;
  runs: number[];
}

export const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

export const figure = (runs: number[]): Figure => ({ median: median(runs), min: Math.min(...runs), max: Math.max(...runs), runs });

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

export const show = (f: Figure, digits = 1) => `${round(f.median, digits)} (${round(f.min, digits)}–${round(f.max, digits)})`;
