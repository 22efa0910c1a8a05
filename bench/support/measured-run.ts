/**
 * Run a command to completion and measure its wall time (spawn → exit, in this process), its CPU
 * time and its peak resident memory: GNU `/usr/bin/time` reports the tree's user + system time and
 * the largest maxrss of the processes it waited for; without it, a `--require` preload makes every
 * Node process of the tree append its own `process.resourceUsage()` to a file on exit (Node
 * programs only). On a loaded shared machine CPU time moves less than wall time.
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { median } from "./stats";

const GNU_TIME = "/usr/bin/time";
/** maxrss KiB, user s, system s. */
const TIME_FORMAT = "%M %U %S";

export interface MeasuredRun {
  /** Spawn → exit, wall clock. */
  readonly ms: number;
  /** Peak resident set size of the largest process in the tree, KiB; undefined when unknown. */
  readonly maxRssKb?: number;
  /** User + system CPU time of the process tree, ms; undefined when unknown. */
  readonly cpuMs?: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface RunOptions {
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  /** Run `command` through /bin/sh, as cdktf-cli runs the app command. @default false */
  readonly shell?: boolean;
  /** @default 5 minutes */
  readonly timeoutMs?: number;
}

/** Which probes this machine has, for the notes. */
export const memoryProbe = (): string =>
  hasGnuTime()
    ? "GNU `/usr/bin/time` (%M: the largest maxrss in the process tree; %U + %S: the tree's CPU time)"
    : "a `--require` preload writing each Node process's `process.resourceUsage()` on exit (largest maxRSS; CPU time summed)";

let gnuTime: boolean | undefined;
function hasGnuTime(): boolean {
  if (gnuTime === undefined) {
    gnuTime = false;
    if (existsSync(GNU_TIME)) {
      // busybox `time` has no -f/-o: try it once.
      const dir = mkdtempSync(join(tmpdir(), "bench-time-"));
      try {
        const out = join(dir, "rss");
        const probe = spawnSync(GNU_TIME, ["-f", TIME_FORMAT, "-o", out, "true"], { stdio: "ignore" });
        gnuTime = probe.status === 0 && /^\d+ [\d.]+ [\d.]+\s*$/.test(readFileSync(out, "utf8"));
      } catch {
        gnuTime = false;
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
  }
  return gnuTime;
}

/** Runs `command args` to completion; throws, with its output, unless it exits 0. */
export async function measuredRun(command: string, args: readonly string[], options: RunOptions): Promise<MeasuredRun> {
  const dir = mkdtempSync(join(tmpdir(), "bench-rss-"));
  const rssFile = join(dir, "rss");
  let env = options.env;
  let file = command;
  let argv = [...args];
  if (hasGnuTime()) {
    // time execs `sh -c` for shell commands itself, so the shell is inside the measured tree.
    argv = ["-f", TIME_FORMAT, "-o", rssFile, ...(options.shell ? ["/bin/sh", "-c", [command, ...args].join(" ")] : [command, ...args])];
    file = GNU_TIME;
  } else {
    const preload = join(dir, "rss-preload.js");
    writeFileSync(
      preload,
      `process.on("exit", () => { const u = process.resourceUsage(); require("node:fs").appendFileSync(${JSON.stringify(rssFile)}, \`\${u.maxRSS} \${u.userCPUTime / 1e6} \${u.systemCPUTime / 1e6}\\n\`); });\n`,
    );
    env = { ...env, NODE_OPTIONS: `${env.NODE_OPTIONS ?? ""} --require ${preload}`.trim() };
    if (options.shell) {
      argv = ["-c", [command, ...args].join(" ")];
      file = "/bin/sh";
    }
  }
  try {
    const t0 = process.hrtime.bigint();
    const { code, signal, stdout, stderr } = await new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((resolve, reject) => {
      const child = spawn(file, argv, { cwd: options.cwd, env, stdio: ["ignore", "pipe", "pipe"] });
      let out = "";
      let err = "";
      child.stdout.on("data", (chunk: Buffer) => {
        out += chunk.toString();
      });
      child.stderr.on("data", (chunk: Buffer) => {
        err += chunk.toString();
      });
      const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 5 * 60_000);
      child.once("error", (error) => {
        clearTimeout(timer);
        reject(error);
      });
      child.once("close", (c, s) => {
        clearTimeout(timer);
        resolve({ code: c, signal: s, stdout: out, stderr: err });
      });
    });
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    if (code !== 0) {
      throw new Error(`${[command, ...args].join(" ")} (in ${options.cwd}) exited ${code ?? signal}:\n${(stderr || stdout).slice(-3000)}`);
    }
    // One line per process (preload) or for the whole tree (GNU time): "maxrss user system".
    const samples = existsSync(rssFile)
      ? readFileSync(rssFile, "utf8")
          .split("\n")
          .map((line) => line.trim().split(/\s+/).map(Number))
          .filter((fields) => fields.length === 3 && fields.every(Number.isFinite))
      : [];
    if (samples.length === 0) return { ms, stdout, stderr };
    return { ms, maxRssKb: Math.max(...samples.map(([kb]) => kb)), cpuMs: samples.reduce((sum, [, user, system]) => sum + (user + system) * 1000, 0), stdout, stderr };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** "123 MiB (p25 …)" style summary of KiB samples, or "unknown". */
export function describeMiB(kbs: ReadonlyArray<number | undefined>): string {
  const known = kbs.filter((kb): kb is number => kb !== undefined).map((kb) => kb / 1024);
  if (known.length === 0) return "unknown";
  return `${median(known).toFixed(1)} MiB (min ${Math.min(...known).toFixed(1)}, max ${Math.max(...known).toFixed(1)}, n ${known.length})`;
}

/** The runs' CPU times, or undefined when any is unknown. */
export function cpuTimes(runs: readonly MeasuredRun[]): number[] | undefined {
  const cpu = runs.map((r) => r.cpuMs);
  return cpu.every((ms): ms is number => ms !== undefined) ? cpu : undefined;
}
