/**
 * `npm run bench`: every benchmark, each figure a ratio of two things measured side by side in
 * the same run, printed with its target, and written to docs/benchmarks.md.
 *
 *   npm run build && node dist/bench/index.js
 *
 * Environment: BENCH_TEAMS=1,10,50 (team counts; the largest is also the stack of the latency,
 * fault and interrupt runs), BENCH_REPS=3 (interleaved repetitions), BENCH_ONLY=scale,latency
 * (a subset: startup, scale, latency, requests, faults, interrupt), BENCH_OUT=docs/benchmarks.md.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { bundledProviderPath, packageRoot } from "../src/provider/install";
import { benchConfig, machineDescription } from "./support/config";
import { type BenchResult, markdownSection, printResult, verdict } from "./support/report";
import { faultBench } from "./faults";
import { interruptBench } from "./interrupt";
import { latencyBench } from "./latency";
import { requestsBench } from "./requests";
import { scaleBench } from "./scale";
import { providerStartupBench } from "./startup";

const COMMAND = "npm run build && node dist/bench/index.js";
/** Everything from this line on in docs/benchmarks.md is hand-written analysis the runner keeps. */
const KEEP_MARKER = "<!-- hand-written notes below: kept by the benchmark runner -->";

function keptNotes(file: string): string {
  const existing = existsSync(file) ? readFileSync(file, "utf8") : "";
  const at = existing.indexOf(KEEP_MARKER);
  return at >= 0 ? existing.slice(at) : `${KEEP_MARKER}\n`;
}

async function main(): Promise<number> {
  const config = benchConfig();
  const log = (line: string) => console.error(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}`);
  const benches: Array<[name: string, run: () => Promise<BenchResult>]> = [
    ["startup", () => providerStartupBench(bundledProviderPath(), 20)],
    ["scale", () => scaleBench(config.teams, config.reps, log)],
    ["latency", () => latencyBench(config.largest, config.reps, log)],
    ["requests", () => requestsBench()],
    ["faults", () => faultBench(config.largest, log)],
    ["interrupt", () => interruptBench(config.largest, log)],
  ];
  const results: BenchResult[] = [];
  const started = Date.now();
  for (const [name, run] of benches) {
    if (config.only && !config.only.includes(name)) continue;
    log(`${name}: starting`);
    try {
      const result = await run();
      printResult(result);
      results.push(result);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      log(`${name}: FAILED: ${message}`);
      results.push({ title: `${name} (failed)`, figures: [], notes: ["```", message.slice(0, 4000), "```"], checks: [{ name, ok: false, detail: "the benchmark threw; see above" }] });
    }
  }
  const minutes = ((Date.now() - started) / 60_000).toFixed(1);
  const env = ["BENCH_TEAMS", "BENCH_REPS", "BENCH_ONLY"].filter((k) => process.env[k]).map((k) => `${k}=${process.env[k]}`).join(" ");
  const header = [
    "# Benchmarks",
    "",
    `Produced by \`${env ? `${env} ` : ""}${COMMAND}\` on ${new Date().toISOString().slice(0, 10)} (${minutes} min).`,
    `Machine: ${machineDescription()}; terraform on PATH.`,
    "",
    "Every figure is a ratio of two things measured side by side in the same run (interleaved, median of the repetitions, spread shown). Machines here are shared and noisy: compare ratios, not absolute times.",
    "",
  ];
  const out = process.env.BENCH_OUT ?? join(packageRoot(), "docs", "benchmarks.md");
  writeFileSync(out, [...header, ...results.map(markdownSection), keptNotes(out)].join("\n"));
  log(`wrote ${out} (${minutes} min)`);
  const failed = results.some((r) => (r.checks ?? []).some((c) => !c.ok));
  const above = results.flatMap((r) => r.figures).filter((f) => verdict(f) === "ABOVE TARGET").length;
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
