/**
 * Admin API requests per resource per operation, from the emulator's request log. Each
 * operation runs on its own (`-refresh=false`, so an apply does not refresh first): create, refresh
 * (a plan of an up-to-date stack), update (every resource's mutable attribute changed),
 * destroy. Flags any type that sends more than the operation needs.
 */
import { startEmulator } from "../src/cli/emulator";
import type { BenchResult, Figure } from "./support/report";
import { expectedRequests, lastSeq, type Operation, OPERATIONS, requestsByType } from "./support/request-kinds";
import { providerStack } from "./support/team-set";
import { BENCH_ADMIN_KEY, TerraformDir } from "./support/terraform-dir";
import type { TerraformState } from "./support/tf-state";

export const REQUEST_TEAMS = 3;

interface Row {
  readonly type: string;
  readonly operation: Operation;
  readonly instances: number;
  readonly methods: Map<string, number>;
}

export async function requestsBench(): Promise<BenchResult> {
  const emulator = await startEmulator({ adminKey: BENCH_ADMIN_KEY });
  const tf = new TerraformDir();
  const rows: Row[] = [];
  try {
    /** Run `work`, then attribute the requests it caused to resource types; instances from the state with the resources. */
    const measure = async (operation: Operation, work: () => Promise<unknown>, counted: "before" | "after") => {
      const before = tf.state();
      const since = lastSeq(emulator.requests());
      await work();
      const state: TerraformState = counted === "before" ? before : tf.state();
      const instances = new Map<string, number>();
      for (const r of state.resources) instances.set(r.type, (instances.get(r.type) ?? 0) + 1);
      const byType = requestsByType(emulator.requests(), since);
      for (const type of new Set([...instances.keys(), ...byType.keys()])) {
        rows.push({ type, operation, instances: instances.get(type) ?? 0, methods: byType.get(type) ?? new Map() });
      }
    };
    tf.configure(providerStack(REQUEST_TEAMS, emulator.adminUrl));
    await measure("create", () => tf.apply(["-refresh=false"]), "after");
    await measure("refresh", () => tf.expect(["plan", "-detailed-exitcode"]), "after");

    tf.configure(providerStack(REQUEST_TEAMS, emulator.adminUrl, 1));
    await measure("update", () => tf.apply(["-refresh=false"]), "after");
    if ((await tf.plan()).code !== 0) throw new Error("the plan after the update pass is not empty");

    await measure("destroy", () => tf.expect(["destroy", "-auto-approve", "-refresh=false"]), "before");
  } finally {
    tf.remove();
    await emulator.close();
  }

  const table = ["| Resource type | Operation | Requests per resource | By method (total) | Expected | Verdict |", "|---|---|---|---|---|---|"];
  const figures: Figure[] = [];
  for (const operation of OPERATIONS) {
    let sent = 0;
    let expected = 0;
    for (const row of rows.filter((r) => r.operation === operation)) {
      const total = [...row.methods.values()].reduce((a, b) => a + b, 0);
      const perResource = row.instances === 0 ? total : total / row.instances;
      // The update pass leaves some types unchanged (the shared integration): those need nothing.
      const unchanged = operation === "update" && total === 0;
      const want = row.instances === 0 || unchanged ? 0 : expectedRequests(row.type, operation, row.instances);
      const gets = row.methods.get("GET") ?? 0;
      const excess = total > want || (operation === "refresh" && row.instances > 0 && gets > row.instances);
      const methods = [...row.methods].map(([method, count]) => `${method} ${count}`).join(", ") || "none";
      table.push(`| ${row.type} | ${operation} | ${perResource.toFixed(2)} | ${methods} | ${row.instances === 0 ? 0 : (want / row.instances).toFixed(2)} | ${excess ? "EXCESS" : "OK"} |`);
      sent += total;
      expected += want;
    }
    figures.push({ name: `${operation}: requests sent vs needed`, ratio: expected === 0 ? 0 : sent / expected, target: 1, detail: `${sent} sent, ${expected} needed for ${REQUEST_TEAMS} teams` });
  }
  return {
    title: "Admin API requests per resource per operation",
    figures,
    notes: [
      `${REQUEST_TEAMS} teams; create, update and destroy run with \`-refresh=false\` (no refresh inside), refresh is a plan of the up-to-date stack. Needed: create = one write + one read-back, refresh = one GET, update = one write + one read-back (PUTs answer \`{}\`; nothing for a resource the update pass leaves unchanged), destroy = one DELETE; per-type exceptions in bench/support/request-kinds.ts. test/e2e/request-counts.e2e.test.ts fails when a resource sends more.`,
      "",
      ...table,
    ],
  };
}
