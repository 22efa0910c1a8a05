/**
 * Interleaved measurement: the variants take turns within each repetition, and the order
 * alternates (ABBA…) so slow drift of a shared, noisy machine falls on both sides equally.
 */

export type Measure<T = number> = () => Promise<T>;

export interface InterleaveOptions {
  /** Measured repetitions per variant. */
  readonly reps: number;
  /** Unrecorded rounds first (disk caches, JIT, terraform's plugin cache). @default 0 */
  readonly warmups?: number;
  /** Called before each measured round, e.g. to print progress. */
  readonly onRound?: (round: number) => void;
}

/** Runs every variant `reps` times, interleaved; returns the samples per variant name. */
export async function interleave<K extends string, T = number>(variants: Record<K, Measure<T>>, options: InterleaveOptions): Promise<Record<K, T[]>> {
  const names = Object.keys(variants) as K[];
  const samples = Object.fromEntries(names.map((name) => [name, [] as T[]])) as Record<K, T[]>;
  const warmups = options.warmups ?? 0;
  for (let round = 0; round < warmups + options.reps; round++) {
    if (round >= warmups) options.onRound?.(round - warmups);
    const order = round % 2 === 0 ? names : [...names].reverse();
    for (const name of order) {
      const value = await variants[name]();
      if (round >= warmups) samples[name].push(value);
    }
  }
  return samples;
}

/** Wall-clock milliseconds of `work`. */
export async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await work();
  return { ms: performance.now() - t0, value };
}
