/**
 * What ConfigureProvider pays to load the Admin API client chunk, through its code cache (as the
 * provider does, src/provider/code-cache.ts) against compiling it (a plain `require`). Each
 * sample is a fresh Node set up like a provider process at that moment: V8 tuned for one
 * command, node:http2, node:tls and node:crypto already loaded.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { builtProviderModule, clientChunkBeside } from "./built-provider";
import { interleave } from "./interleave";
import type { Figure } from "./report";
import { describeMs, pairedRatio } from "./stats";

const LOAD_SCRIPT = `
const [tuning, codeCache, chunk, how] = process.argv.slice(1);
require(tuning).tuneV8("one-command");
require("node:http2"); require("node:tls"); require("node:crypto");
const t0 = process.hrtime.bigint();
const outcome = how === "cached" ? require(codeCache).requireWithCodeCache(chunk).cache : (require(chunk), "compiled");
process.stdout.write(String(Number(process.hrtime.bigint() - t0) / 1e6) + " " + outcome);
`;

/** The figure, or undefined where the built modules are not beside this file (a bundled bench run). */
export async function clientLoadFigure(providerPath: string, reps: number): Promise<Figure | undefined> {
  const modules = [builtProviderModule("v8-tuning.js"), builtProviderModule("code-cache.js")];
  if (!modules.every(existsSync)) return undefined;
  const outcomes = new Set<string>();
  const load = (how: "cached" | "compiled") => async () => {
    const run = spawnSync(process.execPath, ["-e", LOAD_SCRIPT, ...modules, clientChunkBeside(providerPath), how], { encoding: "utf8" });
    const [ms, outcome] = run.stdout.split(" ");
    if (run.status !== 0 || !Number.isFinite(Number(ms))) throw new Error(`loading the client chunk failed (exit ${run.status}): ${run.stderr.slice(-2000)}`);
    outcomes.add(outcome ?? "");
    return Number(ms);
  };
  const samples = await interleave({ cached: load("cached"), compiled: load("compiled") }, { reps, warmups: 1 });
  const { ratio, low, high } = pairedRatio(samples.cached, samples.compiled);
  return {
    name: "ConfigureProvider's load of the client chunk: through its code cache vs compiled",
    ratio,
    detail: `code cache ${describeMs(samples.cached)} (${[...outcomes].filter((o) => o !== "compiled").join(", ")}); compiled ${describeMs(samples.compiled)}; per-rep ratio ${low.toFixed(2)}–${high.toFixed(2)}`,
  };
}
