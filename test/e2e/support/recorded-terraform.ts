/**
 * Like ./terraform.ts (the shared harness), for the suites that need more of the run on record:
 * the emulator persists its state to a file (so a test can read the secrets it issued, which
 * its inspection API masks), its own log is kept (in memory and next to that file), every
 * terraform output is kept, variables come from `TF_VAR_*`, and a whole-stack apply can be
 * re-run until it converges.
 */
import { spawn } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { type RunningEmulator, startEmulator } from "../../../src/cli/emulator";
import { emulatorState, type EmulatorState } from "../../../src/cli/emulator/state/records";
import { runTerraform } from "../../../src/cli/run-terraform";
import { bundledProviderPath, writeDevOverridesConfig } from "../../../src/provider/install";
import { ADMIN_KEY, emulatorLogger, recordRun, type TerraformResult } from "./terraform";
import { testDir } from "../../support/run-root";

export { ADMIN_KEY } from "./terraform";

export interface RecordedRun extends TerraformResult {
  readonly args: readonly string[];
}

export interface Convergence {
  /** `terraform apply` runs it took (1 = the first apply succeeded). */
  readonly applies: number;
  /** Every apply's output, the failed ones first. */
  readonly outputs: readonly string[];
}

export interface RecordedOptions {
  /** Extra environment for every terraform run, e.g. `TF_VAR_*`. */
  readonly env?: NodeJS.ProcessEnv;
  /** Seed of the emulator's fault PRNG. */
  readonly seed?: number;
}

export class RecordedTerraform {
  /** Everything terraform printed, run after run (stdout and stderr interleaved). */
  readonly transcript: RecordedRun[] = [];
  private plans = 0;
  private constructor(
    readonly dir: string,
    /** The emulator's own log lines (level, message and fields as JSON). */
    readonly emulatorLog: readonly string[],
    readonly emulator: RunningEmulator,
    private readonly emulatorStateFile: string,
    private readonly env: NodeJS.ProcessEnv,
  ) {}

  static async start(options: RecordedOptions = {}): Promise<RecordedTerraform> {
    const provider = bundledProviderPath();
    if (!existsSync(provider)) throw new Error(`The provider bundle ${provider} is missing: run \`npm run build\` before the tests.`);
    const dir = testDir("tf-recorded-");
    // Outside terraform's working directory: it is the emulator's database, not a project file.
    const stateFile = join(testDir("emulator-state-"), "state.json");
    const cliConfig = writeDevOverridesConfig(join(dir, ".terraformrc"), dirname(provider));
    const lines: string[] = [];
    const logger = emulatorLogger(join(dirname(stateFile), "emulator.log"), lines);
    const emulator = await startEmulator({ adminKey: ADMIN_KEY, port: 0, stateFile, seed: options.seed ?? 1, logger });
    const env = { ...process.env, ...options.env, CHECKPOINT_DISABLE: "1", TF_CLI_CONFIG_FILE: cliConfig, TF_IN_AUTOMATION: "1", PORTKEY_API_KEY: ADMIN_KEY };
    return new RecordedTerraform(dir, lines, emulator, stateFile, env);
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

  async run(args: string[], extraEnv: NodeJS.ProcessEnv = {}): Promise<RecordedRun> {
    const { code, output } = await runTerraform(this.dir, args, { ...this.env, ...extraEnv }, 170_000);
    const run = { args, status: code, output };
    this.transcript.push(run);
    recordRun(this.dir, args, code, output);
    return run;
  }

  /**
   * Run terraform in a process group of its own and kill the whole group (terraform and its
   * provider processes) with SIGKILL as soon as `killWhen` holds: a CI runner being killed.
   * Polled every 10 ms; resolves with the output so far and whether the kill happened.
   */
  async runKilled(args: string[], killWhen: () => boolean, giveUpMs = 170_000): Promise<RecordedRun & { killed: boolean }> {
    const child = spawn("terraform", [...args, "-no-color"], { cwd: this.dir, env: this.env, stdio: ["ignore", "pipe", "pipe"], detached: true });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    let killed = false;
    const kill = () => {
      try {
        process.kill(-(child.pid as number), "SIGKILL");
      } catch {
        // already gone
      }
    };
    const poll = setInterval(() => {
      if (!killed && killWhen()) {
        killed = true;
        kill();
      }
    }, 10);
    const timer = setTimeout(kill, giveUpMs);
    const code = await new Promise<number>((resolve, reject) => {
      child.on("error", reject);
      child.on("close", (status) => resolve(status ?? -1));
    });
    clearInterval(poll);
    clearTimeout(timer);
    const run = { args, status: code, output, killed };
    this.transcript.push(run);
    recordRun(this.dir, args, code, output);
    return run;
  }

  async expect(args: string[], expected = 0, extraEnv: NodeJS.ProcessEnv = {}): Promise<string> {
    const result = await this.run(args, extraEnv);
    if (result.status !== expected) throw new Error(`terraform ${args.join(" ")} exited ${result.status}, expected ${expected}:\n${result.output}`);
    return result.output;
  }

  /** `plan -detailed-exitcode`: 0 = no changes, 2 = changes. The binary plan is kept as `plan-<n>.tfplan`. */
  plan(extraEnv: NodeJS.ProcessEnv = {}): Promise<RecordedRun> {
    this.plans++;
    return this.run(["plan", "-detailed-exitcode", "-input=false", `-out=plan-${this.plans}.tfplan`], extraEnv);
  }

  /**
   * Apply, and apply again while terraform reports errors (what an operator or a CI retry
   * does after transient failures), at most `maxApplies` times in all.
   */
  async applyUntilConverged(maxApplies: number, extraEnv: NodeJS.ProcessEnv = {}): Promise<Convergence> {
    const outputs: string[] = [];
    for (let applies = 1; applies <= maxApplies; applies++) {
      const { status, output } = await this.run(["apply", "-auto-approve", "-input=false"], extraEnv);
      outputs.push(output);
      if (status === 0) return { applies, outputs };
    }
    throw new Error(`terraform apply did not converge in ${maxApplies} runs; the last said:\n${outputs.at(-1)}`);
  }

  file(name: string): string {
    return readFileSync(join(this.dir, name), "utf8");
  }

  /** The emulator's whole store, secrets in clear (its persisted database). */
  emulatorStore(): EmulatorState {
    return emulatorState.parse(JSON.parse(readFileSync(this.emulatorStateFile, "utf8")));
  }

  async close(): Promise<void> {
    await this.emulator.close();
  }
}
