/**
 * Synthesis at scale (issue #8): the deployable app (cdktf.json's app command, stacks/main.ts)
 * synthesizing teams files of 1, 10 and 100 teams, exactly as `cdktf synth` starts it (fresh
 * output folder per run), interleaved. Wall time spawn → exit and peak RSS of the process tree.
 * Target: the largest team count ≤ 3 × one team (time). Also one real `npx cdktf synth` of one team
 * between two direct runs, so the CLI's own overhead shows as a ratio.
 */
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { packageRoot } from "../src/provider/install";
import { appCommand, requireBuiltApp, synthEnv, synthesizedStacks, writeTeamsFile } from "./support/cdktf-app";
import { interleave } from "./support/interleave";
import { cpuTimes, describeMiB, type MeasuredRun, measuredRun, memoryProbe } from "./support/measured-run";
import type { BenchResult, Figure } from "./support/report";
import { describeMs, median, pairedRatio } from "./support/stats";

/** Issue #8: synthesizing 100 teams takes at most 3 × as long as one team. */
export const SYNTH_SCALE_TARGET = 3;

/** Stacks the app synthesizes besides one per team (CVP_GCP=off: platform and platform-gcp). */
const FIXED_STACKS = 2;

const plural = (n: number) => `${n} team${n === 1 ? "" : "s"}`;

export async function synthesisBench(teamCounts: readonly number[], reps: number, log: (line: string) => void): Promise<BenchResult> {
  requireBuiltApp();
  const counts = [...new Set([1, ...teamCounts])].sort((a, b) => a - b);
  const largest = counts[counts.length - 1];
  const work = mkdtempSync(join(tmpdir(), "synth-bench-"));
  const root = packageRoot();
  let runs = 0;
  try {
    const teamsFile = (n: number) => join(work, `teams-${n}.json`);
    for (const n of counts) writeTeamsFile(teamsFile(n), n);

    /** One app run into a fresh output folder; checks it wrote every stack. */
    const synthDirect = async (n: number): Promise<MeasuredRun> => {
      const outdir = join(work, `out-${runs++}`);
      try {
        const run = await measuredRun(appCommand(), [], { cwd: root, env: { ...synthEnv(outdir, teamsFile(n)), CVP_GCP: "off" }, shell: true });
        const stacks = synthesizedStacks(outdir).length;
        if (stacks !== n + FIXED_STACKS) throw new Error(`synthesizing ${plural(n)} wrote ${stacks} stacks, expected ${n + FIXED_STACKS}`);
        return run;
      } finally {
        rmSync(outdir, { recursive: true, force: true });
      }
    };

    const variants = Object.fromEntries(counts.map((n) => [`${n}`, () => synthDirect(n)])) as Record<string, () => Promise<MeasuredRun>>;
    const samples = await interleave(variants, { reps, warmups: 1, onRound: (round) => log(`synthesis: round ${round + 1}/${reps} (${counts.join(", ")} teams)`) });
    const ms = (n: number) => samples[`${n}`].map((r) => r.ms);
    const rss = (n: number) => samples[`${n}`].map((r) => r.maxRssKb);

    const figures: Figure[] = [];
    for (const n of counts.filter((c) => c > 1)) {
      const { ratio, low, high } = pairedRatio(ms(n), ms(1));
      figures.push({
        name: `synth time, ${plural(n)} vs 1 team`,
        ratio,
        target: n === largest ? SYNTH_SCALE_TARGET : undefined,
        detail: `${plural(n)} ${describeMs(ms(n))}; 1 team ${describeMs(ms(1))}; per-rep ratio ${low.toFixed(2)}–${high.toFixed(2)}`,
      });
    }
    const cpuLargest = cpuTimes(samples[`${largest}`]);
    const cpuOne = cpuTimes(samples["1"]);
    if (largest > 1 && cpuLargest && cpuOne) {
      // Less sensitive than wall time to other work on a shared machine (no waiting for a core).
      const { ratio, low, high } = pairedRatio(cpuLargest, cpuOne);
      figures.push({
        name: `CPU time (user + system), ${plural(largest)} vs 1 team`,
        ratio,
        detail: `${plural(largest)} ${describeMs(cpuLargest)}; 1 team ${describeMs(cpuOne)}; per-rep ratio ${low.toFixed(2)}–${high.toFixed(2)}`,
      });
    }
    const knownRss = (n: number) => rss(n).filter((kb): kb is number => kb !== undefined);
    if (largest > 1 && knownRss(largest).length > 0 && knownRss(1).length > 0) {
      figures.push({
        name: `peak memory (max RSS), ${plural(largest)} vs 1 team`,
        ratio: median(knownRss(largest)) / median(knownRss(1)),
        detail: `${plural(largest)} ${describeMiB(rss(largest))}; 1 team ${describeMiB(rss(1))}`,
      });
    }
    if (largest > 1) {
      // The slope leaves the fixed cost (node, cdktf, the platform stacks) out: what one more team
      // costs, against what the time target allows one more team: (target − 1) × one team / (N − 1).
      const t1 = median(ms(1));
      const slopeMs = (median(ms(largest)) - t1) / (largest - 1);
      const allowance = ((SYNTH_SCALE_TARGET - 1) * t1) / (largest - 1);
      const cpuSlope = cpuLargest && cpuOne ? `; CPU ${((median(cpuLargest) - median(cpuOne)) / (largest - 1)).toFixed(1)} ms per extra team against ${(((SYNTH_SCALE_TARGET - 1) * median(cpuOne)) / (largest - 1)).toFixed(1)} ms allowed` : "";
      const slopeKb = knownRss(largest).length > 0 && knownRss(1).length > 0 ? (median(knownRss(largest)) - median(knownRss(1))) / (largest - 1) : undefined;
      figures.push({
        name: `cost of one more team (slope 1 → ${largest}) vs what the ${SYNTH_SCALE_TARGET}× target allows one more team`,
        ratio: slopeMs / allowance,
        detail: `${slopeMs.toFixed(1)} ms per extra team against ${allowance.toFixed(1)} ms allowed (${SYNTH_SCALE_TARGET - 1} × the 1-team median / ${largest - 1})${cpuSlope}; ${slopeKb === undefined ? "unknown memory" : `${slopeKb.toFixed(0)} KiB`} per extra team; ${(median(ms(largest)) / largest).toFixed(1)} ms per team on average at ${plural(largest)}`,
      });
    }

    // The CLI once, between two direct runs of the same teams file.
    log("synthesis: one `npx cdktf synth` of 1 team between two direct runs");
    const before = await synthDirect(1);
    const cliHome = join(work, "cdktf-home");
    mkdirSync(cliHome);
    const cliOut = join(work, "cli-out");
    const cli = await measuredRun("npx", ["cdktf", "synth", "--output", cliOut], {
      cwd: root,
      env: { ...process.env, TEAMS_FILE: teamsFile(1), CVP_GCP: "off", CHECKPOINT_DISABLE: "1", DISABLE_VERSION_CHECK: "true", CDKTF_HOME: cliHome },
    });
    if (synthesizedStacks(cliOut).length !== 1 + FIXED_STACKS) throw new Error(`cdktf synth wrote ${synthesizedStacks(cliOut).join(", ")}`);
    const after = await synthDirect(1);
    const direct = (before.ms + after.ms) / 2;
    figures.push({
      name: "`npx cdktf synth` vs the app command it runs, 1 team (one run)",
      ratio: cli.ms / direct,
      detail: `cdktf synth ${cli.ms.toFixed(0)} ms, peak ${describeMiB([cli.maxRssKb])}; direct app run ${before.ms.toFixed(0)} ms before and ${after.ms.toFixed(0)} ms after (mean ${direct.toFixed(0)} ms), peak ${describeMiB([before.maxRssKb, after.maxRssKb])}; the CLI's own cost ≈ ${(cli.ms - direct).toFixed(0)} ms`,
    });

    return {
      title: "Synthesis",
      figures,
      notes: [
        `Each repetition runs \`${appCommand()}\` (cdktf.json's app) through the shell in the project root with the environment cdktf-cli gives it (CDKTF_OUTDIR a fresh folder, CDKTF_CONTEXT_JSON, NODE_OPTIONS=--max-old-space-size=4096, CVP_GCP=off), once per team count, interleaved after one warm-up round, ${reps} repetitions; each run must write ${FIXED_STACKS} platform stacks plus one per team. Teams files: stacks/teams.example.json with its first team (payments: budget, rate limit, fallback over two regions, three keys) repeated under unique names (bench/support/cdktf-app.ts). Time is spawn → exit, so it includes Node's start-up and module loading. Peak memory: ${memoryProbe()}.`,
        "The CLI row is one `npx cdktf synth --output <tmp>` (npx, cdktf-cli start-up, the app, reading the manifest back), CHECKPOINT_DISABLE=1 and DISABLE_VERSION_CHECK=true, between two direct app runs; one run, so indicative only.",
      ],
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
