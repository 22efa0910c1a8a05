/**
 * Drives the real `terraform` binary against the bundled provider (dev_overrides, no init) and
 * a fresh emulator. Fails, never skips, when terraform or the bundle is missing: run
 * `npm run build` first.
 */
import { spawnSync } from "node:child_process";
import { appendFileSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { type RunningEmulator, startEmulator } from "../../../src/cli/emulator";
import { runTerraform } from "../../../src/cli/run-terraform";
import type { LogFields, Logger } from "../../../src/portkey/log";
import { bundledProviderPath, writeDevOverridesConfig } from "../../../src/provider/install";
import { testDir } from "../../support/run-root";

export const ADMIN_KEY = "pk-admin-e2e-0f3b9c1d2e";

/** The part of terraform.tfstate the suites read. */
export interface TerraformStateFile {
  resources: { type: string; name: string; instances: { attributes: Record<string, unknown> }[] }[];
}

export interface TerraformResult {
  readonly status: number;
  readonly output: string;
}

/**
 * An emulator logger that appends to `file` (and to `lines`, when given): what the emulator said
 * stays on disk for the secret scan of the run's artifacts.
 */
export function emulatorLogger(file: string, lines?: string[]): Logger {
  return {
    isEnabled: () => true,
    log: (level: string, message: string, fields: LogFields = {}) => {
      const line = `${level} ${message} ${JSON.stringify(fields)}`;
      lines?.push(line);
      appendFileSync(file, `${line}\n`);
    },
  };
}

/**
 * Appends one terraform run's arguments, exit status and output to `terraform-runs.log` in
 * `dir`. Not the output of `terraform output` and `show -json`: they print sensitive values
 * because they were asked to (the state and the binary plan they read are kept and scanned).
 */
export function recordRun(dir: string, args: readonly string[], status: number, output: string): void {
  const revealing = args[0] === "output" || (args[0] === "show" && args.includes("-json"));
  const kept = revealing ? `(${output.length} characters not kept: \`terraform ${args[0]}\` prints sensitive values on request)` : output;
  appendFileSync(join(dir, "terraform-runs.log"), `$ terraform ${args.join(" ")}  (exit ${status})\n${kept}\n`);
}

export class TerraformWorkspace {
  private readonly env: NodeJS.ProcessEnv;
  private plans = 0;

  private constructor(
    /** The working directory; it also keeps the emulator's log and every run's output, for the secret scan. */
    readonly dir: string,
    readonly emulator: RunningEmulator,
  ) {
    const provider = bundledProviderPath();
    if (!existsSync(provider)) throw new Error(`The provider bundle ${provider} is missing: run \`npm run build\` before the tests.`);
    const cliConfig = writeDevOverridesConfig(join(this.dir, ".terraformrc"), dirname(provider));
    this.env = { ...process.env, CHECKPOINT_DISABLE: "1", TF_CLI_CONFIG_FILE: cliConfig, TF_IN_AUTOMATION: "1", PORTKEY_API_KEY: ADMIN_KEY };
  }

  static async start(): Promise<TerraformWorkspace> {
    const check = spawnSync("terraform", ["version"], { encoding: "utf8" });
    if (check.status !== 0) throw new Error("terraform is not on PATH: the end-to-end tests need Terraform 1.11.x");
    const dir = testDir("tf-e2e-");
    return new TerraformWorkspace(dir, await startEmulator({ adminKey: ADMIN_KEY, port: 0, logger: emulatorLogger(join(dir, "emulator.log")) }));
  }

  /** Write main.tf: the provider block pointing at the emulator, then `body`. */
  configure(body: string): void {
    writeFileSync(
      join(this.dir, "main.tf"),
      `terraform {
  required_providers {
    portkeyadmin = { source = "terraform.local/claude-vertex-portkey/portkeyadmin" }
  }
}
provider "portkeyadmin" {
  base_url = "${this.emulator.adminUrl}"
}
${body}
`,
    );
  }

  async run(args: string[], extraEnv: NodeJS.ProcessEnv = {}): Promise<TerraformResult> {
    const { code, output } = await runTerraform(this.dir, args, { ...this.env, ...extraEnv });
    recordRun(this.dir, args, code, output);
    return { status: code, output };
  }

  async expect(args: string[], expected = 0, extraEnv: NodeJS.ProcessEnv = {}): Promise<string> {
    const result = await this.run(args, extraEnv);
    if (result.status !== expected) throw new Error(`terraform ${args.join(" ")} exited ${result.status}, expected ${expected}:\n${result.output}`);
    return result.output;
  }

  apply(): Promise<string> {
    return this.expect(["apply", "-auto-approve", "-input=false"]);
  }

  /**
   * `plan -detailed-exitcode`: 0 = no changes, 2 = changes. The binary plan is kept as
   * `plan-<n>.tfplan` in the working directory, for the secret scan of the run's artifacts.
   */
  plan(): Promise<TerraformResult> {
    this.plans++;
    return this.run(["plan", "-detailed-exitcode", "-input=false", `-out=plan-${this.plans}.tfplan`]);
  }

  /** The attributes terraform.tfstate holds for the first instance of `type` (and `name`); {} when absent. */
  attributes(type: string, name?: string): Record<string, unknown> {
    const state = JSON.parse(readFileSync(join(this.dir, "terraform.tfstate"), "utf8")) as TerraformStateFile;
    return state.resources.find((r) => r.type === type && (name === undefined || r.name === name))?.instances[0]?.attributes ?? {};
  }

  async admin(method: string, path: string, body?: unknown): Promise<{ status: number; json: unknown }> {
    const response = await fetch(`${this.emulator.adminUrl}${path}`, {
      method,
      headers: { "x-portkey-api-key": ADMIN_KEY, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, json: text ? JSON.parse(text) : undefined };
  }

  async close(): Promise<void> {
    await this.emulator.close();
  }
}
