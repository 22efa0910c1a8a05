/**
 * End to end with the real `terraform` binary: a bundled fixture provider installed through
 * dev_overrides answers `terraform providers schema -json`, with AutoMTLS and in plaintext,
 * and exits cleanly when Terraform calls Shutdown.
 *
 * Without terraform on PATH these tests are skipped locally but FAIL when CI=true.
 */
import { execFile, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { bundleProvider } from "../../../src/provider/bundle";
import { PROVIDER_SOURCE, writeDevOverridesConfig } from "../../../src/provider/install";
import { MAGIC_COOKIE_VALUE } from "../../../src/provider/transport/goplugin/env";
import { removeTestDir, testDir } from "../../support/run-root";

const SOURCE = PROVIDER_SOURCE;
const terraformFound = spawnSync("terraform", ["version"], { env: { ...process.env, CHECKPOINT_DISABLE: "1" } }).status === 0;
const required = process.env.CI === "true";
const describeWithTerraform = terraformFound || required ? describe : describe.skip;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }): Promise<Run> {
  return new Promise((resolve) => {
    execFile(command, args, { ...options, timeout: 20_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === "number" ? error.code : null) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/** Running, i.e. neither gone nor a zombie waiting for a reaper (containers often lack one). */
function isRunning(pid: number): boolean {
  try {
    return !/^State:\s+Z/m.test(readFileSync(`/proc/${pid}/status`, "utf8"));
  } catch {
    return false;
  }
}

async function eventually(check: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return check();
}

let root: string;
let binary: string;
/** Provider processes the tests started directly, killed at the end if a failed test left one behind. */
const started: number[] = [];

beforeAll(async () => {
  root = testDir("transport-e2e-");
  binary = join(root, "bin", "terraform-provider-portkeyadmin");
  await bundleProvider(join(__dirname, "fixtures", "fixture-provider.ts"), binary);
}, 30_000);

afterAll(() => {
  for (const pid of started) if (pid > 0 && isRunning(pid)) process.kill(pid, "SIGKILL");
  if (root) removeTestDir(root);
});

describe("the bundled provider as a process", () => {
  const pluginEnv = { ...process.env, TF_PLUGIN_MAGIC_COOKIE: MAGIC_COOKIE_VALUE, TF_LOG: "", TF_LOG_PROVIDER: "" };

  it("refuses to run when started by hand (no magic cookie): message on stderr, exit 1", async () => {
    const env = { ...process.env };
    delete env.TF_PLUGIN_MAGIC_COOKIE;
    const result = await run(binary, [], { cwd: root, env });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/This program is a Terraform provider plugin/);
  });

  it("ignores SIGINT (Terraform sends StopProvider), exits 0 on SIGTERM and removes its socket dir", async () => {
    const child = spawn(binary, [], { env: pluginEnv, stdio: ["ignore", "pipe", "ignore"] });
    started.push(child.pid ?? 0);
    const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
    const line = await new Promise<string>((resolve) => child.stdout.once("data", (d: Buffer) => resolve(d.toString())));
    const socket = line.split("|")[3] ?? "";
    expect(existsSync(socket)).toBe(true);
    child.kill("SIGINT");
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(child.exitCode).toBeNull();
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(existsSync(dirname(socket))).toBe(false);
  });

  it("exits when its parent dies without calling Shutdown (a SIGKILLed terraform)", async () => {
    const parent = spawn("sh", ["-c", `"${binary}" & echo "pid=$!"; wait`], { env: pluginEnv, stdio: ["ignore", "pipe", "ignore"] });
    let out = "";
    parent.stdout.on("data", (d: Buffer) => {
      out += d.toString();
    });
    // Both the shell and the provider write to this pipe: wait for the pid and the handshake.
    expect(await eventually(() => /pid=\d+/.test(out) && out.includes("|grpc"), 5000)).toBe(true);
    const pid = Number(/pid=(\d+)/.exec(out)?.[1]);
    started.push(pid);
    expect(isRunning(pid)).toBe(true);
    parent.kill("SIGKILL");
    expect(await eventually(() => !isRunning(pid), 3000)).toBe(true);
  });
});

describeWithTerraform("the bundled provider under the real terraform", () => {
  let cliConfig: string;

  beforeAll(() => {
    if (!terraformFound) throw new Error("terraform is not on PATH, and CI=true requires these end-to-end tests to run");
    cliConfig = writeDevOverridesConfig(join(root, "cli.tfrc"), dirname(binary));
  });

  const modes: [string, NodeJS.ProcessEnv][] = [
    ["AutoMTLS", {}],
    ["plaintext (TF_DISABLE_PLUGIN_TLS=1)", { TF_DISABLE_PLUGIN_TLS: "1" }],
  ];

  it.each(modes)("answers `terraform providers schema -json` and exits gracefully: %s", async (_mode, extraEnv) => {
    const dir = mkdtempSync(join(root, "work-"));
    writeFileSync(
      join(dir, "main.tf"),
      `terraform {\n  required_providers {\n    portkeyadmin = { source = "${SOURCE}" }\n  }\n}\n`,
    );
    const env: NodeJS.ProcessEnv = { ...process.env, CHECKPOINT_DISABLE: "1", TF_CLI_CONFIG_FILE: cliConfig, TF_LOG: "debug", TF_LOG_PATH: "", ...extraEnv };
    delete env.TF_LOG_PROVIDER;
    const result = await run("terraform", ["providers", "schema", "-json"], { cwd: dir, env });

    expect(result.code).toBe(0);
    const schemas = JSON.parse(result.stdout);
    expect(schemas.provider_schemas[SOURCE].provider).toEqual({
      version: 0,
      block: {
        attributes: {
          endpoint: { type: "string", description: "Where the fixture provider would connect.", description_kind: "plain", optional: true },
        },
        description: "Transport test fixture.",
        description_kind: "plain",
      },
    });
    expect(schemas.provider_schemas[SOURCE].resource_schemas).toBeUndefined();

    // Terraform re-logs our hclog lines, proving the JSON was parsed (not dumped raw).
    expect(result.stderr).toMatch(/provider\.terraform-provider-portkeyadmin: provider serving/);
    expect(result.stderr).toContain(`tls=${extraEnv.TF_DISABLE_PLUGIN_TLS ? "false" : "true"}`);
    expect(result.stderr).toMatch(/provider exiting: GRPCController\.Shutdown/);
    expect(result.stderr).not.toContain("plugin failed to exit gracefully");
    expect(result.stderr).toMatch(/plugin process exited/);

    const pid = Number(/plugin started: path=\S+ pid=(\d+)/.exec(result.stderr)?.[1]);
    expect(pid).toBeGreaterThan(0);
    expect(isRunning(pid)).toBe(false);
    const socket = /provider serving: .*address=(\S+)/.exec(result.stderr)?.[1] ?? "";
    expect(socket).toMatch(/plugin\.sock$/);
    expect(existsSync(dirname(socket))).toBe(false);
  }, 30_000);
});
