/**
 * Starts the bundled provider in warm mode (`--warm`) with this same Node, and waits for the line
 * that says where it listens.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { bundledProviderPath } from "../../provider/install/address";
import { parseWarmHandshake, type WarmEndpoint } from "./reattach-env";

export const START_TIMEOUT_MS = 15_000;

export interface WarmProvider extends WarmEndpoint {
  readonly child: ChildProcess;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves when it has exited. */
  stop(graceMs?: number): Promise<void>;
}

export function startWarmProvider(env: NodeJS.ProcessEnv, providerPath: string = bundledProviderPath(), timeoutMs = START_TIMEOUT_MS): Promise<WarmProvider> {
  // stderr is inherited: the provider's own warnings and its summary line reach the terminal.
  const child = spawn(process.execPath, [providerPath, "--warm"], { env, stdio: ["ignore", "pipe", "inherit"] });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const stop = async (graceMs = 5_000) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
    await exited;
    clearTimeout(timer);
  };
  return new Promise((resolve, reject) => {
    let buffered = "";
    const fail = (why: string) => {
      clearTimeout(timer);
      void stop(0);
      reject(new Error(`the warm provider (${providerPath}) did not start: ${why}`));
    };
    const timer = setTimeout(() => fail(`no address line within ${timeoutMs / 1000} s`), timeoutMs);
    child.once("error", (error) => fail(error.message));
    const onEarlyExit = (code: number | null, signal: NodeJS.Signals | null) => fail(`it exited (${signal ?? `code ${code}`}) before saying where it listens`);
    child.once("exit", onEarlyExit);
    const onData = (chunk: Buffer) => {
      buffered += chunk.toString("utf8");
      const newline = buffered.indexOf("\n");
      if (newline < 0) return;
      clearTimeout(timer);
      child.off("exit", onEarlyExit);
      child.stdout?.off("data", onData);
      child.stdout?.resume(); // nothing else is written there; keep the pipe drained
      try {
        resolve({ ...parseWarmHandshake(buffered.slice(0, newline), child.pid ?? 0), child, stop });
      } catch (error) {
        void stop(0);
        reject(error);
      }
    };
    child.stdout?.on("data", onData);
  });
}
