/**
 * `npm run bench`: every benchmark, each figure a ratio of two things measured side by side in
 * the same run, printed with its target, and written to docs/benchmarks.md.
 *
 *   npm run build && node dist/bench/index.js
 *
 * Environment: BENCH_TEAMS=1,10,50 (team counts; the largest is also the stack of the latency,
 * fault and interrupt runs), BENCH_SYNTH_TEAMS=1,10,100 (team counts of the synthesis run),
 * BENCH_REPS=3 (interleaved repetitions; when set it also replaces the 7 of the synthesis and
 * import runs), BENCH_ONLY=scale,latency (a subset: startup, scale, memory, latency, requests, faults,
 * interrupt, synthesis, imports; only their sections of the output are replaced),
 * BENCH_OUT=docs/benchmarks.md. Benchmark names as arguments (`node dist/bench/index.js synthesis`)
 * are the same as BENCH_ONLY.
 *
 * Quick smoke run of the synthesis and import benches (about a minute):
 *   BENCH_ONLY=synthesis,imports BENCH_REPS=1 BENCH_SYNTH_TEAMS=1,3 BENCH_OUT=/tmp/bench.md node dist/bench/index.js
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { bundledProviderPath, packageRoot } from "../src/provider/install";
import { mergeBenchmarksDoc, provenanceLine } from "./support/benchmarks-doc";
import { benchConfig, machineDescription } from "./support/config";
import { type BenchResult, markdownSection, printResult, verdict } from "./support/report";
import { faultBench } from "./faults";
import { importCostBench } from "./imports";
import { interruptBench } from "./interrupt";
import { latencyBench } from "./latency";
import { memoryBench } from "./memory";
import { requestsBench } from "./requests";
import { scaleBench } from "./scale";
import { providerStartupBench } from "./startup";
import { synthesisBench } from "./synthesis";

const BUILD = "npm run build";
const RUN = "node dist/bench/index.js";

async function main(): Promise<number> {
  // `node dist/bench/index.js synthesis` = BENCH_ONLY=synthesis.
  if (process.argv[2] && !process.env.BENCH_ONLY) process.env.BENCH_ONLY = process.argv.slice(2).join(",");
  const config = benchConfig();
  const log = (line: string) => console.error(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}`);
  const benches: Array<[name: string, run: () => Promise<BenchResult>]> = [
    ["startup", () => providerStartupBench(bundledProviderPath(), 20)],
    ["scale", () => scaleBench(config.teams, config.reps, log)],
    ["memory", () => memoryBench(config.largest, config.reps, log)],
    ["latency", () => latencyBench(config.largest, config.reps, log)],
    ["requests", () => requestsBench()],
    ["faults", () => faultBench(config.largest, log)],
    ["interrupt", () => interruptBench(config.largest, log)],
    ["synthesis", () => synthesisBench(config.synthTeams, config.cheapReps, log)],
    ["imports", () => importCostBench(config.cheapReps, config.cheapReps, log)],
  ];
  const unknown = (config.only ?? []).filter((name) => !benches.some(([known]) => known === name));
  if (unknown.length > 0) throw new Error(`BENCH_ONLY names no benchmark called ${unknown.join(", ")}: use some of ${benches.map(([name]) => name).join(", ")}.`);
  const results: Array<{ name: string; result: BenchResult }> = [];
  const started = Date.now();
  for (const [name, run] of benches) {
    if (config.only && !config.only.includes(name)) continue;
    log(`${name}: starting`);
    try {
      const result = await run();
      printResult(result);
      results.push({ name, result });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      log(`${name}: FAILED: ${message}`);
      results.push({ name, result: { title: `${name} (failed)`, figures: [], notes: ["```", message.slice(0, 4000), "```"], checks: [{ name, ok: false, detail: "the benchmark threw; see above" }] } });
    }
  }
  const minutes = ((Date.now() - started) / 60_000).toFixed(1);
  const env = ["BENCH_TEAMS", "BENCH_SYNTH_TEAMS", "BENCH_REPS", "BENCH_ONLY"].filter((k) => process.env[k]).map((k) => `${k}=${process.env[k]}`).join(" ");
  const header = [
    "# Benchmarks",
    "",
    "Produced by `npm run bench`; each section says which command measured it and when (a run with BENCH_ONLY replaces only its own sections).",
    `Machine: ${machineDescription()}; terraform on PATH.`,
    "",
    "Every figure is a ratio of two things measured side by side in the same run (interleaved, median of the repetitions, spread shown). Machines here are shared and noisy: compare ratios, not absolute times.",
    "",
  ];
  const out = process.env.BENCH_OUT ?? join(packageRoot(), "docs", "benchmarks.md");
  const provenance = provenanceLine(`${BUILD} && ${env ? `${env} ` : ""}${RUN}`, new Date().toISOString().slice(0, 10), minutes);
  const sections = results.map(({ name, result }) => ({ name, title: result.title, markdown: markdownSection(result, provenance) }));
  writeFileSync(out, mergeBenchmarksDoc(existsSync(out) ? readFileSync(out, "utf8") : "", header, sections, config.only !== undefined));
  log(`wrote ${out} (${minutes} min)`);
  const failed = results.some(({ result }) => (result.checks ?? []).some((c) => !c.ok));
  const above = results.flatMap(({ result }) => result.figures).filter((f) => verdict(f) === "ABOVE TARGET").length;
  console.log(`\n${above} figure(s) above target; ${failed ? "some checks FAILED" : "all checks passed"}.`);
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
