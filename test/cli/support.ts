/**
 * Runs the CLI in-process against a temp home and a fake shell environment (never the real ~
 * or process.env), and builds team settings the way the stacks render them.
 */
import { join } from "node:path";
import { type ClaudeSettings, renderSettings, type SettingsInput } from "../../src/constructs/settings";
import { run } from "../../src/cli/main";
import { removeTestDir, testDir } from "../support/run-root";

export const TEAM_KEY = "pk-team-a-7f3e9c2b1d0a4e5f";

/** The developer the test shell names (USER): onboard stamps it as _user. */
export const DEVELOPER = "dev@example.com";

/** A team's settings as onboard leaves them for DEVELOPER (the stacks render no _user; onboard adds it). */
export const TEAM_INPUT: SettingsInput = {
  gatewayUrl: "https://api.portkey.ai",
  apiKey: TEAM_KEY,
  routing: { providerSlug: "vertex-team-a" },
  metadata: { team: "team-a", _user: DEVELOPER },
};

export function teamSettings(input: Partial<SettingsInput> = {}): ClaudeSettings {
  return renderSettings({ ...TEAM_INPUT, ...input }).settings;
}

/** What `terraform output -json` prints for a sensitive output. */
export function terraformOutput(outputs: Record<string, ClaudeSettings>): string {
  const wrapped = Object.fromEntries(Object.entries(outputs).map(([name, value]) => [name, { sensitive: true, type: ["object", {}], value }]));
  return JSON.stringify(wrapped, null, 2);
}

const homes: string[] = [];
afterAll(() => {
  for (const dir of homes) removeTestDir(dir);
});

/** A fresh temp directory, removed after the suite. */
export function tempDir(prefix = "cvp-home-"): string {
  const dir = testDir(prefix);
  homes.push(dir);
  return dir;
}

export const settingsPath = (home: string) => join(home, ".claude", "settings.json");

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  // biome-ignore lint/suspicious/noExplicitAny: tests read deep paths of the --json document
  json(): any;
}

export interface CliOptions {
  readonly env?: Record<string, string>;
  readonly stdin?: string;
  readonly now?: Date;
  /** The folder the command runs in (doctor's project settings). */
  readonly cwd?: string;
  /** The system's managed-settings folder (never the real /etc/claude-code in tests). */
  readonly managedDir?: string;
}

export const FIXED_NOW = new Date("2025-03-04T05:06:07.089Z");

export async function cli(argv: string[], options: CliOptions = {}): Promise<CliResult> {
  let stdout = "";
  let stderr = "";
  const code = await run(argv, {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    readStdin: async () => options.stdin ?? "",
    // A developer name, as every real shell has one (onboard stamps it as _user).
    env: { USER: DEVELOPER, ...options.env },
    homeDir: "/nonexistent-home-tests-must-pass-home",
    cwd: options.cwd ?? "/nonexistent-cwd-tests-must-pass-project",
    managedDir: options.managedDir ?? "/nonexistent-managed-tests-must-pass-managed-dir",
    now: () => options.now ?? FIXED_NOW,
  });
  return { code, stdout, stderr, json: () => JSON.parse(stdout) };
}

/** The key, and any other secret given, appear nowhere in what the CLI printed. */
export function expectNoSecret(result: CliResult, ...secrets: string[]): void {
  for (const secret of [TEAM_KEY, ...secrets]) {
    expect(result.stdout).not.toContain(secret);
    expect(result.stderr).not.toContain(secret);
  }
}
