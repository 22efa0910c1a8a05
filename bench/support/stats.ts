/** Summary statistics for repeated timings: median, quantiles and spread. */

export interface Summary {
  readonly n: number;
  readonly median: number;
  readonly p25: number;
  readonly p75: number;
  readonly min: number;
  readonly max: number;
}

/** Linear-interpolated quantile (q in [0, 1]) of a non-empty sample. */
export function quantile(xs: readonly number[], q: number): number {
  if (xs.length === 0) throw new Error("quantile of an empty sample");
  const sorted = [...xs].sort((a, b) => a - b);
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

export const median = (xs: readonly number[]): number => quantile(xs, 0.5);

export function summarize(xs: readonly number[]): Summary {
  return { n: xs.length, median: median(xs), p25: quantile(xs, 0.25), p75: quantile(xs, 0.75), min: Math.min(...xs), max: Math.max(...xs) };
}

/** Relative spread: interquartile range over the median (0.1 = the middle half within ±5 %). */
export const relativeSpread = (s: Summary): number => (s.median === 0 ? 0 : (s.p75 - s.p25) / s.median);

/** "1234 ms (p25 1200, p75 1300, min 1180, max 1400, n 5)" */
export function describeMs(xs: readonly number[]): string {
  const s = summarize(xs);
  const f = (x: number) => x.toFixed(0);
  return `${f(s.median)} ms (p25 ${f(s.p25)}, p75 ${f(s.p75)}, min ${f(s.min)}, max ${f(s.max)}, n ${s.n})`;
}

/**
 * Ratio of medians, with a spread from the per-repetition ratios (paired samples measured
 * side by side): "1.42× (per-rep 1.35–1.51)".
 */
export function pairedRatio(numerator: readonly number[], denominator: readonly number[]): { ratio: number; low: number; high: number } {
  const pairs = numerator.map((x, i) => x / denominator[i]);
  return { ratio: median(numerator) / median(denominator), low: Math.min(...pairs), high: Math.max(...pairs) };
}
