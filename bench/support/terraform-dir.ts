/**
 * A throwaway Terraform working directory wired to this worktree's bundled provider through
 * dev_overrides (no `terraform init`). Terraform runs asynchronously (src/cli/run-terraform.ts):
 * the emulator serves from this same process and a blocking spawn would starve it.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { runTerraform, type TerraformRun } from "../../src/cli/run-terraform";
import { bundledProviderPath, writeDevOverridesConfig } from "../../src/provider/install";
import { type TerraformState, parseState } from "./tf-state";

/** The admin key every bench emulator expects (a made-up value, never a real key). */
export const BENCH_ADMIN_KEY = "pk-admin-bench-5e1f0a9c";

/** Generous: a faulted 50-team apply sleeps through many Retry-After seconds. */
const TIMEOUT_MS = 15 * 60_000;

export class TerraformDir {
  readonly dir = mkdtempSync(join(tmpdir(), "tf-bench-"));
  readonly env: NodeJS.ProcessEnv;

  /** `extraEnv`: e.g. TF_REATTACH_PROVIDERS of a warm provider. */
  constructor(extraEnv: NodeJS.ProcessEnv = {}) {
    const provider = bundledProviderPath();
    if (!existsSync(provider)) throw new Error(`The provider bundle ${provider} is missing: run \`npm run build\` before \`npm run bench\`.`);
    const cliConfig = writeDevOverridesConfig(join(this.dir, ".terraformrc"), dirname(provider));
    this.env = { ...process.env, CHECKPOINT_DISABLE: "1", TF_CLI_CONFIG_FILE: cliConfig, TF_IN_AUTOMATION: "1", PORTKEY_API_KEY: BENCH_ADMIN_KEY, ...extraEnv };
  }

  /** Replace main.tf. */
  configure(mainTf: string): void {
    writeFileSync(join(this.dir, "main.tf"), mainTf);
  }

  run(args: string[]): Promise<TerraformRun> {
    return runTerraform(this.dir, [...args, "-input=false"], this.env, TIMEOUT_MS);
  }

  /** Run and throw, with the output, unless terraform exits with one of `codes`. */
  async expect(args: string[], codes: readonly number[] = [0]): Promise<TerraformRun> {
    const result = await this.run(args);
    if (!codes.includes(result.code)) throw new Error(`terraform ${args.join(" ")} in ${this.dir} exited ${result.code}:\n${tail(result.output)}`);
    return result;
  }

  apply(extra: string[] = []): Promise<TerraformRun> {
    return this.expect(["apply", "-auto-approve", ...extra]);
  }

  /** `plan -detailed-exitcode`: 0 no changes, 2 changes; anything else throws. */
  plan(extra: string[] = []): Promise<TerraformRun> {
    return this.expect(["plan", "-detailed-exitcode", ...extra], [0, 2]);
  }

  /** Start terraform in its own process group, so `interrupt()` reaches it the way Ctrl-C does. */
  start(args: string[]): InterruptibleRun {
    return new InterruptibleRun(spawn("terraform", [...args, "-input=false", "-no-color"], { cwd: this.dir, env: this.env, detached: true, stdio: ["ignore", "pipe", "pipe"] }));
  }

  state(): TerraformState {
    const file = join(this.dir, "terraform.tfstate");
    return existsSync(file) ? parseState(readFileSync(file, "utf8")) : { resources: [] };
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

export class InterruptibleRun {
  output = "";
  readonly done: Promise<TerraformRun>;
  private readonly listeners: Array<() => void> = [];

  constructor(private readonly child: ChildProcess) {
    const collect = (chunk: Buffer) => {
      this.output += chunk.toString();
      for (const listener of this.listeners) listener();
    };
    child.stdout?.on("data", collect);
    child.stderr?.on("data", collect);
    this.done = new Promise((resolve, reject) => {
      child.on("error", reject);
      child.on("close", (code) => resolve({ code: code ?? -1, output: this.output }));
    });
  }

  /** Resolves when `predicate(output)` holds (checked on every chunk), or when terraform ends first. */
  until(predicate: (output: string) => boolean): Promise<boolean> {
    return new Promise((resolve) => {
      const check = () => {
        if (predicate(this.output)) resolve(true);
      };
      this.listeners.push(check);
      check();
      void this.done.then(() => resolve(predicate(this.output)));
    });
  }

  /** SIGINT to terraform's process group, as Ctrl-C in a terminal. */
  interrupt(): void {
    if (this.child.pid !== undefined && this.child.exitCode === null) process.kill(-this.child.pid, "SIGINT");
  }
}

export const tail = (text: string, lines = 40): string => text.split("\n").slice(-lines).join("\n");

/** Number of `Creation complete` lines: resources created so far in a running apply. */
export const createdSoFar = (output: string): number => (output.match(/: Creation complete after/g) ?? []).length;
