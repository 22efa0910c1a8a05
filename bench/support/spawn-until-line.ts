/** Spawn a program and time it until its first line on stdout (a plugin's handshake line). */
import { spawn } from "node:child_process";

export interface Started {
  readonly ms: number;
  readonly pid: number;
  readonly line: string;
  stop(): Promise<void>;
}

export function spawnUntilLine(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<Started> {
  const t0 = process.hrtime.bigint();
  const child = spawn(command, args, { env, stdio: ["ignore", "pipe", "ignore"] });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const newline = out.indexOf("\n");
      if (newline < 0) return;
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      child.stdout.removeAllListeners("data");
      resolve({
        ms,
        pid: child.pid ?? 0,
        line: out.slice(0, newline),
        stop: () => {
          if (child.exitCode === null) child.kill("SIGTERM");
          return exited;
        },
      });
    });
    child.once("error", reject);
    child.once("exit", (code) => {
      if (!out.includes("\n")) reject(new Error(`${command} exited (${code}) before printing a line`));
    });
  });
}
