/**
 * Where Claude Code looks for each settings layer, for one working directory. Every rule here was
 * observed with the real client, Claude Code 2.1.330 (`-p` mode against a loopback gateway;
 * ../shared/docs/claude-code-gateway.md), and matches Anthropic's settings docs where they speak:
 * - managed: `managed-settings.json` in the OS's system folder, then `managed-settings.d/*.json`
 *   in the same folder, merged in name order over it (a drop-in wins over the base file);
 * - user: `$CLAUDE_CONFIG_DIR/settings.json` when that variable is set, else `~/.claude/settings.json`;
 * - project: `<cwd>/.claude/settings.json`, the working directory only: not its parents, and not
 *   the git root when Claude Code starts in a subdirectory of a repository;
 * - local: `<git root>/.claude/settings.local.json` when Claude Code starts inside a repository
 *   you own and that file exists, else `<cwd>/.claude/settings.local.json`.
 */
import { existsSync, lstatSync, readdirSync, statSync } from "node:fs";
import { dirname, join, resolve, win32 } from "node:path";

/** The folder Claude Code reads managed settings from on each OS (2.1.330's binary, Anthropic's docs). */
export const MANAGED_DIRS = {
  linux: "/etc/claude-code",
  darwin: "/Library/Application Support/ClaudeCode",
  win32: "C:\\Program Files\\ClaudeCode",
} as const;

export const MANAGED_FILE = "managed-settings.json";
export const MANAGED_DROP_IN_DIR = "managed-settings.d";

/** Linux and WSL (and every other POSIX system) use /etc/claude-code. */
export function managedDir(platform: NodeJS.Platform = process.platform): string {
  if (platform === "darwin" || platform === "win32") return MANAGED_DIRS[platform];
  return MANAGED_DIRS.linux;
}

/** The managed-settings.json Claude Code reads on `platform`. */
export function managedFile(platform: NodeJS.Platform = process.platform): string {
  return platform === "win32" ? win32.join(managedDir(platform), MANAGED_FILE) : join(managedDir(platform), MANAGED_FILE);
}

/** The drop-ins beside a managed-settings.json, in the order Claude Code merges them (later wins). */
export function managedDropIns(dir: string): string[] {
  const folder = join(dir, MANAGED_DROP_IN_DIR);
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return [];
  }
  return names
    .filter((name) => name.endsWith(".json") && !name.startsWith("."))
    .sort()
    .map((name) => join(folder, name));
}

/** `$CLAUDE_CONFIG_DIR` moves the user settings (and everything else of ~/.claude). */
export function userSettingsFile(home: string, env: Readonly<Record<string, string | undefined>>): string {
  const configDir = env.CLAUDE_CONFIG_DIR;
  return configDir ? join(resolve(configDir), "settings.json") : join(home, ".claude", "settings.json");
}

export function projectSettingsFile(cwd: string): string {
  return join(cwd, ".claude", "settings.json");
}

/** The nearest folder at or above `cwd` holding a `.git` entry (a folder, or a worktree's file). */
export function gitRoot(cwd: string): string | undefined {
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    if (existsSync(join(dir, ".git"))) return dir;
    if (dirname(dir) === dir) return undefined;
  }
}

/**
 * Claude Code 2.1.330 keeps "local" settings at the repository root only when the root, its
 * `.git` and its `.claude` entries belong to the user running it (and the root is not the home
 * folder); otherwise at the working directory. Observed: the root's file wins when it exists.
 */
export function localSettingsFile(cwd: string, home: string): string {
  const here = join(cwd, ".claude", "settings.local.json");
  const root = gitRoot(cwd);
  if (!root || root === resolve(cwd) || root === resolve(home)) return here;
  const atRoot = join(root, ".claude", "settings.local.json");
  if (!existsSync(atRoot) || !ownedByMe(root)) return here;
  return atRoot;
}

function ownedByMe(root: string): boolean {
  if (typeof process.getuid !== "function") return false;
  const me = process.getuid();
  try {
    return statSync(root).uid === me && lstatSync(join(root, ".git")).uid === me && lstatSync(join(root, ".claude")).uid === me;
  } catch {
    return false;
  }
}
