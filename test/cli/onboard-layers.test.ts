/**
 * `onboard` knows where Claude Code reads managed settings on each OS, and says which existing
 * layers will win over the file it writes (Claude Code 2.1.330: managed > --settings > local >
 * project > user, any file's env over the shell), warning about each value they override.
 */
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { ClaudeSettings } from "../../src/constructs/settings";
import { cli, expectNoSecret, settingsPath, teamSettings, tempDir } from "./support";

const team = JSON.stringify(teamSettings());
const helperTeam = JSON.stringify(teamSettings({ mode: "api-key-helper", apiKey: undefined, apiKeyHelper: "gcloud secrets versions access latest --secret=team-a" }));

function write(path: string, content: ClaudeSettings): string {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, JSON.stringify(content), { mode: 0o600 });
  return path;
}

async function onboard(args: string[], options: { cwd?: string; managedDir?: string; env?: Record<string, string>; stdin?: string } = {}) {
  const result = await cli(["onboard", "-", "--json", ...args], { stdin: options.stdin ?? team, ...options });
  // biome-ignore lint/suspicious/noExplicitAny: the --json document
  const report: any = result.json();
  return { result, report, rules: report.warnings.map((f: { rule: string }) => f.rule) as string[] };
}

describe("--managed", () => {
  it("lists the managed-settings.json path of Linux, macOS and Windows in --help", async () => {
    const help = (await cli(["onboard", "--help"])).stdout;
    expect(help).toContain("/etc/claude-code/managed-settings.json");
    expect(help).toContain("/Library/Application Support/ClaudeCode/managed-settings.json");
    expect(help).toContain("C:\\Program Files\\ClaudeCode\\managed-settings.json");
  });

  it("--managed system writes the file Claude Code reads on this machine, 0644", async () => {
    const managedDir = join(tempDir("cvp-etc-"), "claude-code");
    const { result, report, rules } = await onboard(["--managed", "system"], { managedDir, stdin: helperTeam });
    expect(result.code).toBe(0);
    expect(report.target).toBe(join(managedDir, "managed-settings.json"));
    expect(statSync(join(managedDir, "managed-settings.json")).mode & 0o777).toBe(0o644);
    expect(rules).not.toContain("managed-path-not-read");
  });

  it("--managed <elsewhere> is written, with a warning that Claude Code reads managed settings only from the system folder", async () => {
    const path = join(tempDir("cvp-mdm-"), "managed-settings.json");
    const { result, report, rules } = await onboard(["--managed", path], { managedDir: join(tempDir("cvp-etc-"), "claude-code"), stdin: helperTeam });
    expect(result.code).toBe(0);
    expect(existsSync(path)).toBe(true);
    expect(rules).toContain("managed-path-not-read");
    const warning = report.warnings.find((f: { rule: string }) => f.rule === "managed-path-not-read");
    expect(warning.message).toContain("Windows C:\\Program Files\\ClaudeCode\\managed-settings.json");
    expect(warning.fix).toContain("--managed system");
  });

  it("warns when a managed-settings.d drop-in beside it overrides what it writes", async () => {
    const managedDir = join(tempDir("cvp-etc-"), "claude-code");
    const dropIn = write(join(managedDir, "managed-settings.d", "50-gateway.json"), { env: { ANTHROPIC_BASE_URL: "https://old-gateway.example.com" } });
    const { report, rules } = await onboard(["--managed", "system"], { managedDir, stdin: helperTeam });
    expect(rules).toContain("written-value-overridden");
    expect(report.warnings.find((f: { rule: string }) => f.rule === "written-value-overridden").message).toContain(`managed settings ${dropIn}`);
  });
});

describe("layers above the file onboard writes", () => {
  it("names a stale project file in the current folder that overrides the key and base URL, and still writes", async () => {
    const home = tempDir();
    const cwd = tempDir("cvp-project-");
    const stale = "pk-stale-project-key-0000aaaa";
    const project = write(join(cwd, ".claude", "settings.json"), { env: { ANTHROPIC_AUTH_TOKEN: stale, ANTHROPIC_BASE_URL: "https://old-gateway.example.com" } });
    const { result, report, rules } = await onboard(["--home", home], { cwd });
    expect(result.code).toBe(0);
    expect(report.written).toBe(true);
    expect(rules.filter((rule) => rule === "written-value-overridden")).toHaveLength(2);
    expect(report.warnings.map((f: { message: string }) => f.message).join("\n")).toContain(`overridden here by project settings ${project}`);
    const other = tempDir();
    const human = await cli(["onboard", "-", "--home", other], { stdin: team, cwd });
    expect(human.stdout).toContain(`above ${settingsPath(other)} here: project ${project}`);
    expectNoSecret(human, stale);
    expectNoSecret(result, stale);
  });

  it("says nothing is above it when no other layer exists", async () => {
    const home = tempDir();
    const human = await cli(["onboard", "-", "--home", home], { stdin: team, cwd: tempDir("cvp-project-") });
    expect(human.stdout).toContain(`above ${settingsPath(home)} here: nothing`);
    expect(human.stdout).not.toContain("written-value-overridden");
  });

  it("warns that managed forceLoginMethod will lock the written key out", async () => {
    const managedDir = join(tempDir("cvp-etc-"), "claude-code");
    write(join(managedDir, "managed-settings.json"), { forceLoginMethod: "claudeai" });
    const { result, rules } = await onboard(["--home", tempDir()], { managedDir });
    expect(result.code).toBe(0);
    expect(rules).toContain("managed-forces-login");
  });

  it("warns that ANTHROPIC_MODEL exported in the shell overrides the model it writes", async () => {
    const { report } = await onboard(["--home", tempDir()], { env: { ANTHROPIC_MODEL: "claude-opus-4-6" } });
    expect(report.warnings.find((f: { rule: string; message: string }) => f.message.startsWith('"model": "sonnet" is overridden here by ANTHROPIC_MODEL'))).toBeDefined();
  });

  it("writes to $CLAUDE_CONFIG_DIR/settings.json when that is where Claude Code reads user settings", async () => {
    const configDir = tempDir("cvp-config-");
    const { result, report } = await onboard([], { env: { CLAUDE_CONFIG_DIR: configDir } });
    expect(result.code).toBe(0);
    expect(report.target).toBe(join(configDir, "settings.json"));
    expect(JSON.parse(readFileSync(join(configDir, "settings.json"), "utf8")).env.ANTHROPIC_BASE_URL).toBe("https://api.portkey.ai");
  });
});
