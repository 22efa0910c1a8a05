/**
 * `doctor` reads every settings layer Claude Code reads in a folder and combines them as the real
 * client does (observed with Claude Code 2.1.330; the real-client suite,
 * test/e2e/claude-code-client.e2e.test.ts, checks the same cases against the binary):
 * managed > --settings > local > project > user, variable by variable; any file's env over the
 * shell; ANTHROPIC_MODEL over every `model`; --model over all.
 */
import { execFileSync } from "node:child_process";
import { chmodSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { ClaudeSettings } from "../../src/constructs/settings";
import { cli, expectNoSecret, settingsPath, TEAM_KEY, teamSettings, tempDir } from "./support";

const good = teamSettings();
const OTHER_KEY = "pk-stale-project-key-9f8e7d6c";

function write(path: string, content: ClaudeSettings | string): string {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, typeof content === "string" ? content : JSON.stringify(content, null, 2));
  chmodSync(path, 0o600);
  return path;
}

/** A home with the onboarded user settings, and an empty project folder. */
function setup(user: ClaudeSettings = good) {
  const home = tempDir();
  write(settingsPath(home), user);
  const project = tempDir("cvp-project-");
  const managed = tempDir("cvp-managed-");
  return { home, project, managed };
}

async function doctor(where: { home: string; project: string; managed?: string }, extra: string[] = [], env: Record<string, string> = {}) {
  const result = await cli(["doctor", "--home", where.home, "--project", where.project, "--json", ...extra], { env, managedDir: where.managed });
  // biome-ignore lint/suspicious/noExplicitAny: the --json document
  const report: any = result.json();
  const rules = report.findings.map((f: { rule: string }) => f.rule);
  return { result, report, rules };
}

const rule = (report: { findings: { rule: string; message: string; fix: string }[] }, name: string) => report.findings.find((f) => f.rule === name);

describe("the shell loses to every settings file, and applies alone", () => {
  it("a shell export of a variable the user file sets is ignored: doctor checks the file's value and says the export has no effect", async () => {
    const where = setup();
    const { result, report, rules } = await doctor(where, [], { ANTHROPIC_BASE_URL: "https://api.portkey.ai/v1", ANTHROPIC_AUTH_TOKEN: OTHER_KEY });
    expect(report.effective["env.ANTHROPIC_BASE_URL"]).toMatchObject({ value: "https://api.portkey.ai", source: "user", hides: [{ value: "https://api.portkey.ai/v1", source: "shell" }] });
    expect(report.effective["env.ANTHROPIC_AUTH_TOKEN"]).toMatchObject({ value: `****${TEAM_KEY.slice(-4)}`, source: "user" });
    expect(rules).not.toContain("base-url-v1");
    expect(rules).toEqual(["shell-export-ignored", "shell-export-ignored"]);
    expect(rule(report, "shell-export-ignored")?.message).toContain("Claude Code (2.1.330) uses the file's value");
    expect(result.code).toBe(0);
    expectNoSecret(result, OTHER_KEY);
  });

  it("a variable only in the shell applies, and is checked", async () => {
    const { ANTHROPIC_BASE_URL: _base, ...env } = good.env ?? {};
    const where = setup({ ...good, env });
    const { result, report, rules } = await doctor(where, [], { ANTHROPIC_BASE_URL: "https://api.portkey.ai/v1", PATH: "/usr/bin" });
    expect(report.effective["env.ANTHROPIC_BASE_URL"]).toMatchObject({ value: "https://api.portkey.ai/v1", source: "shell" });
    expect(report.shell).toEqual(["ANTHROPIC_BASE_URL"]);
    expect(rules).toEqual(expect.arrayContaining(["shell-only", "base-url-v1"]));
    expect(rule(report, "shell-only")?.fix).toContain("unset ANTHROPIC_BASE_URL");
    expect(result.code).toBe(1);
  });

  it("a shell ANTHROPIC_API_KEY beside the file's apiKeyHelper: two credentials, the shell's key masked", async () => {
    const shellKey = "sk-ant-personal-0123456789abcdef";
    const where = setup(teamSettings({ mode: "api-key-helper", apiKey: undefined, apiKeyHelper: "gcloud secrets versions access latest --secret=team-a" }));
    const { result, rules } = await doctor(where, [], { ANTHROPIC_API_KEY: shellKey });
    expect(rules).toEqual(expect.arrayContaining(["shell-only", "helper-beside-token"]));
    expect(result.stdout).toContain(`****${shellKey.slice(-4)}`);
    expectNoSecret(result, shellKey);
  });

  it("ANTHROPIC_MODEL in the shell wins over the file's model setting (not over the file's env)", async () => {
    const where = setup();
    const { report, rules } = await doctor(where, [], { ANTHROPIC_MODEL: "claude-opus-4-6" });
    expect(report.requestModel).toMatchObject({ id: "claude-opus-4-6", chosen: { value: "claude-opus-4-6", source: "shell" } });
    expect(rules).toContain("model-variable-wins");
    expect(rule(report, "model-variable-wins")?.message).toContain('wins over "model": "sonnet"');
  });

  it("ignores shell variables that are not about the gateway, and identical ones", async () => {
    const where = setup();
    const { result, report } = await doctor(where, [], { HOME: "/home/ada", ANTHROPIC_BASE_URL: good.env?.ANTHROPIC_BASE_URL ?? "" });
    expect(report.findings).toEqual([]);
    expect(result.code).toBe(0);
  });
});

describe("project and local settings of the folder Claude Code starts in", () => {
  it("a stale project file overrides the onboarded user file: doctor uses the project's values and says which file wins", async () => {
    const where = setup();
    write(join(where.project, ".claude", "settings.json"), { env: { ANTHROPIC_AUTH_TOKEN: OTHER_KEY, ANTHROPIC_BASE_URL: "https://old-gateway.example.com" } });
    const { result, report, rules } = await doctor(where);
    expect(report.effective["env.ANTHROPIC_BASE_URL"]).toMatchObject({ value: "https://old-gateway.example.com", source: "project", path: join(where.project, ".claude", "settings.json") });
    expect(report.effective["env.ANTHROPIC_AUTH_TOKEN"]).toMatchObject({ value: `****${OTHER_KEY.slice(-4)}`, source: "project" });
    expect(rules.filter((name: string) => name === "layer-overrides")).toHaveLength(2);
    expect(rule(report, "layer-overrides")?.message).toContain(`from project settings ${join(where.project, ".claude", "settings.json")} overrides`);
    // Variables the project file does not set still come from the user file.
    expect(report.effective["env.ANTHROPIC_CUSTOM_HEADERS"]).toMatchObject({ source: "user" });
    expectNoSecret(result, OTHER_KEY);
  });

  it("local beats project, and an empty value hides the one below it", async () => {
    const where = setup();
    write(join(where.project, ".claude", "settings.json"), { env: { ANTHROPIC_DEFAULT_SONNET_MODEL: "claude-sonnet-4-5@20250929" } });
    write(join(where.project, ".claude", "settings.local.json"), { env: { ANTHROPIC_DEFAULT_SONNET_MODEL: "claude-opus-4-6", ANTHROPIC_DEFAULT_HAIKU_MODEL: "" } });
    const { report, rules } = await doctor(where);
    expect(report.effective["env.ANTHROPIC_DEFAULT_SONNET_MODEL"]).toMatchObject({ value: "claude-opus-4-6", source: "local" });
    expect(report.effective["env.ANTHROPIC_DEFAULT_SONNET_MODEL"].hides.map((h: { source: string }) => h.source)).toEqual(["project", "user"]);
    expect(report.requestModel).toMatchObject({ id: "claude-opus-4-6", slot: "ANTHROPIC_DEFAULT_SONNET_MODEL" });
    expect(rules).toEqual(expect.arrayContaining(["empty-value-hides", "model-slot-unset"]));
  });

  it("in a subfolder of a repository: the root's settings.local.json applies, the root's settings.json does not (only the start folder's)", async () => {
    const where = setup();
    execFileSync("git", ["init", "-q", where.project]);
    write(join(where.project, ".claude", "settings.json"), { env: { ANTHROPIC_DEFAULT_OPUS_MODEL: "claude-opus-4-1@20250805" } });
    const local = write(join(where.project, ".claude", "settings.local.json"), { env: { ANTHROPIC_DEFAULT_HAIKU_MODEL: "claude-sonnet-4-6" } });
    const sub = join(where.project, "packages", "api");
    mkdirSync(sub, { recursive: true });
    const { report } = await doctor({ ...where, project: sub });
    expect(report.cwd).toBe(sub);
    expect(report.layers.map((l: { source: string; path: string }) => `${l.source} ${l.path}`)).toEqual(
      expect.arrayContaining([`local ${local}`, `project ${join(sub, ".claude", "settings.json")}`]),
    );
    expect(report.effective["env.ANTHROPIC_DEFAULT_HAIKU_MODEL"]).toMatchObject({ value: "claude-sonnet-4-6", source: "local" });
    expect(report.effective["env.ANTHROPIC_DEFAULT_OPUS_MODEL"]).toMatchObject({ value: "claude-opus-5-5", source: "user" });
  });

  it("a project file that is not JSON is reported (where, not what: it may hold a key) and ignored, as Claude Code ignores it", async () => {
    const where = setup();
    write(join(where.project, ".claude", "settings.json"), `{ "env": { "ANTHROPIC_AUTH_TOKEN": "${OTHER_KEY}" x } }`);
    const { result, report, rules } = await doctor(where);
    expect(rules).toContain("settings-corrupt");
    expect(rule(report, "settings-corrupt")?.message).toMatch(/it is not valid JSON \(at position \d+/);
    expectNoSecret(result, OTHER_KEY, OTHER_KEY.slice(0, 12));
    expect(report.layers.find((l: { source: string }) => l.source === "project")).toMatchObject({ state: "unusable" });
    expect(report.effective["env.ANTHROPIC_BASE_URL"]).toMatchObject({ source: "user" });
  });

  it("a non-string env value counts as Claude Code reads it (String(value))", async () => {
    const where = setup();
    write(join(where.project, ".claude", "settings.json"), { env: { ANTHROPIC_MODEL: 5 as unknown as string } });
    const { report, rules } = await doctor(where);
    expect(report.requestModel).toMatchObject({ id: "5", chosen: { source: "project" } });
    expect(rules).toContain("env-not-string");
  });
});

describe("--settings, managed settings and --model", () => {
  it("--settings (a file or inline JSON) beats local, project and user", async () => {
    const where = setup();
    write(join(where.project, ".claude", "settings.local.json"), { env: { ANTHROPIC_DEFAULT_SONNET_MODEL: "claude-sonnet-4-5@20250929" } });
    const inline = await doctor(where, ["--settings", '{"env":{"ANTHROPIC_DEFAULT_SONNET_MODEL":"claude-opus-4-6"}}']);
    expect(inline.report.effective["env.ANTHROPIC_DEFAULT_SONNET_MODEL"]).toMatchObject({ value: "claude-opus-4-6", source: "flag", path: "(inline JSON)" });
    const file = write(join(tempDir(), "flag.json"), { env: { ANTHROPIC_DEFAULT_SONNET_MODEL: "claude-haiku-4-5@20251001" } });
    const fromFile = await doctor(where, ["--settings", file]);
    expect(fromFile.report.effective["env.ANTHROPIC_DEFAULT_SONNET_MODEL"]).toMatchObject({ value: "claude-haiku-4-5@20251001", source: "flag", path: file });
    expect(rule(fromFile.report, "layer-overrides")?.fix).toContain("--settings");
  });

  it("managed settings beat every layer; a drop-in in managed-settings.d beats managed-settings.json", async () => {
    const where = setup();
    write(join(where.managed, "managed-settings.json"), { env: { ANTHROPIC_BASE_URL: "https://gateway.corp.example", ANTHROPIC_DEFAULT_OPUS_MODEL: "claude-opus-4-1@20250805" } });
    const dropIn = write(join(where.managed, "managed-settings.d", "10-models.json"), { env: { ANTHROPIC_DEFAULT_OPUS_MODEL: "claude-opus-4-6" } });
    const { report, rules } = await doctor(where, ["--settings", '{"env":{"ANTHROPIC_BASE_URL":"https://flag.example"}}']);
    expect(report.layers.slice(0, 3).map((l: { source: string; path: string }) => l.path)).toEqual([dropIn, join(where.managed, "managed-settings.json"), "(inline JSON)"]);
    expect(report.effective["env.ANTHROPIC_BASE_URL"]).toMatchObject({ value: "https://gateway.corp.example", source: "managed" });
    expect(report.effective["env.ANTHROPIC_DEFAULT_OPUS_MODEL"]).toMatchObject({ value: "claude-opus-4-6", path: dropIn });
    expect(rules).toContain("layer-overrides");
    expect(rule(report, "layer-overrides")?.fix).toContain("Managed settings win over every other file");
  });

  it("managed forceLoginMethod locks the gateway's credential out: an error, and the probe is not sent", async () => {
    const where = setup();
    write(join(where.managed, "managed-settings.json"), { forceLoginMethod: "claudeai" });
    const { result, report, rules } = await doctor(where, ["--probe"]);
    expect(rules).toContain("managed-forces-login");
    expect(rule(report, "managed-forces-login")?.message).toContain("This machine's managed settings require a first-party login");
    expect(report.probe.skipped).toContain("force a first-party login");
    expect(result.code).toBe(1);
  });

  it("forceLoginMethod outside managed settings is ignored, as Claude Code ignores it", async () => {
    const where = setup();
    write(join(where.project, ".claude", "settings.json"), { forceLoginMethod: "claudeai" });
    const { rules } = await doctor(where);
    expect(rules).not.toContain("managed-forces-login");
  });

  it("--model wins over ANTHROPIC_MODEL and model, and still goes through the alias slots", async () => {
    const where = setup();
    const { report } = await doctor(where, ["--model", "haiku"], { ANTHROPIC_MODEL: "claude-opus-4-6" });
    expect(report.requestModel).toMatchObject({ id: "claude-haiku-5-5", chosen: { value: "haiku", source: "command-line" }, slot: "ANTHROPIC_DEFAULT_HAIKU_MODEL" });
  });

  it("CLAUDE_CONFIG_DIR moves the user settings, as in Claude Code", async () => {
    const where = setup({});
    const configDir = tempDir("cvp-config-");
    write(join(configDir, "settings.json"), good);
    const { report } = await doctor(where, [], { CLAUDE_CONFIG_DIR: configDir });
    expect(report.layers.at(-1)).toMatchObject({ source: "user", path: join(configDir, "settings.json"), state: "present" });
    expect(report.effective["env.ANTHROPIC_BASE_URL"]).toMatchObject({ source: "user" });
  });

  it("lists every layer, highest first, in the human output too", async () => {
    const where = setup();
    const result = await cli(["doctor", "--home", where.home, "--project", where.project], { managedDir: where.managed });
    const order = ["managed ", "local ", "project ", "user ", "shell "].map((name) => result.stdout.indexOf(`    ${name}`));
    expect(order.every((at, i) => at > 0 && (i === 0 || at > order[i - 1]))).toBe(true);
    expect(result.stdout).toContain("model in requests");
    expectNoSecret(result);
  });
});
