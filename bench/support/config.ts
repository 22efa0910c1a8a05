/** Benchmark settings from the environment, checked with a clear message naming the variable. */
import { cpus, totalmem } from "node:os";

function positiveInts(name: string, fallback: readonly number[]): number[] {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === "") return [...fallback];
  const values = raw.split(",").map((part) => Number(part.trim()));
  if (values.some((v) => !Number.isInteger(v) || v < 1)) {
    throw new Error(`${name}="${raw}": expected positive integers separated by commas, e.g. ${name}=${fallback.join(",")}`);
  }
  return values;
}

const positiveInt = (name: string, fallback: number): number => positiveInts(name, [fallback])[0];

export interface BenchConfig {
  /** Team counts for the scale benchmark (BENCH_TEAMS, default 1,10,50). */
  readonly teams: readonly number[];
  /** The largest of them: the stack for the latency, fault and interrupt runs. */
  readonly largest: number;
  /** Interleaved repetitions per variant for timed comparisons (BENCH_REPS, default 3). */
  readonly reps: number;
  /** Which benchmarks to run (BENCH_ONLY=scale,latency; default all). */
  readonly only: readonly string[] | undefined;
  /** Team counts for the synthesis benchmark (BENCH_SYNTH_TEAMS, default 1,10,100; 1 is always added). */
  readonly synthTeams: readonly number[];
  /**
   * Repetitions for the sub-second and few-second runs (synthesis, imports, type-checks): BENCH_REPS
   * when set (BENCH_REPS=1 is the smoke-test mode), else 7 — cheap enough to afford a steadier median.
   */
  readonly cheapReps: number;
}

export function benchConfig(): BenchConfig {
  const teams = positiveInts("BENCH_TEAMS", [1, 10, 50]);
  const only = process.env.BENCH_ONLY?.split(",").map((s) => s.trim()).filter(Boolean);
  const reps = positiveInt("BENCH_REPS", 3);
  return {
    teams,
    largest: Math.max(...teams),
    reps,
    only: only && only.length > 0 ? only : undefined,
    synthTeams: positiveInts("BENCH_SYNTH_TEAMS", [1, 10, 100]),
    cheapReps: process.env.BENCH_REPS?.trim() ? reps : 7,
  };
}

export function machineDescription(): string {
  const cores = cpus();
  return `node ${process.version}, ${cores.length} cores (${cores[0]?.model.trim() ?? "unknown CPU"}), ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM, ${process.platform}/${process.arch}`;
}
