/**
 * `claude-vertex-portkey warm -- <command>` with the real terraform: every terraform run inside
 * the command reattaches to one provider process (none of its own: the dev_overrides point at an
 * empty folder), runs stay apart (two stacks, two Admin APIs, two admin keys, applied in
 * parallel), nothing is cached from one run to the next (an object deleted out of band between
 * two plans is planned again), and the command's exit code comes back.
 */
import { spawn } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { type RunningEmulator, startEmulator } from "../../src/cli/emulator";
import { writeDevOverridesConfig } from "../../src/provider/install";
import { testDir } from "../support/run-root";
import { emulatorLogger } from "./support/terraform";

jest.setTimeout(180_000);

const CLI = join(__dirname, "..", "..", "dist", "src", "cli", "main.js");
const KEYS = { a: "pk-admin-warm-a-4c1d9e", b: "pk-admin-warm-b-7f20aa" };

function stack(adminUrl: string, name: string): string {
  return `terraform {
  required_providers {
    portkeyadmin = { source = "terraform.local/claude-vertex-portkey/portkeyadmin" }
  }
}
variable "admin_key" {
  type      = string
  sensitive = true
}
provider "portkeyadmin" {
  base_url = "${adminUrl}"
  api_key  = var.admin_key
}
resource "portkeyadmin_workspace" "team" {
  name = "${name}"
}
resource "portkeyadmin_config" "claude" {
  name         = "${name}-claude"
  workspace_id = portkeyadmin_workspace.team.id
  strategy     = { mode = "single" }
  targets      = [{ provider = "@vertex-us" }]
}
`;
}

/** Runs `claude-vertex-portkey warm -- sh -c <script>` in `cwd`; resolves with exit code and output. */
function warm(cwd: string, script: string, env: NodeJS.ProcessEnv): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, "warm", "--", "sh", "-c", script], { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? -1, output }));
  });
}

describe("claude-vertex-portkey warm", () => {
  let root: string;
  let emulators: Record<"a" | "b", RunningEmulator>;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    root = testDir("warm-e2e-");
    emulators = {
      a: await startEmulator({ adminKey: KEYS.a, port: 0, logger: emulatorLogger(join(root, "emulator-a.log")) }),
      b: await startEmulator({ adminKey: KEYS.b, port: 0, logger: emulatorLogger(join(root, "emulator-b.log")) }),
    };
    for (const name of ["a", "b"] as const) {
      mkdirSync(join(root, name));
      writeFileSync(join(root, name, "main.tf"), stack(emulators[name].adminUrl, `warm-${name}`));
    }
    // No provider where terraform would look: a run that started its own would fail.
    mkdirSync(join(root, "no-provider-here"));
    const cliConfig = writeDevOverridesConfig(join(root, ".terraformrc"), join(root, "no-provider-here"));
    const { PORTKEY_API_KEY: _unused, TF_REATTACH_PROVIDERS: _outer, ...rest } = process.env;
    env = { ...rest, CHECKPOINT_DISABLE: "1", TF_CLI_CONFIG_FILE: cliConfig, TF_IN_AUTOMATION: "1", KEY_A: KEYS.a, KEY_B: KEYS.b };
  });

  afterAll(async () => {
    await emulators.a.close();
    await emulators.b.close();
  });

  const tf = (dir: "a" | "b", args: string) => `TF_VAR_admin_key="$KEY_${dir.toUpperCase()}" terraform -chdir=${dir} ${args} -input=false -no-color`;

  it("serves parallel applies of two stacks against two Admin APIs from one process, each with its own configuration", async () => {
    const script = `${tf("a", "apply -auto-approve")} > a.log 2>&1 & ${tf("b", "apply -auto-approve")} > b.log 2>&1 & wait %1 && wait %2 && ${tf("a", "plan -detailed-exitcode")} && ${tf("b", "plan -detailed-exitcode")}`;
    const { code, output } = await warm(root, script, env);
    expect({ code, output }).toMatchObject({ code: 0 });
    expect(output).toMatch(/No changes\.[\s\S]*No changes\./);
    expect(output).toMatch(/served \d+ connection\(s\) from terraform/);
    for (const name of ["a", "b"] as const) {
      const held = emulators[name].snapshot();
      expect(held.counts).toMatchObject({ workspaces: 1, configs: 1 });
      expect(held.workspaces.map((w) => w.name)).toEqual([expect.stringMatching(new RegExp(`warm-${name}$`))]); // the emulator prefixes an emoji, as Portkey does
    }
  });

  it("keeps nothing from one run to the next: an object deleted between two plans is planned again", async () => {
    const slug = String(emulators.a.snapshot().configs[0]?.slug);
    const response = await fetch(`${emulators.a.adminUrl}/configs/${slug}`, { method: "DELETE", headers: { "x-portkey-api-key": KEYS.a } });
    expect(response.status).toBe(200);
    const { code, output } = await warm(root, `${tf("a", "plan -detailed-exitcode")}; echo "plan exit $?"`, env);
    expect(code).toBe(0);
    expect(output).toContain("Plan: 1 to add, 0 to change, 0 to destroy.");
    expect(output).toContain("plan exit 2");
  });

  it("returns the command's exit code, and fails plainly when the command cannot run", async () => {
    expect((await warm(root, "exit 3", env)).code).toBe(3);
    const missing = await new Promise<number>((resolve) => {
      spawn(process.execPath, [CLI, "warm", "--", "no-such-command-cvp"], { env, stdio: "ignore" }).on("close", (code) => resolve(code ?? -1));
    });
    expect(missing).toBe(127);
  });

  it("inside another warm command, reuses its provider instead of starting a second one", async () => {
    const { code, output } = await warm(root, `echo "outer=$TF_REATTACH_PROVIDERS"; node ${JSON.stringify(CLI)} warm -- sh -c 'echo "inner=$TF_REATTACH_PROVIDERS"'`, env);
    expect(code).toBe(0);
    const outer = /outer=(.*)/.exec(output)?.[1];
    expect(outer).toContain('"Test":true');
    expect(/inner=(.*)/.exec(output)?.[1]).toBe(outer);
    expect(output.match(/served \d+ connection/g)).toHaveLength(1);
  });
});
