/**
 * Interrupt and restart. SIGINT reaches terraform (its whole process group, as Ctrl-C does) at a
 * few points of a large apply; the next apply must converge with state and emulator consistent
 * (nothing missing, no orphans, no duplicates). Then the emulator is restarted mid-apply from
 * its state file; the same apply (or the next) must converge.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type RunningEmulator, startEmulator } from "../src/cli/emulator";
import { checkConsistency } from "./support/consistency";
import type { BenchResult } from "./support/report";
import { providerStack, resourcesPerTeam } from "./support/team-set";
import { BENCH_ADMIN_KEY, createdSoFar, TerraformDir, tail } from "./support/terraform-dir";

/** Slow enough that the apply is still running at each interrupt point. */
const LATENCY_MS = 200;
/** Interrupt points: the fraction of resources created when SIGINT is sent (0 = while the first creates are in flight). */
const POINTS = [0, 0.3, 0.7];
const MAX_APPLIES = 3;
/** How long the 0 % point holds the first creates inside the emulator. */
const IN_FLIGHT_MS = 3000;

type Check = { name: string; ok: boolean; detail: string };

/** Apply until it succeeds (at most MAX_APPLIES), then check the plan is empty and state matches the emulator. */
async function converge(tf: TerraformDir, emulator: RunningEmulator, name: string, alreadyRun = 0): Promise<Check> {
  let applies = alreadyRun;
  let last = "";
  while (applies < MAX_APPLIES) {
    applies++;
    const result = await tf.run(["apply", "-auto-approve"]);
    if (result.code === 0) break;
    last = tail(result.output, 6);
    if (applies === MAX_APPLIES) return { name, ok: false, detail: `no convergence after ${applies} applies: ${last}` };
  }
  const plan = await tf.run(["plan", "-detailed-exitcode"]);
  const consistency = checkConsistency(tf.state(), emulator);
  const ok = plan.code === 0 && consistency.ok;
  return { name, ok, detail: `${applies} apply run(s) after the disruption; second plan ${plan.code === 0 ? "empty" : `exit ${plan.code}`}; ${consistency.summary}` };
}

async function interruptAt(teams: number, fraction: number): Promise<Check> {
  const emulator = await startEmulator({ adminKey: BENCH_ADMIN_KEY, latencyMs: LATENCY_MS });
  const tf = new TerraformDir();
  try {
    tf.configure(providerStack(teams, emulator.adminUrl));
    const total = teams * resourcesPerTeam();
    const wanted = Math.floor(total * fraction);
    // At 0 %, the first creates are held in the emulator for IN_FLIGHT_MS (it performs them after
    // the wait), and SIGINT comes while they are held: the write lands, the answer may not.
    if (wanted === 0) emulator.setFaults({ rules: [{ method: "POST", path: "/v1/**", fault: { kind: "latency", ms: IN_FLIGHT_MS } }] });
    const running = tf.start(["apply", "-auto-approve"]);
    const reached = await running.until((out) => (wanted === 0 ? out.includes("Creating...") : createdSoFar(out) >= wanted));
    if (wanted === 0) await new Promise((resolve) => setTimeout(resolve, IN_FLIGHT_MS / 3));
    running.interrupt();
    const interrupted = await running.done;
    emulator.setFaults({ rules: [] });
    // Requests the provider abandoned may still be sleeping in the emulator's latency: let them land.
    await new Promise((resolve) => setTimeout(resolve, IN_FLIGHT_MS));
    const inState = tf.state().resources.length;
    const at = `SIGINT after ${createdSoFar(interrupted.output)}/${total} created (exit ${interrupted.code}; ${inState} in state, ${checkConsistency(tf.state(), emulator).summary.replace(/^\d+ in state, /, "")} right after)`;
    if (!reached) return { name: `interrupt at ${fraction * 100} %`, ok: false, detail: `the apply ended before the interrupt point: ${at}` };
    const check = await converge(tf, emulator, `interrupt at ${fraction * 100} % of ${total}`);
    return { ...check, detail: `${at}; then ${check.detail}` };
  } finally {
    tf.remove();
    await emulator.close();
  }
}

async function restartMidApply(teams: number): Promise<Check> {
  const stateDir = mkdtempSync(join(tmpdir(), "emulator-state-"));
  const stateFile = join(stateDir, "state.json");
  let emulator = await startEmulator({ adminKey: BENCH_ADMIN_KEY, latencyMs: LATENCY_MS, stateFile });
  const port = Number(new URL(emulator.url).port);
  const tf = new TerraformDir();
  try {
    tf.configure(providerStack(teams, emulator.adminUrl));
    const total = teams * resourcesPerTeam();
    const running = tf.start(["apply", "-auto-approve"]);
    await running.until((out) => createdSoFar(out) >= Math.floor(total * 0.4));
    const createdAtRestart = createdSoFar(running.output);
    await emulator.close();
    await new Promise((resolve) => setTimeout(resolve, 500));
    emulator = await startEmulator({ adminKey: BENCH_ADMIN_KEY, latencyMs: LATENCY_MS, stateFile, port });
    const during = await running.done;
    const first = `restarted after ${createdAtRestart}/${total} created; the apply in flight exited ${during.code}`;
    const check = await converge(tf, emulator, `emulator restarted mid-apply (${total} resources)`, during.code === 0 ? 0 : 1);
    return { ...check, detail: `${first}; ${check.detail}` };
  } finally {
    tf.remove();
    await emulator.close();
    rmSync(stateDir, { recursive: true, force: true });
  }
}

export async function interruptBench(teams: number, log: (line: string) => void): Promise<BenchResult> {
  const checks: Check[] = [];
  for (const fraction of POINTS) {
    log(`interrupt: ${teams} teams, SIGINT at ${fraction * 100} %`);
    checks.push(await interruptAt(teams, fraction));
  }
  log(`interrupt: ${teams} teams, emulator restart mid-apply`);
  checks.push(await restartMidApply(teams));
  return {
    title: `Interrupt and restart, ${teams} teams`,
    figures: [],
    checks,
    notes: [
      `The emulator adds ${LATENCY_MS} ms per request so the apply is still running at each point. "0 %" holds the first creates in the emulator for ${IN_FLIGHT_MS / 1000} s (performed after the wait) and sends SIGINT ${IN_FLIGHT_MS / 3000} s after the first "Creating...", so writes are in flight. At 30 % and 70 % with parallelism 10, later creates are in flight too when the stack has more than 10 resources. After each disruption \`terraform apply\` re-runs until it succeeds (at most ${MAX_APPLIES} runs), then a plan must be empty and the emulator must hold exactly the objects in state. The restart closes the emulator (dropping open connections), waits 0.5 s and starts it on the same port from its state file while the apply keeps running.`,
    ],
  };
}
