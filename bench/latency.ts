/**
 * Apply under latency: the emulator adds 100 ms to every request. The lower bound for the
 * latency part of an apply is the larger of the dependency graph's critical path (in requests,
 * each waiting for the previous) × latency and total requests / parallelism 10 × latency.
 * The request phase (first request sent → last answered, from the emulator's log) is compared
 * with the bound. Target ≤ 1.5×: no serialisation, no needless re-reads. The same apply at zero
 * latency runs interleaved for the whole-command context figures.
 */
import { type RequestRecord, startEmulator } from "../src/cli/emulator";
import { interleave, timed } from "./support/interleave";
import type { BenchResult, Figure } from "./support/report";
import { requestsByType } from "./support/request-kinds";
import { describeMs, median } from "./support/stats";
import { criticalPath, type TerraformState } from "./support/tf-state";
import { providerStack } from "./support/team-set";
import { BENCH_ADMIN_KEY, TerraformDir } from "./support/terraform-dir";

export const LATENCY_MS = 100;
export const LATENCY_TARGET = 1.5;
/** Terraform's default -parallelism. */
const PARALLELISM = 10;

interface Run {
  readonly applyMs: number;
  readonly planMs: number;
  /** First request sent → last request answered, per command: the part latency can stretch. */
  readonly applyPhase: RequestPhase;
  readonly planPhase: RequestPhase;
  readonly applyRequests: RequestRecord[];
  readonly planRequests: number;
  readonly state: TerraformState;
}

async function run(teams: number, latencyMs: number): Promise<Run> {
  const emulator = await startEmulator({ adminKey: BENCH_ADMIN_KEY, latencyMs });
  const tf = new TerraformDir();
  try {
    tf.configure(providerStack(teams, emulator.adminUrl));
    const apply = await timed(() => tf.apply());
    const applyRequests = emulator.requests();
    const plan = await timed(() => tf.plan());
    if (plan.value.code !== 0) throw new Error(`the plan after apply is not empty:\n${plan.value.output}`);
    const planRequests = emulator.requests().slice(applyRequests.length);
    return {
      applyMs: apply.ms,
      planMs: plan.ms,
      applyPhase: requestPhase(applyRequests),
      planPhase: requestPhase(planRequests),
      applyRequests,
      planRequests: planRequests.length,
      state: tf.state(),
    };
  } finally {
    tf.remove();
    await emulator.close();
  }
}

interface RequestPhase {
  /** First request's arrival → last request's answer. */
  readonly windowMs: number;
  /** Time inside the window with no request in flight: waiting on Terraform or the provider, not on the API. */
  readonly idleMs: number;
  /** Most requests in flight at once (Terraform's parallelism caps it at 10). */
  readonly maxInFlight: number;
}

/** The request phase of one command, from the emulator's log (arrival = answer time − duration). */
function requestPhase(records: readonly RequestRecord[]): RequestPhase {
  if (records.length === 0) return { windowMs: 0, idleMs: 0, maxInFlight: 0 };
  const spans = records.map((r) => [Date.parse(r.at) - r.durationMs, Date.parse(r.at)] as const).sort((a, b) => a[0] - b[0]);
  let idleMs = 0;
  let reach = spans[0][1];
  for (const [start, end] of spans) {
    if (start > reach) idleMs += start - reach;
    reach = Math.max(reach, end);
  }
  const maxInFlight = Math.max(...spans.map(([start]) => spans.filter(([s, e]) => s <= start && e > start).length));
  return { windowMs: reach - spans[0][0], idleMs, maxInFlight };
}

/** Requests per create of each resource type: that type's requests over its instance count. */
function requestsPerCreate(requests: readonly RequestRecord[], state: TerraformState): (type: string) => number {
  const byType = requestsByType(requests, 0);
  return (type) => {
    const instances = state.resources.filter((r) => r.type === type).length;
    const sent = [...(byType.get(type)?.values() ?? [])].reduce((a, b) => a + b, 0);
    return instances === 0 ? 0 : sent / instances;
  };
}

export async function latencyBench(teams: number, reps: number, log: (line: string) => void): Promise<BenchResult> {
  const samples = await interleave({ slow: () => run(teams, LATENCY_MS), fast: () => run(teams, 0) }, { reps, onRound: (round) => log(`latency: ${teams} teams, round ${round + 1}/${reps}`) });
  const sample = samples.slow[0];
  const total = sample.applyRequests.length;
  const critical = criticalPath(sample.state, requestsPerCreate(sample.applyRequests, sample.state));
  const applyBound = Math.max(critical, total / PARALLELISM) * LATENCY_MS;
  // A refresh is one GET per resource, all independent: the critical path is one request.
  const planBound = Math.max(1, sample.planRequests / PARALLELISM) * LATENCY_MS;

  const figures: Figure[] = [];
  for (const [op, bound, window, whole] of [
    ["apply", applyBound, (r: Run) => r.applyPhase, (r: Run) => r.applyMs],
    ["plan (refresh)", planBound, (r: Run) => r.planPhase, (r: Run) => r.planMs],
  ] as const) {
    const phases = samples.slow.map(window);
    const windows = phases.map((p) => p.windowMs);
    const slow = samples.slow.map(whole);
    const fast = samples.fast.map(whole);
    const added = slow.map((s, i) => s - fast[i]);
    figures.push({
      name: `${op}, ${teams} teams at ${LATENCY_MS} ms: request phase vs the lower bound`,
      ratio: median(windows) / bound,
      target: LATENCY_TARGET,
      detail: `bound ${bound.toFixed(0)} ms; first request sent → last answered ${describeMs(windows)}; of which no request in flight ${describeMs(phases.map((p) => p.idleMs))}; at most ${Math.max(...phases.map((p) => p.maxInFlight))} in flight`,
    });
    figures.push({
      name: `${op}, ${teams} teams: time the latency added (vs the same at 0 ms, interleaved) vs the lower bound`,
      ratio: median(added) / bound,
      detail: `added ${describeMs(added)}; ${LATENCY_MS} ms: ${describeMs(slow)}; 0 ms: ${describeMs(fast)}. Noisy: the difference of two whole runs`,
    });
    figures.push({
      name: `${op}, ${teams} teams: whole command at ${LATENCY_MS} ms vs the lower bound`,
      ratio: median(slow) / bound,
      detail: "includes Terraform's and the provider's fixed cost, which the scale benchmark compares with Terraform's floor",
    });
  }
  return {
    title: `Apply under ${LATENCY_MS} ms latency`,
    figures,
    notes: [
      `Apply: ${total} requests for ${sample.state.resources.length} resources; critical path ${critical.toFixed(1)} requests (dependency graph from the state file, each resource weighted by its type's requests per create); bound = max(${critical.toFixed(1)}, ${total} / ${PARALLELISM}) × ${LATENCY_MS} ms = ${applyBound.toFixed(0)} ms.`,
      `Plan: ${sample.planRequests} requests; bound = max(1, ${sample.planRequests} / ${PARALLELISM}) × ${LATENCY_MS} ms = ${planBound.toFixed(0)} ms.`,
      "The target applies to the request phase (the emulator's log: first request's arrival → last request's answer), the part of the command that latency stretches; the bound covers only waiting on requests, not Terraform's start-up and graph walk. The whole-command figures are shown for context.",
    ],
  };
}
