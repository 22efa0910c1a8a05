/**
 * The real Claude Code CLI for the real-client suite: a pinned version from npm, installed once
 * into a cache outside the repository (~/.cache/claude-vertex-portkey/claude-code/<version>,
 * reused while it answers `--version` with that version), and run the way
 * claude-code-gateway.md's recipe runs it: a clean environment (like `env -i`) with a minimal
 * PATH and HOME, `CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC=1 CLAUDE_CODE_MAX_RETRIES=0`,
 * `-p … --output-format json`, stdin closed. It is spawned, never run synchronously: the
 * emulator it talks to serves from the test's own process.
 *
 * Managed settings: Claude Code 2.1.330 reads them only from the OS's folder
 * (/etc/claude-code on Linux; its binary has no override for that path, checked with
 * `strings`). Writing /etc would change every Claude Code on the machine, so a managed case
 * runs the client in its own user + mount namespace (`unshare -Urm`) whose /etc is an overlay
 * adding the test's claude-code folder; where that is not allowed the case is skipped, saying so.
 */
import { type SpawnOptions, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { dirname, join } from "node:path";

export const CLAUDE_CODE_VERSION = "2.1.330";

/** PATH for the client: git (it looks for the repository root) and, for managed cases, unshare/mount. */
export const CLIENT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

export function cacheDir(version = CLAUDE_CODE_VERSION): string {
  const base = process.env.XDG_CACHE_HOME || join(homedir(), ".cache");
  return join(base, "claude-vertex-portkey", "claude-code", version);
}

const binIn = (dir: string) => join(dir, "node_modules", ".bin", "claude");

function answersVersion(bin: string, version: string): boolean {
  if (!existsSync(bin)) return false;
  const home = mkdtempSync(join(tmpdir(), "cvp-claude-version-"));
  try {
    const result = spawnSync(bin, ["--version"], { encoding: "utf8", timeout: 30_000, env: { PATH: CLIENT_PATH, HOME: home } });
    return result.status === 0 && result.stdout.includes(version);
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

export type Install = { readonly bin: string; readonly installedMs?: number } | { readonly unavailable: string };

/**
 * The cached client, or a fresh install. npm writes into a temporary folder beside the cache
 * that is renamed into place, so a run killed halfway (or two runs at once) never leaves a
 * half-installed cache behind. Synchronous on purpose: it runs while the suite is collected.
 */
export function installClaudeCode(version = CLAUDE_CODE_VERSION): Install {
  const dir = cacheDir(version);
  if (answersVersion(binIn(dir), version)) return { bin: binIn(dir) };
  mkdirSync(dirname(dir), { recursive: true });
  const staging = mkdtempSync(`${dir}.installing-`);
  const started = performance.now();
  const npm = spawnSync("npm", ["install", "--prefix", staging, "--no-save", "--no-audit", "--no-fund", "--loglevel=error", `@anthropic-ai/claude-code@${version}`], {
    encoding: "utf8",
    timeout: 600_000,
  });
  const installedMs = Math.round(performance.now() - started);
  if (npm.status !== 0 || !answersVersion(binIn(staging), version)) {
    rmSync(staging, { recursive: true, force: true });
    const why = npm.error?.message ?? npmError(npm.stderr || npm.stdout) ?? `exit ${npm.status}`;
    return { unavailable: `npm install @anthropic-ai/claude-code@${version} failed: ${why}` };
  }
  rmSync(dir, { recursive: true, force: true });
  try {
    renameSync(staging, dir);
  } catch {
    rmSync(staging, { recursive: true, force: true }); // another run put its install in place first
  }
  return answersVersion(binIn(dir), version) ? { bin: binIn(dir), installedMs } : { unavailable: `the installed client in ${dir} does not answer --version` };
}

/** npm's error code and its one-line reason (`npm error code ECONNREFUSED`, `… failed, reason: …`), without the stack. */
function npmError(output: string): string | undefined {
  const lines = output.split("\n").map((line) => line.replace(/^npm (error|ERR!)\s*/, "").trim());
  const picked = lines.filter((line) => /^code |reason:|^404|E[A-Z]+:/.test(line));
  return picked.length > 0 ? picked.slice(0, 2).join("; ") : lines.find(Boolean);
}

export interface ClientRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  /** The `--output-format json` result, when the client got that far. */
  readonly result?: { is_error: boolean; result: string; api_error_status: number | null };
}

export interface ClientOptions {
  readonly home: string;
  readonly cwd: string;
  /** Variables exported in the developer's shell. */
  readonly shell?: Record<string, string>;
  /** Extra command-line arguments (`--settings`, `--model`). */
  readonly args?: string[];
  /** Run with this folder overlaid as /etc (see managedOverlay). */
  readonly etcOverlay?: EtcOverlay;
}

export function runClient(bin: string, options: ClientOptions): Promise<ClientRun> {
  const env = {
    ...options.shell,
    PATH: CLIENT_PATH,
    HOME: options.home,
    CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: "1",
    CLAUDE_CODE_MAX_RETRIES: "0",
  };
  const argv = [bin, "-p", "say pong", "--output-format", "json", ...(options.args ?? [])];
  const [command, ...args] = options.etcOverlay ? overlayCommand(options.etcOverlay, argv) : argv;
  const spawnOptions: SpawnOptions = { cwd: options.cwd, env, stdio: ["ignore", "pipe", "pipe"] };
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, spawnOptions);
    let stdout = "";
    let stderr = "";
    const timer = setTimeout(() => child.kill("SIGKILL"), 60_000);
    child.stdout?.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      let result: ClientRun["result"];
      try {
        result = JSON.parse(stdout);
      } catch {
        result = undefined;
      }
      resolve({ code: code ?? -1, stdout, stderr, result });
    });
  });
}

/** An upper layer for /etc (`<root>/etc/claude-code/…` is what the client sees as /etc/claude-code/…). */
export interface EtcOverlay {
  readonly upper: string;
  readonly work: string;
  /** `<upper>/claude-code`: doctor's --managed-dir for the same files. */
  readonly managedDir: string;
}

export function etcOverlay(root: string): EtcOverlay {
  const upper = join(root, "etc");
  const work = join(root, "overlay-work");
  mkdirSync(join(upper, "claude-code"), { recursive: true });
  mkdirSync(work, { recursive: true });
  return { upper, work, managedDir: join(upper, "claude-code") };
}

function overlayCommand(overlay: EtcOverlay, argv: string[]): string[] {
  const mount = `mount -t overlay overlay -o lowerdir=/etc,upperdir=${overlay.upper},workdir=${overlay.work} /etc && exec "$@"`;
  return ["unshare", "-Urm", "sh", "-c", mount, "sh", ...argv];
}

/** Whether this machine lets the suite give the client a private /etc (else: why not). */
export function overlaySupport(root: string): true | string {
  const overlay = etcOverlay(root);
  writeFileSync(join(overlay.managedDir, "probe"), "ok");
  const [command, ...args] = overlayCommand(overlay, ["cat", "/etc/claude-code/probe"]);
  const check = spawnSync(command, args, { encoding: "utf8", env: { PATH: CLIENT_PATH }, timeout: 10_000 });
  rmSync(root, { recursive: true, force: true });
  if (check.status === 0 && check.stdout === "ok") return true;
  return `unshare -Urm with an overlay on /etc is not allowed here (${(check.error?.message ?? check.stderr ?? "").trim() || `exit ${check.status}`})`;
}
