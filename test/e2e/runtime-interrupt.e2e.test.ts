/**
 * Ctrl-C during a slow apply, with the real terraform and the bundled provider: terraform
 * answers SIGINT with StopProvider; the provider cancels what can be cancelled, lets a create
 * whose request is already out finish (its answer carries the new object's id), and exits with
 * terraform. The state stays true to the API and the next apply converges without duplicates.
 *
 * SIGINT goes to terraform's whole process group, as a terminal's Ctrl-C does, so the provider
 * processes receive it too (and must ignore it).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";
import { ADMIN_KEY, TerraformWorkspace } from "./support/terraform";

jest.setTimeout(120_000);

const LATENCY_MS = 1500;

const teams = (count: number, description: string) =>
  Array.from(
    { length: count },
    (_, i) => `
resource "portkeyadmin_workspace" "team_${i}" {
  name        = "interrupt-team-${i}"
  description = "${description}"
}
`,
  ).join("");

interface Interrupted {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly output: string;
  /** SIGINT → terraform's exit. */
  readonly exitMs: number;
  /** Whether any process of terraform's group (its providers) outlived it, checked 1 s after. */
  readonly orphans: boolean;
}

/**
 * Starts `terraform apply` in its own process group and sends SIGINT to the group once `ready`
 * matches the output `times` times (plus `settleMs`, so the provider's request is at the API).
 */
function applyAndInterrupt(tf: TerraformWorkspace, args: string[], ready: RegExp, times: number, settleMs = 300): Promise<Interrupted> {
  const env = {
    ...process.env,
    CHECKPOINT_DISABLE: "1",
    TF_CLI_CONFIG_FILE: join(tf.dir, ".terraformrc"),
    TF_IN_AUTOMATION: "1",
    PORTKEY_API_KEY: ADMIN_KEY,
  };
  // detached: a new process group (setsid), so -pid addresses terraform and its provider children.
  const child: ChildProcess = spawn("terraform", [...args, "-no-color"], { cwd: tf.dir, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  const group = child.pid ?? 0;
  let output = "";
  let sentAt = 0n;
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (sentAt === 0n && (output.match(new RegExp(ready.source, "g")) ?? []).length >= times) {
        sentAt = -1n;
        setTimeout(() => {
          sentAt = process.hrtime.bigint();
          process.kill(-group, "SIGINT");
        }, settleMs);
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("error", reject);
    child.once("close", (code, signal) => {
      const exitMs = sentAt > 0n ? Number(process.hrtime.bigint() - sentAt) / 1e6 : Number.NaN;
      setTimeout(() => resolve({ code, signal, output, exitMs, orphans: groupAlive(group) }), 1000);
    });
  });
}

function groupAlive(group: number): boolean {
  try {
    process.kill(-group, 0);
    return true;
  } catch {
    return false;
  }
}

describe("Ctrl-C during a slow apply", () => {
  let tf: TerraformWorkspace;
  const workspaces = () => tf.emulator.counts().workspaces;
  const stateList = async () => (await tf.expect(["state", "list"])).split("\n").filter((line) => line.startsWith("portkeyadmin_workspace."));

  beforeAll(async () => {
    tf = await TerraformWorkspace.start();
  });
  afterAll(async () => {
    await tf?.close();
  });

  it("stops creating, records every workspace it created, and the next apply creates the rest without duplicates", async () => {
    const before = workspaces();
    tf.configure(teams(6, "created"));
    tf.emulator.setFaults({ latencyMs: LATENCY_MS });

    const run = await applyAndInterrupt(tf, ["apply", "-auto-approve", "-input=false", "-parallelism=2"], /: Creating\.\.\./, 2);

    expect(run.output).toContain("Interrupt received");
    expect(run.code).not.toBe(0);
    expect(run.orphans).toBe(false);
    // A create in flight takes a POST and a GET at LATENCY_MS each; nothing new starts after the stop.
    expect(run.exitMs).toBeLessThan(3 * LATENCY_MS);
    const created = workspaces() - before;
    expect(created).toBeGreaterThan(0);
    expect(created).toBeLessThan(6);
    // Consistent: every workspace the API holds is in the state, and no other.
    expect(await stateList()).toHaveLength(created);
    console.log(`interrupted create: terraform exited ${run.exitMs.toFixed(0)} ms after SIGINT; ${created} of 6 created`);

    tf.emulator.setFaults({ rules: [] });
    expect(await tf.apply()).toContain(`${6 - created} added`);
    expect(workspaces() - before).toBe(6);
    expect(tf.emulator.duplicates()).toEqual([]);
    expect((await tf.plan()).status).toBe(0);
  });

  it("cancels in-flight updates at once, and the next apply converges", async () => {
    tf.configure(teams(6, "updated"));
    // Only the updates are slow: the refresh before them is quick.
    tf.emulator.setFaults({ rules: [{ method: "PUT", path: "/v1/admin/workspaces/:id", fault: { kind: "latency", ms: 4 * LATENCY_MS } }] });

    const run = await applyAndInterrupt(tf, ["apply", "-auto-approve", "-input=false", "-parallelism=2"], /: Modifying\.\.\./, 2);

    expect(run.output).toContain("Interrupt received");
    expect(run.code).not.toBe(0);
    expect(run.orphans).toBe(false);
    // The PUTs still had 5.7 s to go: the provider aborted them instead of waiting.
    expect(run.output).not.toContain("Modifications complete");
    expect(run.exitMs).toBeLessThan(2 * LATENCY_MS);
    console.log(`interrupted update: terraform exited ${run.exitMs.toFixed(0)} ms after SIGINT`);

    tf.emulator.setFaults({ rules: [] });
    await tf.apply();
    expect((await tf.plan()).status).toBe(0);
    expect(tf.emulator.duplicates()).toEqual([]);
    expect(await stateList()).toHaveLength(6);
  });
});
