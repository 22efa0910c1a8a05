/**
 * Run the terraform binary and collect its output. Asynchronous on purpose: callers often serve
 * the Portkey emulator from the same process, and a blocking spawn would starve it.
 */
import { spawn } from "node:child_process";

export interface TerraformRun {
  /** Exit code (-1 when killed). */
  readonly code: number;
  /** stdout and stderr, interleaved as they arrived. */
  readonly output: string;
}

export function runTerraform(cwd: string, args: string[], env: NodeJS.ProcessEnv, timeoutMs = 120_000): Promise<TerraformRun> {
  return new Promise((resolve, reject) => {
    const child = spawn("terraform", [...args, "-no-color"], { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, output });
    });
  });
}
