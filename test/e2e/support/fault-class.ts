/**
 * The fault-class reliability harness: one emulator and one terraform working directory per
 * suite file holding every resource type; each case starts from nothing, runs its faulted phase,
 * then applies without faults until it converges (at most 3 applies), and checks 0 duplicates,
 * exactly the objects of a clean apply, an empty second plan, and 0 orphans after destroy.
 * Problems are collected, not thrown, so one failure message lists every one of them.
 */
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { ObjectCounts } from "../../../src/cli/emulator";
import { FAKE_SERVICE_ACCOUNT } from "../../fixtures/fake-service-account";
import { allTypesStack, SEEDED_USER_EMAIL, SERVICE_ACCOUNT_VARIABLE } from "./all-types-stack";
import { ADMIN_KEY, RecordedTerraform } from "./recorded-terraform";

const MAX_CONVERGING_APPLIES = 3;

/** The emulator's object counts, with pending invites and workspace memberships. */
export type SuiteCounts = ObjectCounts & { pendingInvites: number; memberships: number };

export interface FaultSuite {
  readonly tf: RecordedTerraform;
  /** What a clean apply of the stack leaves in the emulator. */
  readonly expected: SuiteCounts;
}

export function suiteCounts(tf: RecordedTerraform): SuiteCounts {
  const members = tf.emulator.members();
  return { ...tf.emulator.counts(), pendingInvites: members.invites.filter((item) => item.status === "pending").length, memberships: members.members.length };
}

export async function startFaultSuite(): Promise<FaultSuite> {
  const tf = await RecordedTerraform.start({ env: { [`TF_VAR_${SERVICE_ACCOUNT_VARIABLE}`]: JSON.stringify(FAKE_SERVICE_ACCOUNT) } });
  await fresh(tf);
  await tf.expect(["apply", "-auto-approve", "-input=false"]);
  const expected = suiteCounts(tf);
  await tf.expect(["destroy", "-auto-approve", "-input=false"]);
  const left = orphans(tf);
  if (left.length > 0) throw new Error(`a clean destroy of the all-types stack leaves ${left.join(", ")}`);
  return { tf, expected };
}

/**
 * Forget every object and the terraform state; make the org user the membership names (invited
 * and accepted, as a developer would); write the stack (with a request timeout if given).
 */
export async function fresh(tf: RecordedTerraform, timeoutMs?: number): Promise<void> {
  tf.emulator.reset();
  const invited = await fetch(`${tf.emulator.adminUrl}/admin/users/invites`, {
    method: "POST",
    headers: { "x-portkey-api-key": ADMIN_KEY, "content-type": "application/json" },
    body: JSON.stringify({ email: SEEDED_USER_EMAIL, role: "member" }),
  });
  const { id } = (await invited.json()) as { id: string };
  tf.emulator.acceptInvite(id);
  for (const name of ["terraform.tfstate", "terraform.tfstate.backup", ".terraform.tfstate.lock.info"]) rmSync(join(tf.dir, name), { force: true });
  writeFileSync(join(tf.dir, "main.tf"), allTypesStack(tf.emulator.adminUrl, timeoutMs));
}

export const apply = (tf: RecordedTerraform) => tf.run(["apply", "-auto-approve", "-input=false"]);

/**
 * Run one case: `faulted` does the damage (it may return problems of its own), then faults
 * stop and the convergence checks run. Returns every problem found, prefixed with `name`.
 */
export async function runCase(suite: FaultSuite, name: string, faulted: () => Promise<string[] | undefined>, timeoutMs?: number): Promise<string[]> {
  const { tf } = suite;
  await fresh(tf, timeoutMs);
  const problems = (await faulted()) ?? [];
  tf.emulator.setFaults({ rules: [] });
  let converged = false;
  let last = "";
  for (let run = 0; run < MAX_CONVERGING_APPLIES && !converged; run++) {
    const result = await apply(tf);
    converged = result.status === 0;
    last = result.output;
  }
  if (!converged) problems.push(`did not converge in ${MAX_CONVERGING_APPLIES} applies without faults; the last said: ${errorLines(last)}`);
  for (const group of tf.emulator.duplicates()) problems.push(`duplicate ${group.kind} ${group.naturalKey}: ${group.ids.join(", ")}`);
  const counts = suiteCounts(tf);
  for (const [kind, want] of Object.entries(suite.expected)) {
    const have = counts[kind as keyof SuiteCounts];
    if (have !== want) problems.push(`${kind}: ${have} in the emulator, the configuration makes ${want}`);
  }
  const plan = await tf.plan();
  if (plan.status !== 0) problems.push(`second plan not empty (exit ${plan.status}): ${changeLines(plan.output)}`);
  const destroy = await tf.run(["destroy", "-auto-approve", "-input=false"]);
  if (destroy.status !== 0) problems.push(`destroy failed: ${errorLines(destroy.output)}`);
  for (const orphan of orphans(tf)) problems.push(`orphan after destroy: ${orphan}`);
  return problems.map((problem) => `${name}: ${problem}`);
}

/** Every live object left in the emulator, as `kind id`. */
export function orphans(tf: RecordedTerraform): string[] {
  const s = tf.emulator.snapshot();
  const members = tf.emulator.members();
  return [
    ...s.workspaces.map((o) => `workspace ${o.id}`),
    ...s.integrations.map((o) => `integration ${o.slug}`),
    ...s.providers.map((o) => `provider ${o.slug}`),
    ...s.configs.map((o) => `config ${o.slug}`),
    ...s.apiKeys.map((o) => `api-key ${o.id}`),
    ...s.policies.filter((o) => o.status !== "archived").map((o) => `policy ${o.id}`),
    ...members.invites.filter((o) => o.status === "pending").map((o) => `invite ${o.id}`),
    ...members.members.map((o) => `membership ${JSON.stringify(o)}`),
  ];
}

const errorLines = (output: string): string =>
  output
    .split("\n")
    .filter((line) => /Error|error:/.test(line))
    .slice(0, 4)
    .join(" | ") || output.slice(-300);

const changeLines = (output: string): string =>
  output
    .split("\n")
    .filter((line) => /will be|must be replaced|Error/.test(line))
    .slice(0, 6)
    .join(" | ");

/** Fail with every problem of every case listed, one a line. */
export function expectNoProblems(problems: readonly string[], cases: number): void {
  if (problems.length > 0) throw new Error(`${problems.length} problem(s) in ${cases} case(s):\n${problems.join("\n")}`);
}
