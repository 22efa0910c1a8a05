/**
 * Fault run: 30 % of Admin API requests fail (429 with Retry-After, 503, resets, responses
 * dropped after the write, latency; seeded) on the N-team stack. The apply must converge (re-runs
 * allowed, counted), a second plan must be empty, and the emulator must hold exactly what state
 * says: no duplicates, no orphans. Attempts and time are compared with a fault-free run of the
 * same stack, measured side by side.
 */
import { startEmulator } from "../src/cli/emulator";
import { checkConsistency } from "./support/consistency";
import { faultMix } from "./support/fault-mix";
import { timed } from "./support/interleave";
import type { BenchResult } from "./support/report";
import { providerStack } from "./support/team-set";
import { BENCH_ADMIN_KEY, TerraformDir, tail } from "./support/terraform-dir";

export const FAULT_RATE = 0.3;
/** Applies allowed before the run counts as not converging. */
export const MAX_APPLIES = 4;

interface Outcome {
  readonly ms: number;
  readonly requests: number;
  readonly faults: number;
  readonly applies: number;
  readonly converged: boolean;
  readonly planEmpty: boolean;
  readonly consistency: { ok: boolean; summary: string };
  readonly lastError: string;
}

async function applyStack(teams: number, faulted: boolean): Promise<Outcome> {
  const emulator = await startEmulator({ adminKey: BENCH_ADMIN_KEY, ...(faulted ? { faults: faultMix(FAULT_RATE, 8) } : {}) });
  const tf = new TerraformDir();
  try {
    tf.configure(providerStack(teams, emulator.adminUrl));
    let applies = 0;
    let converged = false;
    let lastError = "";
    const { ms } = await timed(async () => {
      while (!converged && applies < MAX_APPLIES) {
        applies++;
        const result = await tf.run(["apply", "-auto-approve"]);
        converged = result.code === 0;
        if (!converged) lastError = tail(result.output, 12);
      }
    });
    const requests = emulator.requests();
    // The second plan runs with the faults still on: reading back must survive them too.
    const plan = await tf.run(["plan", "-detailed-exitcode"]);
    emulator.setFaults({ rules: [] });
    return {
      ms,
      requests: requests.length,
      faults: requests.filter((r) => r.fault !== undefined).length,
      applies,
      converged,
      planEmpty: plan.code === 0,
      consistency: checkConsistency(tf.state(), emulator),
      lastError: plan.code === 0 ? lastError : tail(plan.output, 12),
    };
  } finally {
    tf.remove();
    await emulator.close();
  }
}

export async function faultBench(teams: number, log: (line: string) => void): Promise<BenchResult> {
  log(`faults: ${teams} teams fault-free`);
  const clean = await applyStack(teams, false);
  log(`faults: ${teams} teams with ${FAULT_RATE * 100} % faults`);
  const faulted = await applyStack(teams, true);
  return {
    title: `Fault run: ${FAULT_RATE * 100} % injected faults, ${teams} teams`,
    figures: [
      { name: "requests sent: faulted vs fault-free", ratio: faulted.requests / clean.requests, detail: `${faulted.requests} requests (${faulted.faults} answered with a fault or dropped) vs ${clean.requests}` },
      { name: "time to converge: faulted vs fault-free", ratio: faulted.ms / clean.ms, detail: `${faulted.ms.toFixed(0)} ms over ${faulted.applies} apply run(s) vs ${clean.ms.toFixed(0)} ms` },
    ],
    checks: [
      { name: "apply converges", ok: faulted.converged, detail: `${faulted.applies} apply run(s) (at most ${MAX_APPLIES} allowed)` },
      { name: "second plan is empty (faults still on)", ok: faulted.planEmpty, detail: faulted.planEmpty ? "no changes" : "changes or an error" },
      { name: "emulator matches state", ok: faulted.consistency.ok, detail: faulted.consistency.summary },
      { name: "fault-free run matches state", ok: clean.converged && clean.planEmpty && clean.consistency.ok, detail: clean.consistency.summary },
    ],
    notes: [
      `Fault mix (bench/support/fault-mix.ts, seed 8): of all Admin API requests, ${FAULT_RATE * 100} % get a fault, in equal shares: 429 with Retry-After 1 s, 503, connection reset before the request is performed, response dropped after the request was performed, 500 ms extra latency. Faults counted above are the ones the log records (latency is not a logged fault). One run each: this is reliability evidence; the time ratio is indicative.`,
      ...(faulted.lastError ? ["", "Last failure seen (re-run or plan):", "```", faulted.lastError, "```"] : []),
    ],
  };
}
