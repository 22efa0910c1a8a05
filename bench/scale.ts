/**
 * Plan and apply at scale: N teams of the per-team resource set against the in-process
 * emulator, interleaved with two floors without any provider: the same number of bare
 * `terraform_data` resources, and the same configuration and reference graph as
 * `terraform_data` (support/same-graph.ts: the part of the time that is Terraform's own).
 * The provider runs two ways: cold (Terraform starts it 3–4 times per command, what a lone
 * `terraform plan` pays) and warm (one provider started before the rounds, every command
 * reattaching to it: what `claude-vertex-portkey warm -- …` gives a CI job with many stacks).
 * Targets (issue 17) against the same-graph floor: one team (what CI runs per team stack) plan
 * and apply ≤ 3×; the largest N (50 by default) plan ≤ 2×, apply ≤ 1.2×; and the cost per team
 * flat from 10 to 50 teams.
 */
import { startEmulator } from "../src/cli/emulator";
import { REATTACH_VAR, reattachValue } from "../src/cli/warm/reattach-env";
import { startWarmProvider } from "../src/cli/warm/start-warm-provider";
import { interleave, timed } from "./support/interleave";
import type { BenchResult, Figure } from "./support/report";
import { describeMs, median, pairedRatio } from "./support/stats";
import { sameGraphStack } from "./support/same-graph";
import { floorStack, providerStack, resourcesPerTeam } from "./support/team-set";
import { BENCH_ADMIN_KEY, TerraformDir } from "./support/terraform-dir";

/** Against the same-graph floor, at the largest team count and for one team. */
export const PLAN_TARGET = 2;
export const APPLY_TARGET = 1.2;
export const ONE_TEAM_TARGET = 3;
/** Per-team cost at the largest N over the per-team cost at 10 teams: "flat" within noise. */
export const PER_TEAM_TARGET = 1.2;

interface Timing {
  readonly apply: number;
  readonly plan: number;
}

/** Apply a fresh stack, then plan it again (refresh of every resource; must show no changes). */
async function applyThenPlan(mainTf: string, extraEnv: NodeJS.ProcessEnv = {}): Promise<Timing> {
  const tf = new TerraformDir(extraEnv);
  try {
    tf.configure(mainTf);
    const apply = await timed(() => tf.apply());
    const plan = await timed(() => tf.plan());
    if (plan.value.code !== 0) throw new Error(`the plan after apply is not empty in ${tf.dir}:\n${plan.value.output}`);
    return { apply: apply.ms, plan: plan.ms };
  } finally {
    tf.remove();
  }
}

export async function scaleBench(teamCounts: readonly number[], reps: number, log: (line: string) => void): Promise<BenchResult> {
  const emulator = await startEmulator({ adminKey: BENCH_ADMIN_KEY });
  const warm = await startWarmProvider({ ...process.env, CHECKPOINT_DISABLE: "1", PORTKEY_API_KEY: BENCH_ADMIN_KEY });
  const warmEnv = { [REATTACH_VAR]: reattachValue(warm, undefined) };
  const perTeam = resourcesPerTeam();
  const figures: Figure[] = [];
  const medians = new Map<number, { provider: Timing; floor: Timing; graph: Timing }>();
  const largest = Math.max(...teamCounts);
  try {
    for (const [position, teams] of [...teamCounts].sort((a, b) => a - b).entries()) {
      const samples = await interleave(
        {
          provider: () => {
            emulator.reset();
            return applyThenPlan(providerStack(teams, emulator.adminUrl));
          },
          warm: () => {
            emulator.reset();
            return applyThenPlan(providerStack(teams, emulator.adminUrl), warmEnv);
          },
          floor: () => applyThenPlan(floorStack(teams * perTeam)),
          graph: () => applyThenPlan(sameGraphStack(providerStack(teams, emulator.adminUrl))),
        },
        { reps, warmups: position === 0 ? 1 : 0, onRound: (round) => log(`scale: ${teams} teams, round ${round + 1}/${reps}`) },
      );
      const pick = (variant: Timing[], key: keyof Timing) => variant.map((t) => t[key]);
      for (const op of ["plan", "apply"] as const) {
        const provider = pick(samples.provider, op);
        const floor = pick(samples.floor, op);
        const graph = pick(samples.graph, op);
        const warmed = pick(samples.warm, op);
        const label = `${op}, ${teams} team${teams === 1 ? "" : "s"} (${teams * perTeam} resources)`;
        const sameGraph = pairedRatio(provider, graph);
        const target = teams === largest ? (op === "plan" ? PLAN_TARGET : APPLY_TARGET) : teams === 1 ? ONE_TEAM_TARGET : undefined;
        figures.push({
          name: `${label}: provider vs terraform_data with the same config and graph`,
          ratio: sameGraph.ratio,
          target,
          detail: `provider ${describeMs(provider)}; same-graph terraform_data ${describeMs(graph)}; per-rep ratio ${sameGraph.low.toFixed(2)}–${sameGraph.high.toFixed(2)}`,
        });
        const warmGraph = pairedRatio(warmed, graph);
        figures.push({
          name: `${label}: warm provider (\`warm\`, reattached) vs terraform_data with the same config and graph`,
          ratio: warmGraph.ratio,
          target,
          detail: `warm provider ${describeMs(warmed)}; per-rep ratio ${warmGraph.low.toFixed(2)}–${warmGraph.high.toFixed(2)}; cold over warm ${pairedRatio(provider, warmed).ratio.toFixed(2)}×`,
        });
        const bare = pairedRatio(provider, floor);
        figures.push({
          name: `${label}: provider vs bare terraform_data`,
          ratio: bare.ratio,
          detail: `bare terraform_data ${describeMs(floor)}; per-rep ratio ${bare.low.toFixed(2)}–${bare.high.toFixed(2)}; the same-graph floor is ${pairedRatio(graph, floor).ratio.toFixed(2)}× the bare one (Terraform's own cost of this configuration and graph)`,
        });
      }
      const medianOf = (variant: Timing[]): Timing => ({ apply: median(pick(variant, "apply")), plan: median(pick(variant, "plan")) });
      medians.set(teams, { provider: medianOf(samples.provider), floor: medianOf(samples.floor), graph: medianOf(samples.graph) });
    }
  } finally {
    await warm.stop();
    await emulator.close();
  }

  // "From 10 to 50": the smallest count of at least 10 against the largest.
  const from = [...medians.keys()].filter((n) => n >= 10).sort((a, b) => a - b)[0];
  if (from !== undefined && from < largest) {
    for (const op of ["plan", "apply"] as const) {
      const at = (n: number, variant: "provider" | "floor") => medians.get(n)?.[variant][op] ?? 0;
      const small = at(from, "provider") / from;
      const big = at(largest, "provider") / largest;
      figures.push({
        name: `${op} cost per team, ${largest} vs ${from} teams`,
        ratio: big / small,
        target: PER_TEAM_TARGET,
        // The slope leaves out every fixed cost (start-ups, configure, exit); noisy when the fixed cost dominates.
        detail: `${small.toFixed(1)} ms/team at ${from} teams, ${big.toFixed(1)} ms/team at ${largest} teams (provider median / teams); slope ${((at(largest, "provider") - at(from, "provider")) / (largest - from)).toFixed(1)} ms per extra team (terraform_data: ${((at(largest, "floor") - at(from, "floor")) / (largest - from)).toFixed(1)})`,
      });
    }
  }
  return {
    title: "Plan and apply at scale",
    figures,
    notes: [
      `Each repetition applies a fresh working directory against a reset emulator, then plans it again (a refresh of every resource; the plan must be empty). ${perTeam} resource(s) per team today (bench/support/team-set.ts); the bare floor has the same number of \`terraform_data\` resources, the same-graph floor the same resources as \`terraform_data\` with the same values and references (bench/support/same-graph.ts). "Warm" is one provider process started once before the rounds (\`claude-vertex-portkey warm\`, src/cli/warm/) that every command of that variant reattaches to; "provider" (cold) is Terraform starting its own 3–4 processes per command. Targets are against the same-graph floor: one team (what CI runs per team stack) ≤ ${ONE_TEAM_TARGET}× plan and apply; the largest count plan ≤ ${PLAN_TARGET}×, apply ≤ ${APPLY_TARGET}×. All four variants run interleaved in each round, so a slow moment of the machine hits them alike; the floors' absolute times still vary from run to run with the machine's load (compare the ratios).`,
    ],
  };
}
